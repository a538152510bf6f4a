package io.kserve4j.runtime.onnxruntime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds small ONNX models (a {@code ModelProto}) by hand with the official field numbers, so that
 * tests can make a model for any datatype offline.
 */
final class OnnxModelWriter {
  // ONNX TensorProto.DataType codes.
  static final int FLOAT = 1;
  static final int UINT8 = 2;
  static final int INT8 = 3;
  static final int UINT16 = 4;
  static final int INT16 = 5;
  static final int INT32 = 6;
  static final int INT64 = 7;
  static final int STRING = 8;
  static final int BOOL = 9;
  static final int FLOAT16 = 10;
  static final int DOUBLE = 11;
  static final int UINT32 = 12;
  static final int UINT64 = 13;
  static final int BFLOAT16 = 16;

  private OnnxModelWriter() {}

  /**
   * A model {@code y = Identity(x)} whose input and output have element type {@code elemType} and
   * shape {@code [N, columns]} with a symbolic batch dimension.
   */
  static byte[] identity(int elemType, int columns) {
    ProtoWriter node =
        new ProtoWriter().string(1, "x").string(2, "y").string(3, "id").string(4, "Identity");
    ProtoWriter graph =
        new ProtoWriter()
            .message(1, node)
            .string(2, "identity")
            .message(11, valueInfo("x", elemType, columns))
            .message(12, valueInfo("y", elemType, columns));
    return model(graph, 13);
  }

  /**
   * A model {@code y = Identity(x)} of element type {@code elemType} whose input and output declare
   * no shape at all.
   */
  static byte[] identityWithoutShape(int elemType) {
    ProtoWriter node =
        new ProtoWriter().string(1, "x").string(2, "y").string(3, "id").string(4, "Identity");
    ProtoWriter type = new ProtoWriter().message(1, new ProtoWriter().varint(1, elemType));
    ProtoWriter graph =
        new ProtoWriter()
            .message(1, node)
            .string(2, "identity")
            .message(11, new ProtoWriter().string(1, "x").message(2, type))
            .message(12, new ProtoWriter().string(1, "y").message(2, type));
    return model(graph, 13);
  }

  /** A model with the given graph, ONNX domain at {@code opset}, IR version 8. */
  static byte[] model(ProtoWriter graph, int opset) {
    return new ProtoWriter()
        .varint(1, 8)
        .string(2, "kserve4j-test")
        .message(7, graph)
        .message(8, new ProtoWriter().string(1, "").varint(2, opset))
        .toByteArray();
  }

  /** A {@code ValueInfoProto} of a tensor of shape {@code [N, columns]}. */
  static ProtoWriter valueInfo(String name, int elemType, int columns) {
    ProtoWriter shape =
        new ProtoWriter()
            .message(1, new ProtoWriter().string(2, "N"))
            .message(1, new ProtoWriter().varint(1, columns));
    ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
    ProtoWriter type = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }

  /** Writes {@code model} as {@code dir/model.onnx} and returns {@code dir}. */
  static Path write(Path dir, byte[] model) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("model.onnx"), model);
    return dir;
  }
}
