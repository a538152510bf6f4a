package io.kserve4j.protocol.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a tensor's JSON {@code data} (nested or flat, row-major) straight into the primitive array
 * its datatype stores, and writes it back flat. No element is boxed.
 */
public final class TensorData {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private TensorData() {}

  /**
   * Reads {@code data} into its storage array. The parser is on the first token of the value ('['
   * or a lone scalar); after the call it is on the value's last token.
   *
   * @param expected the element count the shape gives, or -1 when the shape is not known yet
   * @param bodyBytes the length of the JSON the data lies in, which bounds the count
   */
  public static Object read(JsonParser p, DataType type, long expected, int bodyBytes, String field)
      throws IOException {
    if (type == DataType.FP16 || type == DataType.BF16) {
      throw new InvalidInputException(
          null,
          "'"
              + field
              + "' holds "
              + type
              + " data as JSON, which the protocol does not support (send "
              + type
              + " tensors in binary: parameters.binary_data_size and the"
              + " Inference-Header-Content-Length header)");
    }
    // Every element takes at least two bytes ("1,") but the last: the count is at most half.
    int capacity = (int) Math.min(expected >= 0 ? expected : 16, bodyBytes / 2L + 1);
    Sink sink = new Sink(type, Math.max(capacity, 1), expected, field);
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_ARRAY) {
      sink.add(p, t);
    } else {
      Nesting nesting = new Nesting(field);
      int depth = 1;
      while (depth > 0) {
        t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          nesting.child(depth, Nesting.ARRAYS, p);
          depth++;
          nesting.open(depth);
        } else if (t == JsonToken.END_ARRAY) {
          nesting.close(depth, p);
          depth--;
        } else if (t == null) {
          throw new InvalidInputException(null, "'" + field + "' ends early (close its arrays)");
        } else {
          nesting.child(depth, Nesting.VALUES, p);
          sink.add(p, t);
        }
      }
    }
    return sink.finish();
  }

  /** Writes a tensor's elements as a flat JSON array. */
  public static void write(JsonGenerator g, Tensor t, String field) throws IOException {
    DataType type = t.datatype();
    g.writeStartArray();
    switch (type) {
      case BOOL -> {
        for (boolean b : t.asBooleans()) {
          g.writeBoolean(b);
        }
      }
      case INT8 -> {
        for (byte b : t.asBytes()) {
          g.writeNumber(b);
        }
      }
      case UINT8 -> {
        for (byte b : t.asBytes()) {
          g.writeNumber(b & 0xFF);
        }
      }
      case INT16 -> {
        for (short s : t.asShorts()) {
          g.writeNumber(s);
        }
      }
      case UINT16 -> {
        for (short s : t.asShorts()) {
          g.writeNumber(s & 0xFFFF);
        }
      }
      case INT32 -> {
        for (int v : t.asInts()) {
          g.writeNumber(v);
        }
      }
      case UINT32 -> {
        for (int v : t.asInts()) {
          g.writeNumber(Integer.toUnsignedLong(v));
        }
      }
      case INT64 -> {
        for (long v : t.asLongs()) {
          g.writeNumber(v);
        }
      }
      case UINT64 -> {
        for (long v : t.asLongs()) {
          if (v >= 0) {
            g.writeNumber(v);
          } else {
            g.writeNumber(Long.toUnsignedString(v));
          }
        }
      }
      case FP32 -> {
        char[] buf = new char[32];
        for (float v : t.asFloats()) {
          Numbers.writeFloat(g, v, buf);
        }
      }
      case FP64 -> {
        for (double v : t.asDoubles()) {
          g.writeNumber(v);
        }
      }
      case BYTES -> {
        CharsetDecoder utf8 =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[][] elements = t.asByteArrays();
        for (int i = 0; i < elements.length; i++) {
          CharBuffer chars;
          try {
            chars = utf8.decode(ByteBuffer.wrap(elements[i]));
          } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                null,
                "'"
                    + field
                    + "' element "
                    + i
                    + " is not UTF-8 text, which JSON cannot carry (ask for this tensor in"
                    + " binary: binary_data / binary_data_output)");
          }
          g.writeString(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
        }
      }
      case FP16, BF16 ->
          throw new InvalidInputException(
              null,
              "'"
                  + field
                  + "' is "
                  + type
                  + ", which JSON cannot carry (ask for it in binary: set parameters.binary_data"
                  + " on the requested output or binary_data_output on the request)");
    }
    g.writeEndArray();
  }

  /**
   * Checks, in one pass, that nested data is rectangular: every array at one depth holds the same
   * number of children, and either arrays only or values only. {@code [[1,2],[3,[4]]]} is not a
   * tensor, whatever its element count.
   */
  private static final class Nesting {
    static final byte ARRAYS = 1;
    static final byte VALUES = 2;

    private final String field;
    private byte[] kinds = new byte[8]; // per depth: what its arrays hold (0: not seen yet)
    private int[] lengths = new int[8]; // per depth: the length of its arrays (-1: none closed)
    private int[] counts = new int[8]; // per depth: children of the array open there

    Nesting(String field) {
      this.field = field;
      Arrays.fill(lengths, -1);
    }

    void open(int depth) {
      if (depth >= counts.length) {
        int n = counts.length * 2;
        kinds = Arrays.copyOf(kinds, n);
        counts = Arrays.copyOf(counts, n);
        int old = lengths.length;
        lengths = Arrays.copyOf(lengths, n);
        Arrays.fill(lengths, old, n, -1);
      }
      counts[depth] = 0;
    }

    void child(int depth, byte kind, JsonParser p) {
      if (kinds[depth] == 0) {
        kinds[depth] = kind;
      } else if (kinds[depth] != kind) {
        throw ragged(
            p,
            "at depth "
                + depth
                + " an array holds "
                + (kind == ARRAYS ? "an array" : "a value")
                + " where another holds "
                + (kind == ARRAYS ? "values" : "arrays"));
      }
      counts[depth]++;
    }

    void close(int depth, JsonParser p) {
      if (lengths[depth] < 0) {
        lengths[depth] = counts[depth];
      } else if (lengths[depth] != counts[depth]) {
        throw ragged(
            p,
            "at depth "
                + depth
                + " an array has "
                + counts[depth]
                + " elements where the first has "
                + lengths[depth]);
      }
    }

    private InvalidInputException ragged(JsonParser p, String what) {
      return new InvalidInputException(
          null,
          "'"
              + field
              + "' is ragged"
              + Json.atLine(p)
              + ": "
              + what
              + " (nested data must be rectangular: send it flat, row-major, or as rows of equal"
              + " length)");
    }
  }

  /** A growable primitive array of one datatype's storage type. */
  private static final class Sink {
    private final DataType type;
    private final long expected;
    private final String field;
    private boolean[] bools = new boolean[0];
    private byte[] bytes = new byte[0];
    private short[] shorts = new short[0];
    private int[] ints = new int[0];
    private long[] longs = new long[0];
    private float[] floats = new float[0];
    private double[] doubles = new double[0];
    private byte[][] strings = new byte[0][];
    private int n;

    Sink(DataType type, int capacity, long expected, String field) {
      this.type = type;
      this.expected = expected;
      this.field = field;
      switch (type) {
        case BOOL -> bools = new boolean[capacity];
        case INT8, UINT8 -> bytes = new byte[capacity];
        case INT16, UINT16, FP16, BF16 -> shorts = new short[capacity];
        case INT32, UINT32 -> ints = new int[capacity];
        case INT64, UINT64 -> longs = new long[capacity];
        case FP32 -> floats = new float[capacity];
        case FP64 -> doubles = new double[capacity];
        case BYTES -> strings = new byte[capacity][];
      }
    }

    void add(JsonParser p, JsonToken t) throws IOException {
      if (expected >= 0 && n >= expected) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "' has more elements than its shape's "
                + expected
                + " (send exactly product(shape) values, row-major)");
      }
      switch (type) {
        case BOOL -> {
          if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw element(p, t, "true or false");
          }
          if (n == bools.length) {
            bools = Arrays.copyOf(bools, grow(n));
          }
          bools[n++] = t == JsonToken.VALUE_TRUE;
        }
        case INT8 -> putByte(p, t, -128, 127);
        case UINT8 -> putByte(p, t, 0, 255);
        case INT16 -> putShort(p, t, Short.MIN_VALUE, Short.MAX_VALUE);
        case UINT16 -> putShort(p, t, 0, 0xFFFF);
        case INT32 -> putInt(p, t, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case UINT32 -> putInt(p, t, 0, 0xFFFF_FFFFL);
        case INT64 -> {
          long v = integer(p, t);
          if (n == longs.length) {
            longs = Arrays.copyOf(longs, grow(n));
          }
          longs[n++] = v;
        }
        case UINT64 -> {
          long v;
          if (t == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger big = p.getBigIntegerValue();
            if (big.signum() < 0 || big.compareTo(UINT64_MAX) > 0) {
              throw range(p, "[0, 18446744073709551615]");
            }
            v = big.longValue();
          } else {
            v = integer(p, t);
            if (v < 0) {
              throw range(p, "[0, 18446744073709551615]");
            }
          }
          if (n == longs.length) {
            longs = Arrays.copyOf(longs, grow(n));
          }
          longs[n++] = v;
        }
        case FP32 -> {
          float v = t == JsonToken.VALUE_STRING ? (float) nonFinite(p) : (float) number(p, t, true);
          if (n == floats.length) {
            floats = Arrays.copyOf(floats, grow(n));
          }
          floats[n++] = v;
        }
        case FP64 -> {
          double v = t == JsonToken.VALUE_STRING ? nonFinite(p) : number(p, t, false);
          if (n == doubles.length) {
            doubles = Arrays.copyOf(doubles, grow(n));
          }
          doubles[n++] = v;
        }
        case BYTES -> {
          if (t != JsonToken.VALUE_STRING) {
            throw element(p, t, "a string");
          }
          if (n == strings.length) {
            strings = Arrays.copyOf(strings, grow(n));
          }
          String text = Json.text(p.getText(), field + "[" + n + "]", p);
          strings[n++] = text.getBytes(StandardCharsets.UTF_8);
        }
        case FP16, BF16 -> throw new IllegalStateException("FP16 and BF16 are refused earlier");
      }
    }

    private void putByte(JsonParser p, JsonToken t, int min, int max) throws IOException {
      long v = integer(p, t);
      if (v < min || v > max) {
        throw range(p, "[" + min + ", " + max + "]");
      }
      if (n == bytes.length) {
        bytes = Arrays.copyOf(bytes, grow(n));
      }
      bytes[n++] = (byte) v;
    }

    private void putShort(JsonParser p, JsonToken t, int min, int max) throws IOException {
      long v = integer(p, t);
      if (v < min || v > max) {
        throw range(p, "[" + min + ", " + max + "]");
      }
      if (n == shorts.length) {
        shorts = Arrays.copyOf(shorts, grow(n));
      }
      shorts[n++] = (short) v;
    }

    private void putInt(JsonParser p, JsonToken t, long min, long max) throws IOException {
      long v = integer(p, t);
      if (v < min || v > max) {
        throw range(p, "[" + min + ", " + max + "]");
      }
      if (n == ints.length) {
        ints = Arrays.copyOf(ints, grow(n));
      }
      ints[n++] = (int) v;
    }

    private long integer(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw element(p, t, "an integer");
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw range(p, "of " + type);
      }
      return p.getLongValue();
    }

    private double number(JsonParser p, JsonToken t, boolean single) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        throw element(p, t, "a number");
      }
      return single ? Numbers.readFloat(p) : Numbers.readDouble(p);
    }

    private double nonFinite(JsonParser p) throws IOException {
      String s = p.getText();
      return switch (s) {
        case "NaN" -> Double.NaN;
        case "Infinity", "+Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
        default -> throw element(p, JsonToken.VALUE_STRING, "a number (or \"NaN\", \"Infinity\")");
      };
    }

    private InvalidInputException element(JsonParser p, JsonToken t, String expected) {
      return new InvalidInputException(
          null,
          "'"
              + field
              + "["
              + n
              + "]' is "
              + Json.describe(t)
              + Json.atLine(p)
              + " ("
              + type
              + " data must be "
              + expected
              + ")");
    }

    private InvalidInputException range(JsonParser p, String range) throws IOException {
      return new InvalidInputException(
          null,
          "'"
              + field
              + "["
              + n
              + "]' = "
              + p.getText()
              + Json.atLine(p)
              + " is out of range "
              + range
              + " (send values that fit "
              + type
              + " or declare a wider datatype)");
    }

    private static int grow(int n) {
      return (int) Math.min((long) n * 2 + 8, Integer.MAX_VALUE - 8);
    }

    Object finish() {
      if (expected >= 0 && n != expected) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "' has "
                + n
                + " elements but its shape has "
                + expected
                + " (send exactly product(shape) values, row-major)");
      }
      return switch (type) {
        case BOOL -> n == bools.length ? bools : Arrays.copyOf(bools, n);
        case INT8, UINT8 -> n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
        case INT16, UINT16, FP16, BF16 -> n == shorts.length ? shorts : Arrays.copyOf(shorts, n);
        case INT32, UINT32 -> n == ints.length ? ints : Arrays.copyOf(ints, n);
        case INT64, UINT64 -> n == longs.length ? longs : Arrays.copyOf(longs, n);
        case FP32 -> n == floats.length ? floats : Arrays.copyOf(floats, n);
        case FP64 -> n == doubles.length ? doubles : Arrays.copyOf(doubles, n);
        case BYTES -> n == strings.length ? strings : Arrays.copyOf(strings, n);
      };
    }
  }
}
