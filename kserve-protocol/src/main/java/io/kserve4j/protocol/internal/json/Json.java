package io.kserve4j.protocol.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.internal.wire.Echo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The one Jackson factory of the codec, and small helpers shared by readers and writers. */
public final class Json {
  /** Streaming only; NaN and Infinity are read bare or quoted; fast float parsing and writing. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private Json() {}

  /** The bytes of a JSON document: an array slice, without a copy where the buffer has one. */
  public record Source(byte[] array, int offset, int length) {
    /** The {@code length} bytes at the buffer's position (read, not consumed). */
    public static Source of(ByteBuffer body, int length) {
      if (body.hasArray()) {
        return new Source(body.array(), body.arrayOffset() + body.position(), length);
      }
      byte[] copy = new byte[length];
      body.duplicate().get(copy);
      return new Source(copy, 0, length);
    }

    /** A parser over the whole document. */
    public JsonParser parser() throws IOException {
      return FACTORY.createParser(array, offset, length);
    }

    /** A parser over {@code [from, to)}, offsets relative to the document's start. */
    public JsonParser parser(long from, long to) throws IOException {
      return FACTORY.createParser(array, offset + (int) from, (int) (to - from));
    }
  }

  /** A generator over {@code out} that leaves the stream open when closed. */
  public static JsonGenerator generator(OutputStream out) {
    try {
      return FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 400 for a body that is not well-formed JSON, naming line and column. */
  public static InvalidInputException malformed(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new InvalidInputException(
        null,
        "malformed JSON"
            + where
            + ": "
            + e.getOriginalMessage()
            + " (send one well-formed JSON object)",
        e);
  }

  /** The 400 for a field of the wrong JSON type. */
  public static InvalidInputException wrongType(String field, String expected, JsonParser p) {
    return new InvalidInputException(
        null,
        "'"
            + field
            + "' must be "
            + expected
            + " but is "
            + describe(p.currentToken())
            + atLine(p));
  }

  /** " (line L, column C)" of the current token. */
  public static String atLine(JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** A token's JSON type in words. */
  public static String describe(@Nullable JsonToken t) {
    if (t == null) {
      return "missing";
    }
    return switch (t) {
      case START_OBJECT, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  /** Expects the next token to be {@code want}, naming {@code field} if not. */
  public static void expect(JsonParser p, JsonToken want, String field, String expected)
      throws IOException {
    if (p.nextToken() != want) {
      throw wrongType(field, expected, p);
    }
  }

  /** Reads a string value (the parser is on it); it must be text (no unpaired surrogate). */
  public static String string(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw wrongType(field, "a string", p);
    }
    return text(p.getText(), field, p);
  }

  /**
   * {@code s} itself when it is text; JSON's {@code \uD800} escapes can spell an unpaired UTF-16
   * surrogate, which no UTF-8 can carry and which would otherwise turn into {@code ?} unseen.
   *
   * @throws InvalidInputException if {@code s} holds an unpaired surrogate
   */
  public static String text(String s, String field, JsonParser p) {
    int bad = unpairedSurrogate(s);
    if (bad >= 0) {
      throw new InvalidInputException(
          null,
          "'"
              + field
              + "' holds an unpaired UTF-16 surrogate (\\u"
              + Integer.toHexString(s.charAt(bad))
              + ") at character "
              + bad
              + atLine(p)
              + ", which is not text (send valid Unicode; send bytes that are not text in binary)");
    }
    return s;
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Reads a parameters object: values string, number or boolean (the parser is on '{'). */
  public static Map<String, Object> parameters(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType(field, "an object", p);
    }
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = text(p.currentName(), field, p);
      JsonToken t = p.nextToken();
      Object value =
          switch (t) {
            case VALUE_STRING -> text(p.getText(), field + "." + Echo.cut(key), p);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue()
                    : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            default ->
                throw new InvalidInputException(
                    null,
                    "'"
                        + field
                        + "."
                        + Echo.cut(key)
                        + "' is "
                        + describe(t)
                        + atLine(p)
                        + " (parameter values must be a string, a number or a boolean)");
          };
      out.put(key, value);
    }
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  /** Reads an array of strings (the parser is on '['). */
  public static List<String> strings(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType(field, "an array of strings", p);
    }
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(string(p, field + "[" + out.size() + "]"));
    }
    return out;
  }

  /** Reads a shape: an array of integers, each >= -1 when {@code allowDynamic}, else >= 0. */
  public static long[] shape(JsonParser p, String field, boolean allowDynamic) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType(field, "an array of integers", p);
    }
    long[] dims = new long[4];
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "["
                + n
                + "]' is "
                + describe(p.currentToken())
                + atLine(p)
                + " (each dimension must be an integer that fits 64 bits)");
      }
      long d = p.getLongValue();
      if (d < (allowDynamic ? -1 : 0)) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "["
                + n
                + "]' = "
                + d
                + " (each dimension must be >= "
                + (allowDynamic ? "-1; -1 marks a dynamic dimension)" : "0)"));
      }
      if (n == dims.length) {
        dims = java.util.Arrays.copyOf(dims, n * 2);
      }
      dims[n++] = d;
    }
    return java.util.Arrays.copyOf(dims, n);
  }

  /** The element count of a shape, checked against overflow and a Java array's capacity. */
  public static long elementCount(long[] shape, String field) {
    long count = 1;
    for (long d : shape) {
      try {
        count = Math.multiplyExact(count, d);
      } catch (ArithmeticException e) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "' = "
                + java.util.Arrays.toString(shape)
                + " overflows: its element count does not fit 64 bits (send the tensor's real"
                + " shape)");
      }
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(
          null,
          "'"
              + field
              + "' = "
              + java.util.Arrays.toString(shape)
              + " has "
              + count
              + " elements, more than one tensor holds (at most 2^31 - 9)");
    }
    return count;
  }

  /**
   * Writes a parameters map without {@code extraKey}'s entry, then {@code extraKey = extraValue}
   * when {@code extraValue >= 0}.
   */
  public static void writeParameters(
      JsonGenerator g, Map<String, Object> parameters, @Nullable String extraKey, long extraValue)
      throws IOException {
    g.writeObjectFieldStart("parameters");
    for (Map.Entry<String, Object> e : parameters.entrySet()) {
      if (e.getKey().equals(extraKey)) {
        continue;
      }
      g.writeFieldName(e.getKey());
      writeScalar(g, e.getValue());
    }
    if (extraKey != null && extraValue >= 0) {
      g.writeNumberField(extraKey, extraValue);
    }
    g.writeEndObject();
  }

  /** Writes a parameter value: a string, a boolean or a number. */
  public static void writeScalar(JsonGenerator g, Object v) throws IOException {
    if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  /** Whether a parameter value means true: {@code true} or the string "true" (any case). */
  public static boolean isTrue(@Nullable Object v) {
    return Boolean.TRUE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("true"));
  }
}
