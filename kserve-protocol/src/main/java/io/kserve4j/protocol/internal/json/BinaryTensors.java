package io.kserve4j.protocol.internal.json;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * The binary tensor extension's layout: tensors flattened row-major, little-endian, one after the
 * other after the JSON; a BYTES element is a 4-byte little-endian length and its bytes.
 */
public final class BinaryTensors {
  /** The request parameter that asks for every output in binary. */
  public static final String BINARY_DATA_OUTPUT = "binary_data_output";

  /** The tensor parameter that says how many bytes of the binary part a tensor takes. */
  public static final String BINARY_DATA_SIZE = "binary_data_size";

  /** The requested-output parameter that asks for that output in binary. */
  public static final String BINARY_DATA = "binary_data";

  /** The header that gives the byte length of the JSON that leads the body. */
  public static final String HEADER = "inference-header-content-length";

  private BinaryTensors() {}

  /** The bytes after the JSON, read in tensor order. */
  public static final class Cursor {
    private final ByteBuffer binary;
    private final int start;
    private int next;

    /** A cursor over {@code binary}'s remaining bytes. */
    public Cursor(ByteBuffer binary) {
      this.binary = binary;
      this.start = binary.position();
      this.next = binary.position();
    }

    /**
     * The tensor that the next {@code size} bytes hold, over those very bytes where fixed-width.
     */
    public Tensor take(String name, DataType type, long[] shape, long size, String field) {
      long count = Json.elementCount(shape, field + ".shape");
      int left = binary.limit() - next;
      if (size < 0 || size > left) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + ".parameters.binary_data_size' = "
                + size
                + " but only "
                + left
                + " bytes of the binary part are left (the sizes of all binary tensors must add"
                + " up to the body's length minus Inference-Header-Content-Length)");
      }
      int n = (int) size;
      ByteBuffer bytes = binary.duplicate();
      bytes.position(next).limit(next + n);
      next += n;
      if (type.isFixedWidth()) {
        long need = count * type.byteSize();
        if (need != size) {
          throw new InvalidInputException(
              null,
              "'"
                  + field
                  + ".parameters.binary_data_size' = "
                  + size
                  + " but shape "
                  + Arrays.toString(shape)
                  + " of "
                  + type
                  + " takes "
                  + need
                  + " bytes (send product(shape) * "
                  + type.byteSize()
                  + " bytes)");
        }
        return Tensor.of(name, type, bytes.slice().order(ByteOrder.LITTLE_ENDIAN), shape);
      }
      return Tensor.of(name, type, strings(bytes.slice(), count, field), shape);
    }

    /**
     * Checks that every byte of the binary part was taken.
     *
     * @throws InvalidInputException if some are left over
     */
    public void finish() {
      int left = binary.limit() - next;
      if (left != 0) {
        throw new InvalidInputException(
            null,
            "the body has "
                + left
                + " bytes after the binary tensors its JSON declares ("
                + (next - start)
                + " bytes); the sizes of all binary tensors must add up to the body's length"
                + " minus Inference-Header-Content-Length");
      }
    }
  }

  private static byte[][] strings(ByteBuffer b, long count, String field) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    // Each element takes at least its 4-byte length.
    if (count > b.remaining() / 4) {
      throw new InvalidInputException(
          null,
          "'"
              + field
              + "': "
              + b.remaining()
              + " bytes cannot hold "
              + count
              + " BYTES elements (each is a 4-byte little-endian length and its bytes)");
    }
    byte[][] out = new byte[(int) count][];
    for (int i = 0; i < out.length; i++) {
      if (b.remaining() < 4) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "': BYTES element "
                + i
                + " has no 4-byte length left (binary_data_size is too small for the shape)");
      }
      long len = Integer.toUnsignedLong(b.getInt());
      if (len > b.remaining()) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "': BYTES element "
                + i
                + " declares "
                + len
                + " bytes but "
                + b.remaining()
                + " are left (each element is a 4-byte little-endian length and its bytes)");
      }
      out[i] = new byte[(int) len];
      b.get(out[i]);
    }
    if (b.hasRemaining()) {
      throw new InvalidInputException(
          null,
          "'"
              + field
              + "': "
              + b.remaining()
              + " bytes are left after the shape's "
              + count
              + " BYTES elements (binary_data_size must be exactly their length)");
    }
    return out;
  }

  /** The tensor's bytes in the binary layout: a view of its memory where it has one. */
  public static ByteBuffer bytes(Tensor t) {
    if (t.datatype().isFixedWidth()) {
      return t.asByteBuffer();
    }
    byte[][] elements = t.asByteArrays();
    long size = 0;
    for (byte[] e : elements) {
      size += 4L + e.length;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(
          null, "tensor '" + t.name() + "' is " + size + " bytes, more than one body holds");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] e : elements) {
      out.putInt(e.length).put(e);
    }
    out.flip();
    return out;
  }

  /** Whether {@code parameters} asks for binary (a {@code binary_data} entry that is true). */
  public static boolean wantsBinary(Map<String, Object> parameters, String key) {
    return Json.isTrue(parameters.get(key));
  }
}
