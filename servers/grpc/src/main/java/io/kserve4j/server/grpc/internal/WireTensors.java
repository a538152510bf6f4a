package io.kserve4j.server.grpc.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.internal.wire.Echo;
import io.kserve4j.server.grpc.internal.proto.InferParameter;
import io.kserve4j.server.grpc.internal.proto.InferTensorContents;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tensors and parameters between kserve4j's {@link Tensor} and the protocol's {@code
 * InferTensorContents} and raw contents, both ways.
 *
 * <p>Typed contents use the field KServe assigns to each datatype (BOOL {@code bool_contents};
 * INT8, INT16, INT32 {@code int_contents}; INT64 {@code int64_contents}; UINT8, UINT16, UINT32
 * {@code uint_contents}; UINT64 {@code uint64_contents}; FP32 {@code fp32_contents}; FP64 {@code
 * fp64_contents}; BYTES {@code bytes_contents}); FP16 and BF16 have none and travel raw. Raw
 * contents are the tensor flattened row-major, little-endian, a BYTES element as a 4-byte
 * little-endian length and its bytes. Raw fixed-width data becomes a tensor over the received
 * bytes, without a copy.
 *
 * <p>Every problem with incoming data is an {@link InvalidInputException} naming the tensor, what
 * was expected and what came.
 */
public final class WireTensors {
  private WireTensors() {}

  /** The eight {@code InferTensorContents} fields, in field-number order. */
  private static final String[] FIELDS = {
    "bool_contents",
    "int_contents",
    "int64_contents",
    "uint_contents",
    "uint64_contents",
    "fp32_contents",
    "fp64_contents",
    "bytes_contents"
  };

  /** The index in {@link #FIELDS} that carries {@code datatype}, or -1 for FP16 and BF16. */
  static int fieldOf(DataType datatype) {
    return switch (datatype) {
      case BOOL -> 0;
      case INT8, INT16, INT32 -> 1;
      case INT64 -> 2;
      case UINT8, UINT16, UINT32 -> 3;
      case UINT64 -> 4;
      case FP32 -> 5;
      case FP64 -> 6;
      case BYTES -> 7;
      case FP16, BF16 -> -1;
    };
  }

  // ------------------------------------------------------------------------------- decoding

  /**
   * The datatype called {@code name} on the wire.
   *
   * @throws InvalidInputException if there is none; the message lists them
   */
  public static DataType datatype(@Nullable String model, String role, String tensor, String name) {
    try {
      return DataType.of(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          model, role + " '" + Echo.cut(tensor) + "': " + e.getMessage(), /* cause= */ null);
    }
  }

  /**
   * The element count of {@code shape}, checked.
   *
   * @throws InvalidInputException for a negative dimension, or more elements than a Java array
   *     holds
   */
  public static int elementCount(@Nullable String model, String role, String tensor, long[] shape) {
    boolean empty = false;
    for (long d : shape) {
      if (d < 0) {
        throw new InvalidInputException(
            model,
            role
                + " '"
                + Echo.cut(tensor)
                + "': shape "
                + Arrays.toString(shape)
                + " has a negative dimension (every dimension must be >= 0)");
      }
      empty |= d == 0;
    }
    if (empty) {
      return 0;
    }
    long count = 1;
    for (long d : shape) {
      if (count > (Integer.MAX_VALUE - 8) / d) {
        throw new InvalidInputException(
            model,
            role
                + " '"
                + Echo.cut(tensor)
                + "': shape "
                + Arrays.toString(shape)
                + " has more elements than one Java array holds (at most 2^31 - 9)");
      }
      count *= d;
    }
    return (int) count;
  }

