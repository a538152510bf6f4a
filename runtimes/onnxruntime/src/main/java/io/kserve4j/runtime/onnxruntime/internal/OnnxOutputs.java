package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtUtil;
import ai.onnxruntime.TensorInfo;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Copies ONNX Runtime outputs into protocol tensors over Java arrays, so that they outlive the
 * {@code OrtSession.Result} they came from.
 *
 * <p>A tensor becomes one {@link Tensor} of the same name. A sequence of maps (sklearn's ZipMap,
 * {@code seq(map(int64|string, float))}) becomes two: the values as a matrix {@code [rows,
 * classes]} whose columns follow the class labels in ascending order, and {@code <name>_labels}
 * holding those labels. A single map is a sequence of one. A sequence of tensors of one shape is
 * stacked along a new first dimension.
 */
final class OnnxOutputs {
  /** The suffix of the output that holds a map output's keys (class labels). */
  static final String LABELS_SUFFIX = "_labels";

  private static final Comparator<Object> LABEL_ORDER =
      (a, b) -> {
        if (a instanceof Long x && b instanceof Long y) {
          return Long.compare(x, y);
        }
        return Arrays.compareUnsigned(utf8(a), utf8(b));
      };

  private OnnxOutputs() {}

  /** The protocol tensors for one ONNX Runtime output value. */
  static Tensor[] convert(String name, OnnxValue value) throws OrtException {
    if (value instanceof OnnxTensor tensor) {
      return new Tensor[] {tensor(name, tensor)};
    }
    if (value instanceof OnnxSequence sequence) {
      List<? extends OnnxValue> elements = sequence.getValue();
      try {
        if (sequence.getInfo().isSequenceOfMaps()) {
          List<Map<?, ?>> rows = new ArrayList<>(elements.size());
          for (OnnxValue element : elements) {
            rows.add(((OnnxMap) element).getValue());
          }
          return maps(name, rows);
        }
        return new Tensor[] {stacked(name, elements, sequence)};
      } finally {
        for (OnnxValue element : elements) {
          element.close();
        }
      }
    }
    if (value instanceof OnnxMap map) {
      return maps(name, List.of(map.getValue()));
    }
    throw new IllegalStateException(
        "output '"
            + name
            + "' is a "
            + value.getType()
            + ", which kserve4j cannot turn into tensors (tensors, sequences and maps are"
            + " supported)");
  }

