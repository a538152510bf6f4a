package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.JsonType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A found value read the way GJSON's {@code Result} reads it: string, number, bool, members. */
public final class Values {
  private Values() {}

  /** The value's raw text. */
  public static String raw(Val v) {
    return new String(v.buf, v.start, v.end - v.start, StandardCharsets.UTF_8);
  }

  /** The type of a value (a document's first value decides). */
  static JsonType type(Val v) {
    JsonType t = v.type;
    if (t != null) {
      return t;
    }
    int i = Scanner.skipWs(v.buf, v.start, v.end);
    return i < v.end ? Scanner.typeOf(v.buf[i]) : JsonType.NULL;
  }

  /** GJSON's {@code String()}: a string's content, a number's text, true/false, JSON's raw. */
  public static String string(Val v) {
    return switch (type(v)) {
      case NULL -> "";
      case FALSE -> "false";
      case TRUE -> "true";
      case STRING -> stringContent(v);
      case NUMBER -> {
        String raw = raw(v).trim();
        yield JsonText.formatNumber(raw, number(v));
      }
      case JSON -> raw(v);
    };
  }

  private static String stringContent(Val v) {
    int s = Scanner.skipWs(v.buf, v.start, v.end);
    int e = v.end;
    while (e > s + 1 && v.buf[e - 1] != '"') {
      e--;
    }
    return e > s + 1 ? JsonText.unescape(v.buf, s + 1, e - 1) : "";
  }

  /** GJSON's {@code Float()}. */
  public static double number(Val v) {
    return switch (type(v)) {
      case TRUE -> 1;
      case STRING -> JsonText.parseGoFloat(stringContent(v));
      case NUMBER -> parseNumber(raw(v).trim());
      default -> 0;
    };
  }

  private static double parseNumber(String raw) {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** GJSON's {@code Int()}: exact for integers up to 64 bits. */
  public static long longValue(Val v) {
    return switch (type(v)) {
      case TRUE -> 1;
      case STRING -> {
        Long n = parseLong(stringContent(v));
        yield n == null ? 0 : n;
      }
      case NUMBER -> {
        double f = number(v);
        if (f >= -9007199254740991.0 && f <= 9007199254740991.0) {
          yield (long) f;
        }
        Long n = parseLong(raw(v).trim());
        yield n != null ? n : (long) f;
      }
      default -> 0;
    };
  }

  /** {@code -?[0-9]+}, wrapping on overflow as Go's {@code parseInt} in GJSON does. */
  private static @Nullable Long parseLong(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    if (i == s.length()) {
      return null;
    }
    long n = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      n = n * 10 + (c - '0');
    }
    return s.startsWith("-") ? -n : n;
  }

  /** GJSON's {@code Bool()}: true, a non-zero number, or a string Go's ParseBool calls true. */
  public static boolean bool(Val v) {
    return switch (type(v)) {
      case TRUE -> true;
      case STRING -> Boolean.TRUE.equals(parseBool(stringContent(v)));
      case NUMBER -> number(v) != 0;
      default -> false;
    };
  }

  /** Go's {@code strconv.ParseBool} on the lower-cased text; {@code null} when it is neither. */
  static @Nullable Boolean parseBool(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "1", "t", "true" -> true;
      case "0", "f", "false" -> false;
      default -> null;
    };
  }

  /** An object member: its key's value, its key's raw text and its value. */
  public record Member(String key, Val rawKey, Val value) {}

  /**
   * The members of an object, or the elements of an array (with their index as key), or the value
   * itself for a scalar: GJSON's {@code ForEach}. Stops quietly at malformed JSON.
   */
  public static List<Member> members(Val v) {
    List<Member> out = new ArrayList<>();
    byte[] b = v.buf;
    int to = v.end;
    int i = Scanner.skipWs(b, v.start, to);
    if (i >= to) {
      return out;
    }
    if (b[i] != '{' && b[i] != '[') {
      Val scalar = Scanner.parse(Val.doc(b, i, to));
      if (scalar != null) {
        out.add(new Member("", Val.of(b, i, i, JsonType.NULL), scalar));
      }
      return out;
    }
    boolean object = b[i] == '{';
    i = Scanner.skipWs(b, i + 1, to);
    int index = 0;
    while (i < to && b[i] != (object ? '}' : ']')) {
      String key = Integer.toString(index);
      Val rawKey;
      if (object) {
        if (b[i] != '"') {
          return out;
        }
        int ke = Scanner.skipString(b, i, to, false);
        if (ke < 0) {
          return out;
        }
        rawKey = Val.of(b, i, ke, JsonType.STRING);
        key = JsonText.unescape(b, i + 1, ke - 1);
        i = Scanner.skipWs(b, ke, to);
        if (i >= to || b[i] != ':') {
          return out;
        }
        i = Scanner.skipWs(b, i + 1, to);
      } else {
        byte[] digits = key.getBytes(StandardCharsets.US_ASCII);
        rawKey = Val.of(digits, 0, digits.length, JsonType.NUMBER);
      }
      int ve = Scanner.skipValue(b, i, to);
      if (ve < 0) {
        return out;
      }
      out.add(new Member(key, rawKey, Val.of(b, i, ve, Scanner.typeOf(b[i]))));
      index++;
      i = Scanner.skipWs(b, ve, to);
      if (i < to && b[i] == ',') {
        i = Scanner.skipWs(b, i + 1, to);
      }
    }
    return out;
  }
}
