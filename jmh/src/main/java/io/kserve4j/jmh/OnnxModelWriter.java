package io.kserve4j.jmh;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes small ONNX models (protobuf {@code ModelProto}) without the ONNX libraries, for benchmarks
 * that need a model of a given size. Field numbers are ONNX's ({@code onnx.proto3}).
 */
public final class OnnxModelWriter {
  private static final int FLOAT = 1;

  private OnnxModelWriter() {}

  /**
   * A fully connected network {@code input [N, in] -> Gemm -> Relu -> Gemm -> output [N, out]} with
   * random weights from {@code seed}, opset 13.
   */
  public static byte[] mlp(int in, int hidden, int out, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Proto graph = new Proto();
    graph.message(1, node("Gemm", new String[] {"input", "w1", "b1"}, "h"));
    graph.message(1, node("Relu", new String[] {"h"}, "r"));
    graph.message(1, node("Gemm", new String[] {"r", "w2", "b2"}, "output"));
    graph.string(2, "mlp");
    graph.message(5, weights("w1", random, (float) Math.sqrt(2.0 / in), in, hidden));
    graph.message(5, weights("b1", random, 0.01f, hidden));
    graph.message(5, weights("w2", random, (float) Math.sqrt(2.0 / hidden), hidden, out));
    graph.message(5, weights("b2", random, 0.01f, out));
    graph.message(11, valueInfo("input", in));
    graph.message(12, valueInfo("output", out));
    Proto opset = new Proto();
    opset.string(1, "");
    opset.varint(2, 13);
    Proto model = new Proto();
    model.varint(1, 8);
    model.string(2, "kserve4j-jmh");
    model.message(7, graph);
    model.message(8, opset);
    return model.bytes();
  }

  private static Proto node(String op, String[] inputs, String output) {
    Proto n = new Proto();
    for (String i : inputs) {
      n.string(1, i);
    }
    n.string(2, output);
    n.string(4, op);
    return n;
  }

  private static Proto weights(String name, SplittableRandom random, float scale, int... dims) {
    int count = 1;
    for (int d : dims) {
      count *= d;
    }
    ByteBuffer raw = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      raw.putFloat((float) (random.nextDouble(-1, 1) * scale));
    }
    Proto t = new Proto();
    for (int d : dims) {
      t.varint(1, d);
    }
    t.varint(2, FLOAT);
    t.string(8, name);
    t.bytes(9, raw.array());
    return t;
  }

  /** {@code name: float [N, width]} with a symbolic batch dimension. */
  private static Proto valueInfo(String name, int width) {
    Proto batch = new Proto();
    batch.string(2, "N");
    Proto cols = new Proto();
    cols.varint(1, width);
    Proto shape = new Proto();
    shape.message(1, batch);
    shape.message(1, cols);
    Proto tensorType = new Proto();
    tensorType.varint(1, FLOAT);
    tensorType.message(2, shape);
    Proto type = new Proto();
    type.message(1, tensorType);
    Proto info = new Proto();
    info.string(1, name);
    info.message(2, type);
    return info;
  }

  /** A protobuf message being written: varints and length-delimited fields only. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varint(int field, long value) {
      writeVarint(((long) field << 3));
      writeVarint(value);
    }

    void bytes(int field, byte[] value) {
      writeVarint(((long) field << 3) | 2);
      writeVarint(value.length);
      out.write(value, 0, value.length);
    }

    void string(int field, String value) {
      bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    void message(int field, Proto value) {
      bytes(field, value.bytes());
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void writeVarint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