  /**
   * A tensor from typed contents.
   *
   * @param role "input" or "output", for messages
   * @throws InvalidInputException if the datatype is FP16 or BF16 (raw only), the values sit in
   *     another field than the datatype's, their count is not the shape's element count, or an
   *     8/16-bit value is out of its type's range
   */
  public static Tensor fromContents(
      @Nullable String model,
      String role,
      String name,
      DataType datatype,
      long[] shape,
      InferTensorContents c) {
    int count = elementCount(model, role, name, shape);
    int[] counts = {
      c.getBoolContentsCount(),
      c.getIntContentsCount(),
      c.getInt64ContentsCount(),
      c.getUintContentsCount(),
      c.getUint64ContentsCount(),
      c.getFp32ContentsCount(),
      c.getFp64ContentsCount(),
      c.getBytesContentsCount()
    };
    int field = fieldOf(datatype);
    for (int f = 0; f < counts.length; f++) {
      if (f != field && counts[f] > 0) {
        String where =
            field < 0
                ? "has no typed contents field (FP16 and BF16 travel only as raw contents)"
                : "takes its values from " + FIELDS[field];
        throw new InvalidInputException(
            model,
            role
                + " '"
                + Echo.cut(name)
                + "' is "
                + datatype
                + ", which "
                + where
                + ", but "
                + FIELDS[f]
                + " holds "
                + counts[f]
                + " values");
      }
    }
    if (field < 0) {
      if (count != 0) {
        throw new InvalidInputException(
            model,
            role
                + " '"
                + Echo.cut(name)
                + "' is "
                + datatype
                + ": "
                + datatype
                + " values travel only as raw contents (send raw_"
                + role
                + "_contents)");
      }
      return Tensor.of(name, datatype, ByteBuffer.allocate(0), shape);
    }
    if (counts[field] != count) {
      throw new InvalidInputException(
          model,
          role
              + " '"
              + Echo.cut(name)
              + "': shape "
              + Arrays.toString(shape)
              + " has "
              + count
              + " elements but "
              + FIELDS[field]
              + " holds "
              + counts[field]
              + " values");
    }
    Object array =
        switch (datatype) {
          case BOOL -> {
            boolean[] a = new boolean[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getBoolContents(i);
            }
            yield a;
          }
          case INT8 -> {
            byte[] a = new byte[count];
            for (int i = 0; i < count; i++) {
              a[i] = (byte) inRange(model, role, name, datatype, i, c.getIntContents(i), -128, 127);
            }
            yield a;
          }
          case UINT8 -> {
            byte[] a = new byte[count];
            for (int i = 0; i < count; i++) {
              a[i] = (byte) inRange(model, role, name, datatype, i, c.getUintContents(i), 0, 255);
            }
            yield a;
          }
          case INT16 -> {
            short[] a = new short[count];
            for (int i = 0; i < count; i++) {
              a[i] =
                  (short)
                      inRange(model, role, name, datatype, i, c.getIntContents(i), -32768, 32767);
            }
            yield a;
          }
          case UINT16 -> {
            short[] a = new short[count];
            for (int i = 0; i < count; i++) {
              a[i] =
                  (short) inRange(model, role, name, datatype, i, c.getUintContents(i), 0, 65535);
            }
            yield a;
          }
          case INT32 -> {
            int[] a = new int[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getIntContents(i);
            }
            yield a;
          }
          case UINT32 -> {
            int[] a = new int[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getUintContents(i);
            }
            yield a;
          }
          case INT64 -> {
            long[] a = new long[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getInt64Contents(i);
            }
            yield a;
          }
          case UINT64 -> {
            long[] a = new long[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getUint64Contents(i);
            }
            yield a;
          }
          case FP32 -> {
            float[] a = new float[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getFp32Contents(i);
            }
            yield a;
          }
          case FP64 -> {
            double[] a = new double[count];
            for (int i = 0; i < count; i++) {
              a[i] = c.getFp64Contents(i);
            }
            yield a;
          }
          case BYTES -> {
            byte[][] a = new byte[count][];
            for (int i = 0; i < count; i++) {
              a[i] = c.getBytesContents(i).toByteArray();
            }
            yield a;
          }
          case FP16, BF16 -> throw new AssertionError(datatype);
        };
    if (shape.length == 0 && datatype.isFixedWidth()) {
      // A scalar: Tensor.of over an array reads an empty shape as "flat"; keep shape [].
      return Tensor.of(name, datatype, Tensor.of(name, datatype, array).asByteBuffer(), shape);
    }
    return Tensor.of(name, datatype, array, shape);
  }

