package io.kserve4j.runtime.onnxruntime.internal;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bare serialized {@code onnx.TensorProto} (the ONNX backend tests' {@code input_N.pb} and
 * {@code output_N.pb}) into a protocol {@link Tensor}, from {@code raw_data} or the typed fields.
 */
final class TensorProtoReader {
  private final byte[] buf;
  private int pos;

  private final List<Long> dims = new ArrayList<>();
  private int dataType;
  private String name = "";
  private byte[] raw = new byte[0];
  private boolean hasRaw;
  private final List<Float> floats = new ArrayList<>();
  private final List<Long> int32s = new ArrayList<>();
  private final List<byte[]> strings = new ArrayList<>();
  private final List<Long> int64s = new ArrayList<>();
  private final List<Double> doubles = new ArrayList<>();
  private final List<Long> uint64s = new ArrayList<>();

  private TensorProtoReader(byte[] buf) {
    this.buf = buf;
  }

  /** The tensor in {@code file}. */
  static Tensor read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tensor in these bytes. */
  static Tensor parse(byte[] bytes) {
    TensorProtoReader r = new TensorProtoReader(bytes);
    r.readFields();
    return r.toTensor();
  }

  private void readFields() {
    while (pos < buf.length) {
      long tag = varint();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (field) {
        case 1 -> repeatedVarints(wire, dims);
        case 2 -> dataType = (int) varint();
        case 4 -> {
          if (wire == 2) {
            int end = length();
            while (pos < end) {
              floats.add(Float.intBitsToFloat(fixed32()));
            }
          } else {
            floats.add(Float.intBitsToFloat(fixed32()));
          }
        }
        case 5 -> repeatedVarints(wire, int32s);
        case 6 -> strings.add(bytes());
        case 7 -> repeatedVarints(wire, int64s);
        case 8 -> name = new String(bytes(), StandardCharsets.UTF_8);
        case 9 -> {
          raw = bytes();
          hasRaw = true;
        }
        case 10 -> {
          if (wire == 2) {
            int end = length();
            while (pos < end) {
              doubles.add(Double.longBitsToDouble(fixed64()));
            }
          } else {
            doubles.add(Double.longBitsToDouble(fixed64()));
          }
        }
        case 11 -> repeatedVarints(wire, uint64s);
        default -> skip(wire);
      }
    }
  }

  private Tensor toTensor() {
    long[] shape = new long[dims.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i);
      count *= shape[i];
    }
    int n = (int) count;
    ByteBuffer rawLe = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    DataType type = dataType(dataType);
    if (shape.length == 0 && type != DataType.BYTES) {
      Tensor flat = withShape(type, n, rawLe, new long[] {1});
      return Tensor.of(name, type, flat.asByteBuffer(), shape);
    }
    return withShape(type, n, rawLe, shape);
  }

  private Tensor withShape(DataType type, int n, ByteBuffer rawLe, long[] shape) {
    switch (type) {
      case FP32 -> {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getFloat(i * 4) : floats.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case FP64 -> {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getDouble(i * 8) : doubles.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case INT64 -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getLong(i * 8) : int64s.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case UINT64 -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getLong(i * 8) : uint64s.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case INT32 -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getInt(i * 4) : (int) (long) int32s.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case UINT32 -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getInt(i * 4) : (int) (long) uint64s.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case INT16, UINT16, FP16, BF16 -> {
        short[] v = new short[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.getShort(i * 2) : (short) (long) int32s.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case INT8, UINT8 -> {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.get(i) : (byte) (long) int32s.get(i);
        }
        return Tensor.of(name, type, v, shape);
      }
      case BOOL -> {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? rawLe.get(i) != 0 : int32s.get(i) != 0;
        }
        return Tensor.of(name, type, v, shape);
      }
      case BYTES -> {
        return Tensor.of(name, type, strings.toArray(new byte[0][]), shape);
      }
    }
    throw new AssertionError(type);
  }

  static DataType dataType(int onnxCode) {
    return switch (onnxCode) {
      case 1 -> DataType.FP32;
      case 2 -> DataType.UINT8;
      case 3 -> DataType.INT8;
      case 4 -> DataType.UINT16;
      case 5 -> DataType.INT16;
      case 6 -> DataType.INT32;
      case 7 -> DataType.INT64;
      case 8 -> DataType.BYTES;
      case 9 -> DataType.BOOL;
      case 10 -> DataType.FP16;
      case 11 -> DataType.FP64;
      case 12 -> DataType.UINT32;
      case 13 -> DataType.UINT64;
      case 16 -> DataType.BF16;
      default -> throw new IllegalArgumentException("unsupported ONNX data_type " + onnxCode);
    };
  }

  private void repeatedVarints(int wire, List<Long> into) {
    if (wire == 2) {
      int end = length();
      while (pos < end) {
        into.add(varint());
      }
    } else {
      into.add(varint());
    }
  }

  private int length() {
    int len = (int) varint();
    return pos + len;
  }

  private byte[] bytes() {
    int end = length();
    byte[] out = new byte[end - pos];
    System.arraycopy(buf, pos, out, 0, out.length);
    pos = end;
    return out;
  }

  private long varint() {
    long result = 0;
    int shift = 0;
    while (true) {
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  private int fixed32() {
    int v = ByteBuffer.wrap(buf, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    pos += 4;
    return v;
  }

  private long fixed64() {
    long v = ByteBuffer.wrap(buf, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    pos += 8;
    return v;
  }

  private void skip(int wire) {
    switch (wire) {
      case 0 -> varint();
      case 1 -> pos += 8;
      case 2 -> pos = length();
      case 5 -> pos += 4;
      default -> throw new IllegalArgumentException("unsupported wire type " + wire);
    }
  }
}