  /** One ONNX tensor as a protocol tensor over a Java array. */
  static Tensor tensor(String name, OnnxTensor t) throws OrtException {
    TensorInfo info = t.getInfo();
    DataType type = OnnxTypes.dataType(info.onnxType);
    if (type == null) {
      throw new IllegalStateException(
          "output '"
              + name
              + "' is "
              + OnnxTypes.onnxName(info.onnxType)
              + ", which the Open Inference Protocol has no datatype for");
    }
    long[] shape = info.getShape();
    if (info.getNumElements() == 0) {
      return Tensor.of(name, type, emptyArray(type), shape);
    }
    if (shape.length == 0 && type.isFixedWidth()) {
      // A scalar: only the buffer factory keeps the empty shape.
      return Tensor.of(name, type, t.getByteBuffer(), shape);
    }
    return switch (type) {
      case FP32 -> Tensor.of(name, type, t.getFloatBuffer().array(), shape);
      case FP64 -> Tensor.of(name, type, t.getDoubleBuffer().array(), shape);
      case INT64, UINT64 -> Tensor.of(name, type, t.getLongBuffer().array(), shape);
      case INT32, UINT32 -> Tensor.of(name, type, t.getIntBuffer().array(), shape);
      case INT16, UINT16, FP16, BF16 -> Tensor.of(name, type, t.getShortBuffer().array(), shape);
      case INT8, UINT8 -> Tensor.of(name, type, t.getByteBuffer().array(), shape);
      case BOOL -> {
        byte[] raw = t.getByteBuffer().array();
        boolean[] values = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
          values[i] = raw[i] != 0;
        }
        yield Tensor.of(name, type, values, shape);
      }
      case BYTES -> {
        Object value = t.getValue();
        String[] strings =
            value instanceof String one ? new String[] {one} : OrtUtil.flattenString(value);
        byte[][] bytes = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
          bytes[i] = strings[i].getBytes(StandardCharsets.UTF_8);
        }
        yield Tensor.of(name, type, bytes, shape);
      }
    };
  }

  /**
   * Rows of maps with the same keys as a values matrix {@code [rows, keys]} and the keys in column
   * order (ascending: numbers by value, strings by their UTF-8 bytes, as {@code std::map} and
   * sklearn's sorted {@code classes_} order them).
   */
  static Tensor[] maps(String name, List<? extends Map<?, ?>> rows) {
    String labelsName = name + LABELS_SUFFIX;
    if (rows.isEmpty()) {
      return new Tensor[] {
        Tensor.of(name, new float[0], 0, 0), Tensor.of(labelsName, new long[0], 0)
      };
    }
    Object[] keys = rows.get(0).keySet().toArray();
    Arrays.sort(keys, LABEL_ORDER);
    int cols = keys.length;
    int n = Math.multiplyExact(rows.size(), cols);
    Object sample = cols == 0 ? Float.valueOf(0f) : rows.get(0).get(keys[0]);
    Object values;
    DataType valueType;
    if (sample instanceof Float) {
      valueType = DataType.FP32;
      values = new float[n];
    } else if (sample instanceof Double) {
      valueType = DataType.FP64;
      values = new double[n];
    } else if (sample instanceof Long) {
      valueType = DataType.INT64;
      values = new long[n];
    } else {
      valueType = DataType.BYTES;
      values = new byte[n][];
    }
    for (int r = 0; r < rows.size(); r++) {
      Map<?, ?> row = rows.get(r);
      if (row.size() != cols) {
        throw new IllegalStateException(
            "output '"
                + name
                + "': row "
                + r
                + " has "
                + row.size()
                + " keys but row 0 has "
                + cols
                + " (every map in the sequence must have the same keys)");
      }
      for (int c = 0; c < cols; c++) {
        Object v = row.get(keys[c]);
        if (v == null) {
          throw new IllegalStateException(
              "output '" + name + "': row " + r + " has no key " + keys[c] + " that row 0 has");
        }
        int i = r * cols + c;
        switch (valueType) {
          case FP32 -> ((float[]) values)[i] = (Float) v;
          case FP64 -> ((double[]) values)[i] = (Double) v;
          case INT64 -> ((long[]) values)[i] = (Long) v;
          default -> ((byte[][]) values)[i] = utf8(v);
        }
      }
    }
    Tensor labels;
    if (cols > 0 && keys[0] instanceof Long) {
      long[] ids = new long[cols];
      for (int c = 0; c < cols; c++) {
        ids[c] = (Long) keys[c];
      }
      labels = Tensor.of(labelsName, ids, cols);
    } else if (cols == 0) {
      labels = Tensor.of(labelsName, new long[0], 0);
    } else {
      byte[][] ids = new byte[cols][];
      for (int c = 0; c < cols; c++) {
        ids[c] = utf8(keys[c]);
      }
      labels = Tensor.of(labelsName, DataType.BYTES, ids, cols);
    }
    return new Tensor[] {Tensor.of(name, valueType, values, rows.size(), cols), labels};
  }

  /** The tensors of a sequence stacked along a new first dimension. */
  private static Tensor stacked(String name, List<? extends OnnxValue> elements, OnnxSequence seq)
      throws OrtException {
    if (elements.isEmpty()) {
      DataType type = OnnxTypes.dataType(seq.getInfo().sequenceType);
      if (type == null || type == DataType.BYTES) {
        return Tensor.of(name, DataType.BYTES, new byte[0][], 0);
      }
      return Tensor.of(name, type, ByteBuffer.allocate(0), 0);
    }
    Tensor[] parts = new Tensor[elements.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = tensor(name, (OnnxTensor) elements.get(i));
      if (parts[i].datatype() != parts[0].datatype()
          || !Arrays.equals(parts[i].shape(), parts[0].shape())) {
        throw new IllegalStateException(
            "output '"
                + name
                + "' is a sequence of tensors of different shapes ("
                + parts[0]
                + " and "
                + parts[i]
                + "); only sequences of one shape can be answered as one tensor");
      }
    }
    long[] inner = parts[0].shape();
    long[] shape = new long[inner.length + 1];
    shape[0] = parts.length;
    System.arraycopy(inner, 0, shape, 1, inner.length);
    DataType type = parts[0].datatype();
    if (type == DataType.BYTES) {
      List<byte[]> all = new ArrayList<>();
      for (Tensor part : parts) {
        all.addAll(Arrays.asList(part.asByteArrays()));
      }
      return Tensor.of(name, type, all.toArray(new byte[0][]), shape);
    }
    int bytes = Math.multiplyExact((int) parts[0].elementCount(), type.byteSize());
    ByteBuffer all =
        ByteBuffer.allocate(Math.multiplyExact(bytes, parts.length)).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor part : parts) {
      all.put(part.asByteBuffer());
    }
    all.flip();
    return Tensor.of(name, type, all, shape);
  }

  private static Object emptyArray(DataType type) {
    return switch (type) {
      case FP32 -> new float[0];
      case FP64 -> new double[0];
      case INT64, UINT64 -> new long[0];
      case INT32, UINT32 -> new int[0];
      case INT16, UINT16, FP16, BF16 -> new short[0];
      case INT8, UINT8 -> new byte[0];
      case BOOL -> new boolean[0];
      case BYTES -> new byte[0][];
    };
  }

  private static byte[] utf8(Object value) {
    return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
  }
}