  private static int inRange(
      @Nullable String model,
      String role,
      String name,
      DataType datatype,
      int index,
      int value,
      int min,
      int max) {
    // uint_contents carries uint32: read it unsigned.
    long v = datatype.isUnsigned() ? Integer.toUnsignedLong(value) : value;
    if (v < min || v > max) {
      throw new InvalidInputException(
          model,
          role
              + " '"
              + Echo.cut(name)
              + "': value "
              + v
              + " at index "
              + index
              + " is out of range for "
              + datatype
              + " ("
              + min
              + ".."
              + max
              + ")");
    }
    return (int) v;
  }

  /**
   * A tensor from one raw contents entry. Fixed-width data is wrapped, not copied: the tensor reads
   * the received bytes.
   *
   * @param role "input" or "output", for messages
   * @throws InvalidInputException if the byte count does not match the shape, or a BYTES entry is
   *     truncated or has bytes after its last element
   */
  public static Tensor fromRaw(
      @Nullable String model,
      String role,
      String name,
      DataType datatype,
      long[] shape,
      ByteString raw) {
    int count = elementCount(model, role, name, shape);
    if (datatype.isFixedWidth()) {
      long need = (long) count * datatype.byteSize();
      if (raw.size() != need) {
        throw new InvalidInputException(
            model,
            role
                + " '"
                + Echo.cut(name)
                + "': shape "
                + Arrays.toString(shape)
                + " of "
                + datatype
                + " needs "
                + need
                + " bytes ("
                + count
                + " elements) but its raw_"
                + role
                + "_contents entry holds "
                + raw.size());
      }
      return Tensor.of(name, datatype, raw.asReadOnlyByteBuffer(), shape);
    }
    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (count > b.remaining() / 4) {
      throw new InvalidInputException(
          model,
          role
              + " '"
              + Echo.cut(name)
              + "': shape "
              + Arrays.toString(shape)
              + " has "
              + count
              + " BYTES elements but its raw_"
              + role
              + "_contents entry holds only "
              + b.remaining()
              + " bytes (each element takes a 4-byte length and its bytes)");
    }
    byte[][] elements = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (b.remaining() < 4) {
        throw truncated(model, role, name, i, count);
      }
      long length = Integer.toUnsignedLong(b.getInt());
      if (length > b.remaining()) {
        throw new InvalidInputException(
            model,
            role
                + " '"
                + Echo.cut(name)
                + "': BYTES element "
                + i
                + " says it has "
                + length
                + " bytes but only "
                + b.remaining()
                + " follow in its raw_"
                + role
                + "_contents entry");
      }
      elements[i] = new byte[(int) length];
      b.get(elements[i]);
    }
    if (b.hasRemaining()) {
      throw new InvalidInputException(
          model,
          role
              + " '"
              + Echo.cut(name)
              + "': "
              + b.remaining()
              + " bytes follow the last of its "
              + count
              + " BYTES elements in its raw_"
              + role
              + "_contents entry (the shape and the data disagree)");
    }
    return Tensor.of(name, DataType.BYTES, elements, shape);
  }

  private static InvalidInputException truncated(
      @Nullable String model, String role, String name, int index, int count) {
    return new InvalidInputException(
        model,
        role
            + " '"
            + Echo.cut(name)
            + "': its raw_"
            + role
            + "_contents entry ends before BYTES element "
            + index
            + " of "
            + count);
  }

  // ------------------------------------------------------------------------------- encoding

  /**
   * The typed contents of a tensor.
   *
   * @throws IllegalArgumentException for FP16 and BF16, which have no typed field
   */
  public static InferTensorContents toContents(Tensor t) {
    InferTensorContents.Builder c = InferTensorContents.newBuilder();
    switch (t.datatype()) {
      case BOOL -> {
        for (boolean v : t.asBooleans()) {
          c.addBoolContents(v);
        }
      }
      case INT8, INT16, INT32 -> {
        for (int v : t.asInts()) {
          c.addIntContents(v);
        }
      }
      case UINT8, UINT16, UINT32 -> {
        // asInts() widens UINT8 and UINT16 unsigned and gives UINT32's bits: uint32 on the wire.
        for (int v : t.asInts()) {
          c.addUintContents(v);
        }
      }
      case INT64 -> {
        for (long v : t.asLongs()) {
          c.addInt64Contents(v);
        }
      }
      case UINT64 -> {
        for (long v : t.asLongs()) {
          c.addUint64Contents(v);
        }
      }
      case FP32 -> {
        for (float v : t.asFloats()) {
          c.addFp32Contents(v);
        }
      }
      case FP64 -> {
        for (double v : t.asDoubles()) {
          c.addFp64Contents(v);
        }
      }
      case BYTES -> {
        // Tensors are immutable by contract: wrap, do not copy.
        for (byte[] v : t.asByteArrays()) {
          c.addBytesContents(UnsafeByteOperations.unsafeWrap(v));
        }
      }
      case FP16, BF16 ->
          throw new IllegalArgumentException(
              "tensor '" + t.name() + "' is " + t.datatype() + ", which travels only raw");
    }
    return c.build();
  }

  /**
   * The raw contents of a tensor: its little-endian bytes (a buffer-backed tensor's memory itself,
   * not a copy), or for BYTES each element's 4-byte little-endian length and bytes.
   */
  public static ByteString toRaw(Tensor t) {
    if (t.datatype().isFixedWidth()) {
      return UnsafeByteOperations.unsafeWrap(t.asByteBuffer());
    }
    byte[][] elements = t.asByteArrays();
    long total = 0;
    for (byte[] e : elements) {
      total += 4L + e.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "tensor '" + t.name() + "' holds " + total + " bytes, more than one message can carry");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] e : elements) {
      out.putInt(e.length).put(e);
    }
    return UnsafeByteOperations.unsafeWrap(out.array());
  }

  // ----------------------------------------------------------------------------- parameters

  /** Protocol parameters as Java values: Boolean, Long or String; unset ones are skipped. */
  public static Map<String, Object> fromProto(Map<String, InferParameter> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, InferParameter> e : parameters.entrySet()) {
      InferParameter p = e.getValue();
      switch (p.getParameterChoiceCase()) {
        case BOOL_PARAM -> out.put(e.getKey(), p.getBoolParam());
        case INT64_PARAM -> out.put(e.getKey(), p.getInt64Param());
        case STRING_PARAM -> out.put(e.getKey(), p.getStringParam());
        case PARAMETERCHOICE_NOT_SET -> {}
      }
    }
    return out;
  }

  /**
   * Java parameter values as protocol parameters: booleans, integral numbers that fit a long as
   * {@code int64_param}, everything else (strings, floating point numbers) as {@code string_param}.
   */
  public static Map<String, InferParameter> toProto(Map<String, Object> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    Map<String, InferParameter> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : parameters.entrySet()) {
      Object v = e.getValue();
      InferParameter.Builder p = InferParameter.newBuilder();
      if (v instanceof Boolean b) {
        p.setBoolParam(b);
      } else if (v instanceof Long
          || v instanceof Integer
          || v instanceof Short
          || v instanceof Byte) {
        p.setInt64Param(((Number) v).longValue());
      } else if (v instanceof BigInteger bi && bi.bitLength() < 64) {
        p.setInt64Param(bi.longValue());
      } else {
        p.setStringParam(String.valueOf(v));
      }
      out.put(e.getKey(), p.build());
    }
    return out;
  }
}
