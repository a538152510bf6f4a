package io.kserve4j.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A named, typed, shaped tensor of the Open Inference Protocol.
 *
 * <p>A tensor keeps the memory it is built over: {@code Tensor.of("x", floats, 1, 4)} holds that
 * very {@code float[]}, and a tensor over a direct little-endian {@link ByteBuffer} hands that
 * buffer to the runtime without a copy. Do not change an array or buffer after handing it in. The
 * factories for nested arrays ({@code float[][]}) copy once into a flat array.
 *
 * <p>Storage by datatype: BOOL {@code boolean[]}; INT8 and UINT8 {@code byte[]}; INT16, UINT16,
 * FP16 and BF16 {@code short[]} (FP16 and BF16 as raw bits); INT32 and UINT32 {@code int[]}; INT64
 * and UINT64 {@code long[]}; FP32 {@code float[]}; FP64 {@code double[]}; BYTES {@code byte[][]}
 * (text as UTF-8). Any fixed-width type may instead be backed by a raw little-endian {@link
 * ByteBuffer}.
 *
 * <p>Shape and element count are checked when the tensor is built. Instances are thread-safe as
 * long as nobody writes to the memory they hold.
 */
public final class Tensor {
  private final String name;
  private final DataType datatype;
  private final long[] shape;
  private final long elementCount;
  private final Map<String, Object> parameters;
  // One of: boolean[], byte[], short[], int[], long[], float[], double[], byte[][], ByteBuffer.
  private final Object data;

  private Tensor(
      String name, DataType datatype, long[] shape, Map<String, Object> parameters, Object data) {
    this.name = name;
    this.datatype = datatype;
    this.shape = shape;
    this.parameters = parameters;
    this.data = data;
    this.elementCount = checkElements(name, datatype, shape, data);
  }

  // ---------------------------------------------------------------- factories over flat memory

  /** An FP32 tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, float[] data, long... shape) {
    return new Tensor(name, DataType.FP32, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** An FP64 tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, double[] data, long... shape) {
    return new Tensor(name, DataType.FP64, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** An INT64 tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, long[] data, long... shape) {
    return new Tensor(name, DataType.INT64, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** An INT32 tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, int[] data, long... shape) {
    return new Tensor(name, DataType.INT32, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** An INT16 tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, short[] data, long... shape) {
    return new Tensor(name, DataType.INT16, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** An INT8 tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, byte[] data, long... shape) {
    return new Tensor(name, DataType.INT8, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** A BOOL tensor over {@code data} (kept, not copied) with the given shape. */
  public static Tensor of(String name, boolean[] data, long... shape) {
    return new Tensor(name, DataType.BOOL, shapeOrFlat(shape, data.length), Map.of(), data);
  }

  /** A BYTES tensor of UTF-8 strings with the given shape (the strings are encoded once). */
  public static Tensor of(String name, String[] data, long... shape) {
    byte[][] bytes = new byte[data.length][];
    for (int i = 0; i < data.length; i++) {
      bytes[i] = data[i].getBytes(StandardCharsets.UTF_8);
    }
    return new Tensor(name, DataType.BYTES, shapeOrFlat(shape, data.length), Map.of(), bytes);
  }

  /**
   * A tensor of any datatype over a Java array of that datatype's storage type (see the class
   * description), kept without a copy; for the unsigned, FP16 and BF16 types this is the only
   * factory over arrays.
   *
   * @throws IllegalArgumentException if the array does not match the datatype's storage type, or
   *     the shape does not match its length
   */
  public static Tensor of(String name, DataType datatype, Object array, long... shape) {
    int length = storageLength(name, datatype, array);
    return new Tensor(name, datatype, shapeOrFlat(shape, length), Map.of(), array);
  }

  /**
   * A tensor over raw little-endian bytes, kept without a copy. A direct buffer reaches native
   * runtimes as the same memory. The bytes between the buffer's position and limit are the data;
   * later changes to the buffer's position or limit do not affect the tensor.
   *
   * @throws IllegalArgumentException if the datatype is BYTES, or the remaining bytes do not hold
   *     exactly {@code product(shape) * byteSize} bytes
   */
  public static Tensor of(String name, DataType datatype, ByteBuffer buffer, long... shape) {
    if (!datatype.isFixedWidth()) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': BYTES tensors cannot be built over a raw buffer (use Tensor.of(name, String[]"
              + " or byte[][] ...))");
    }
    ByteBuffer view = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    return new Tensor(name, datatype, shape.clone(), Map.of(), view);
  }

  // ----------------------------------------------------- factories over nested arrays (copying)

  /** An FP32 tensor of shape [rows, columns], copied once from a rectangular array. */
  public static Tensor of(String name, float[][] rows) {
    return of(name, (float[]) flatten(name, rows, float.class), rows.length, columns(rows));
  }

  /** An FP64 tensor of shape [rows, columns], copied once from a rectangular array. */
  public static Tensor of(String name, double[][] rows) {
    return of(name, (double[]) flatten(name, rows, double.class), rows.length, columns(rows));
  }

  /** An INT64 tensor of shape [rows, columns], copied once from a rectangular array. */
  public static Tensor of(String name, long[][] rows) {
    return of(name, (long[]) flatten(name, rows, long.class), rows.length, columns(rows));
  }

  /** An INT32 tensor of shape [rows, columns], copied once from a rectangular array. */
  public static Tensor of(String name, int[][] rows) {
    return of(name, (int[]) flatten(name, rows, int.class), rows.length, columns(rows));
  }

  /** A BOOL tensor of shape [rows, columns], copied once from a rectangular array. */
  public static Tensor of(String name, boolean[][] rows) {
    return of(name, (boolean[]) flatten(name, rows, boolean.class), rows.length, columns(rows));
  }

  /** A BYTES tensor of shape [rows, columns] of UTF-8 strings from a rectangular array. */
  public static Tensor of(String name, String[][] rows) {
    return of(name, (String[]) flatten(name, rows, String.class), rows.length, columns(rows));
  }

  /**
   * A copy of this tensor's description with another name, over the same memory (no copy).
   *
   * @param newName the new tensor name
   */
  public Tensor withName(String newName) {
    return new Tensor(newName, datatype, shape, parameters, data);
  }

  /**
   * This tensor over the same memory with these protocol parameters (values are {@link String},
   * {@link Boolean} or a {@link Number}).
   */
  public Tensor withParameters(Map<String, ?> newParameters) {
    return new Tensor(name, datatype, shape, Parameters.copyOf(newParameters), data);
  }

  // ---------------------------------------------------------------------------- description

  /** The tensor's name. */
  public String name() {
    return name;
  }

  /** The tensor's datatype. */
  public DataType datatype() {
    return datatype;
  }

  /** A copy of the shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** The number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** The size of dimension {@code dim}. */
  public long dim(int dim) {
    return shape[dim];
  }

  /** The number of elements, the product of the shape. */
  public long elementCount() {
    return elementCount;
  }

  /** The protocol parameters of this tensor (immutable, possibly empty). */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** Whether the data is a direct {@link ByteBuffer} that native runtimes read in place. */
  public boolean isDirect() {
    return data instanceof ByteBuffer && ((ByteBuffer) data).isDirect();
  }

  /** Whether the data is a raw little-endian {@link ByteBuffer} rather than a Java array. */
  public boolean isBufferBacked() {
    return data instanceof ByteBuffer;
  }

  // --------------------------------------------------------------------------- read accessors

  /**
   * The data as FP32 values. For an FP32 tensor over a {@code float[]} this is that very array (do
   * not change it); FP16 and BF16 are converted, and a buffer-backed tensor is copied.
   *
   * @throws IllegalStateException if the datatype is not FP32, FP16 or BF16
   */
  public float[] asFloats() {
    if (data instanceof float[]) {
      return (float[]) data;
    }
    int n = count();
    float[] out = new float[n];
    switch (datatype) {
      case FP32 -> buffer().asFloatBuffer().get(out);
      case FP16 -> {
        short[] bits = asShorts();
        for (int i = 0; i < n; i++) {
          out[i] = Half.toFloat(bits[i]);
        }
      }
      case BF16 -> {
        short[] bits = asShorts();
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((bits[i] & 0xFFFF) << 16);
        }
      }
      default -> throw wrongType("asFloats()", "FP32, FP16 or BF16");
    }
    return out;
  }

  /**
   * The data as FP64 values: the very array for an FP64 tensor over a {@code double[]}, else a
   * widened copy of any numeric type (UINT64 above 2^63 is read as unsigned).
   *
   * @throws IllegalStateException if the datatype is BOOL or BYTES
   */
  public double[] asDoubles() {
    if (data instanceof double[]) {
      return (double[]) data;
    }
    int n = count();
    double[] out = new double[n];
    switch (datatype) {
      case FP64 -> buffer().asDoubleBuffer().get(out);
      case FP32, FP16, BF16 -> {
        float[] f = asFloats();
        for (int i = 0; i < n; i++) {
          out[i] = f[i];
        }
      }
      case UINT64 -> {
        long[] l = asLongs();
        for (int i = 0; i < n; i++) {
          // Halve with the low bit kept as a sticky bit so that the value is rounded once.
          out[i] = l[i] >= 0 ? l[i] : (double) ((l[i] >>> 1) | (l[i] & 1)) * 2.0;
        }
      }
      case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64 -> {
        long[] l = asLongs();
        for (int i = 0; i < n; i++) {
          out[i] = l[i];
        }
      }
      default -> throw wrongType("asDoubles()", "a numeric type");
    }
    return out;
  }

  /**
   * The data as 64-bit integers: the very array for INT64 or UINT64 over a {@code long[]}, else a
   * widened copy of any integer type (unsigned types are read as unsigned).
   *
   * @throws IllegalStateException if the datatype is not an integer type
   */
  public long[] asLongs() {
    if (data instanceof long[]) {
      return (long[]) data;
    }
    int n = count();
    long[] out = new long[n];
    switch (datatype) {
      case INT64, UINT64 -> buffer().asLongBuffer().get(out);
      case INT32 -> {
        int[] v = asInts();
        for (int i = 0; i < n; i++) {
          out[i] = v[i];
        }
      }
      case UINT32 -> {
        int[] v = asInts();
        for (int i = 0; i < n; i++) {
          out[i] = Integer.toUnsignedLong(v[i]);
        }
      }
      case INT16, UINT16 -> {
        short[] v = asShorts();
        for (int i = 0; i < n; i++) {
          out[i] = datatype == DataType.UINT16 ? (v[i] & 0xFFFF) : v[i];
        }
      }
      case INT8, UINT8 -> {
        byte[] v = asBytes();
        for (int i = 0; i < n; i++) {
          out[i] = datatype == DataType.UINT8 ? (v[i] & 0xFF) : v[i];
        }
      }
      default -> throw wrongType("asLongs()", "an integer type");
    }
    return out;
  }

  /**
   * The data as 32-bit integers: the very array for INT32 or UINT32 over an {@code int[]}, else a
   * widened copy of INT8, UINT8, INT16 or UINT16.
   *
   * @throws IllegalStateException for other datatypes
   */
  public int[] asInts() {
    if (data instanceof int[]) {
      return (int[]) data;
    }
    int n = count();
    int[] out = new int[n];
    switch (datatype) {
      case INT32, UINT32 -> buffer().asIntBuffer().get(out);
      case INT16, UINT16 -> {
        short[] v = asShorts();
        for (int i = 0; i < n; i++) {
          out[i] = datatype == DataType.UINT16 ? (v[i] & 0xFFFF) : v[i];
        }
      }
      case INT8, UINT8 -> {
        byte[] v = asBytes();
        for (int i = 0; i < n; i++) {
          out[i] = datatype == DataType.UINT8 ? (v[i] & 0xFF) : v[i];
        }
      }
      default -> throw wrongType("asInts()", "INT32, UINT32 or a narrower integer type");
    }
    return out;
  }

  /**
   * The data as 16-bit values: INT16 and UINT16, or the raw bits of FP16 and BF16.
   *
   * @throws IllegalStateException for other datatypes
   */
  public short[] asShorts() {
    if (data instanceof short[]) {
      return (short[]) data;
    }
    if (datatype.byteSize() != 2) {
      throw wrongType("asShorts()", "INT16, UINT16, FP16 or BF16");
    }
    short[] out = new short[count()];
    buffer().asShortBuffer().get(out);
    return out;
  }

  /**
   * The data as bytes: INT8 and UINT8 (UINT8 values above 127 read negative as Java bytes).
   *
   * @throws IllegalStateException for other datatypes
   */
  public byte[] asBytes() {
    if (data instanceof byte[]) {
      return (byte[]) data;
    }
    if (datatype != DataType.INT8 && datatype != DataType.UINT8) {
      throw wrongType("asBytes()", "INT8 or UINT8");
    }
    byte[] out = new byte[count()];
    buffer().get(out);
    return out;
  }

  /**
   * The data as booleans (BOOL).
   *
   * @throws IllegalStateException for other datatypes
   */
  public boolean[] asBooleans() {
    if (data instanceof boolean[]) {
      return (boolean[]) data;
    }
    if (datatype != DataType.BOOL) {
      throw wrongType("asBooleans()", "BOOL");
    }
    ByteBuffer b = buffer();
    boolean[] out = new boolean[count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i) != 0;
    }
    return out;
  }

  /**
   * The elements of a BYTES tensor decoded as UTF-8 strings.
   *
   * @throws IllegalStateException for other datatypes
   */
  public String[] asStrings() {
    if (datatype != DataType.BYTES) {
      throw wrongType("asStrings()", "BYTES");
    }
    byte[][] raw = asByteArrays();
    String[] out = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = new String(raw[i], StandardCharsets.UTF_8);
    }
    return out;
  }

  /**
   * The elements of a BYTES tensor as byte arrays: the very array the tensor holds.
   *
   * @throws IllegalStateException for other datatypes
   */
  public byte[][] asByteArrays() {
    if (data instanceof byte[][]) {
      return (byte[][]) data;
    }
    throw wrongType("asByteArrays()", "BYTES");
  }

  /**
   * The data as raw little-endian bytes, row-major, as the protocol's binary form lays them out. A
   * buffer-backed tensor answers with a read-only view of its memory (direct stays direct); an
   * array-backed one with a new heap buffer.
   *
   * @throws IllegalStateException for BYTES, whose elements have no fixed width
   */
  public ByteBuffer asByteBuffer() {
    if (data instanceof ByteBuffer) {
      return buffer().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
    if (!datatype.isFixedWidth()) {
      throw wrongType("asByteBuffer()", "a fixed-width type");
    }
    int n = count();
    ByteBuffer out =
        ByteBuffer.allocate(Math.multiplyExact(n, datatype.byteSize()))
            .order(ByteOrder.LITTLE_ENDIAN);
    if (data instanceof float[]) {
      out.asFloatBuffer().put((float[]) data);
    } else if (data instanceof double[]) {
      out.asDoubleBuffer().put((double[]) data);
    } else if (data instanceof long[]) {
      out.asLongBuffer().put((long[]) data);
    } else if (data instanceof int[]) {
      out.asIntBuffer().put((int[]) data);
    } else if (data instanceof short[]) {
      out.asShortBuffer().put((short[]) data);
    } else if (data instanceof byte[]) {
      out.put((byte[]) data).flip();
    } else if (data instanceof boolean[]) {
      boolean[] b = (boolean[]) data;
      for (int i = 0; i < n; i++) {
        out.put(i, b[i] ? (byte) 1 : (byte) 0);
      }
    }
    return out;
  }

  /**
   * For runtimes: the little-endian buffer a buffer-backed tensor holds, itself, without a copy or
   * a view (its position is 0 and its limit the end of the data), or {@code null} for an
   * array-backed tensor. Do not change its contents, position or limit.
   */
  public @Nullable ByteBuffer sharedBuffer() {
    return data instanceof ByteBuffer ? (ByteBuffer) data : null;
  }

  @Override
  public String toString() {
    return "Tensor{" + name + " " + datatype + Arrays.toString(shape) + "}";
  }

  // ------------------------------------------------------------------------------- internals

  private ByteBuffer buffer() {
    return ((ByteBuffer) data).duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  private int count() {
    return (int) elementCount;
  }

  private IllegalStateException wrongType(String accessor, String expected) {
    return new IllegalStateException(
        "tensor '"
            + name
            + "' is "
            + datatype
            + ": "
            + accessor
            + " reads "
            + expected
            + " (use the accessor for "
            + datatype
            + ")");
  }

  private static long[] shapeOrFlat(long[] shape, int length) {
    return shape.length == 0 ? new long[] {length} : shape.clone();
  }

  private static long checkElements(String name, DataType datatype, long[] shape, Object data) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "tensor '"
                + name
                + "': shape "
                + Arrays.toString(shape)
                + " has a negative dimension (every dimension must be >= 0)");
      }
      try {
        count = Math.multiplyExact(count, d);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "tensor '" + name + "': shape " + Arrays.toString(shape) + " overflows a long", e);
      }
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " has "
              + count
              + " elements, more than one Java array holds (at most 2^31 - 9)");
    }
    long have;
    String unit;
    if (data instanceof ByteBuffer) {
      have = ((ByteBuffer) data).remaining();
      long need = count * datatype.byteSize();
      if (have != need) {
        throw new IllegalArgumentException(
            "tensor '"
                + name
                + "': shape "
                + Arrays.toString(shape)
                + " of "
                + datatype
                + " needs "
                + need
                + " bytes ("
                + count
                + " elements) but the buffer holds "
                + have);
      }
      return count;
    }
    have = storageLength(name, datatype, data);
    unit = " elements";
    if (have != count) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " has "
              + count
              + " elements but the data has "
              + have
              + unit);
    }
    return count;
  }

  private static int storageLength(String name, DataType datatype, Object array) {
    Class<?> expected =
        switch (datatype) {
          case BOOL -> boolean[].class;
          case INT8, UINT8 -> byte[].class;
          case INT16, UINT16, FP16, BF16 -> short[].class;
          case INT32, UINT32 -> int[].class;
          case INT64, UINT64 -> long[].class;
          case FP32 -> float[].class;
          case FP64 -> double[].class;
          case BYTES -> byte[][].class;
        };
    if (array.getClass() != expected) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': "
              + datatype
              + " data must be a "
              + expected.getSimpleName()
              + ", not a "
              + array.getClass().getSimpleName());
    }
    return java.lang.reflect.Array.getLength(array);
  }

  private static int columns(Object[] rows) {
    return rows.length == 0 ? 0 : java.lang.reflect.Array.getLength(rows[0]);
  }

  /** Copies a rectangular array of rows into one flat array of {@code element}s, row-major. */
  private static Object flatten(String name, Object[] rows, Class<?> element) {
    int cols = columns(rows);
    Object flat =
        java.lang.reflect.Array.newInstance(element, Math.multiplyExact(rows.length, cols));
    for (int r = 0; r < rows.length; r++) {
      checkRow(name, r, java.lang.reflect.Array.getLength(rows[r]), cols);
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return flat;
  }

  private static void checkRow(String name, int row, int length, int cols) {
    if (length != cols) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': row "
              + row
              + " has "
              + length
              + " values but row 0 has "
              + cols
              + " (nested arrays must be rectangular)");
    }
  }
}
