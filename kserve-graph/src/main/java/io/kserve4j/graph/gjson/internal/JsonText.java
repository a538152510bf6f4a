package io.kserve4j.graph.gjson.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * JSON text helpers: unescaping strings, writing strings as JSON, validating a document, and
 * reading and formatting numbers the way GJSON (Go) does.
 */
public final class JsonText {
  private JsonText() {}

  /** Whether {@code c} is JSON whitespace (space, tab, line feed, carriage return). */
  static boolean isWs(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * The value of a JSON string's content (between the quotes), escapes resolved. Like GJSON, an
   * invalid escape or a raw control character ends the value there; an unpaired surrogate becomes
   * U+FFFD.
   */
  static String unescape(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] != '\\' && (b[i] & 0xff) >= ' ') {
      i++;
    }
    if (i == to) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(to - from);
    sb.append(new String(b, from, i - from, StandardCharsets.UTF_8));
    int plain = i;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c >= ' ' && c != '\\') {
        i++;
        continue;
      }
      sb.append(new String(b, plain, i - plain, StandardCharsets.UTF_8));
      if (c < ' ' || i + 1 >= to) {
        return sb.toString();
      }
      int e = b[i + 1];
      i += 2;
      switch (e) {
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case '"' -> sb.append('"');
        case 'u' -> {
          int u = hex4(b, i, to);
          if (u < 0) {
            return sb.toString();
          }
          i += 4;
          if (Character.isHighSurrogate((char) u)
              && i + 6 <= to
              && b[i] == '\\'
              && b[i + 1] == 'u'
              && hex4(b, i + 2, to) >= 0
              && Character.isLowSurrogate((char) hex4(b, i + 2, to))) {
            sb.append((char) u).append((char) hex4(b, i + 2, to));
            i += 6;
          } else if (Character.isSurrogate((char) u)) {
            sb.append('\ufffd');
          } else {
            sb.append((char) u);
          }
        }
        default -> {
          return sb.toString();
        }
      }
      plain = i;
    }
    sb.append(new String(b, plain, i - plain, StandardCharsets.UTF_8));
    return sb.toString();
  }

  private static int hex4(byte[] b, int i, int to) {
    if (i + 4 > to) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + 4; k++) {
      int d = Character.digit(b[k], 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * Appends {@code text} (UTF-8 bytes) as a JSON string, as GJSON's {@code AppendJSONString} does:
   * control characters, quote and backslash escaped, {@code <>&} as {@code \u003c}-style escapes,
   * invalid UTF-8 as {@code \ufffd}, U+2028 and U+2029 escaped.
   */
  static void appendJsonString(Out out, byte[] text, int from, int to) {
    out.add('"');
    int i = from;
    while (i < to) {
      int c = text[i] & 0xff;
      if (c < 0x80) {
        switch (c) {
          case '\b' -> out.add('\\').add('b');
          case '\f' -> out.add('\\').add('f');
          case '\n' -> out.add('\\').add('n');
          case '\r' -> out.add('\\').add('r');
          case '\t' -> out.add('\\').add('t');
          case '\\' -> out.add('\\').add('\\');
          case '"' -> out.add('\\').add('"');
          default -> {
            if (c < ' ' || c == '<' || c == '>' || c == '&') {
              out.add('\\').add('u').add('0').add('0').add(HEX[c >> 4]).add(HEX[c & 15]);
            } else {
              out.add(c);
            }
          }
        }
        i++;
        continue;
      }
      int n = utf8Length(text, i, to);
      if (n == 0) {
        out.add("\\ufffd");
        i++;
      } else if (n == 3
          && c == 0xe2
          && (text[i + 1] & 0xff) == 0x80
          && ((text[i + 2] & 0xff) == 0xa8 || (text[i + 2] & 0xff) == 0xa9)) {
        out.add("\\u202").add((text[i + 2] & 0xff) == 0xa8 ? '8' : '9');
        i += 3;
      } else {
        out.add(text, i, i + n);
        i += n;
      }
    }
    out.add('"');
  }

  /** The length of the valid UTF-8 sequence at {@code i}, or 0 when it is not valid UTF-8. */
  static int utf8Length(byte[] b, int i, int to) {
    int c = b[i] & 0xff;
    int n;
    int min;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + n > to) {
      return 0;
    }
    int cp = c & (0xff >> (n + 1));
    for (int k = 1; k < n; k++) {
      int t = b[i + k] & 0xff;
      if ((t & 0xc0) != 0x80) {
        return 0;
      }
      cp = (cp << 6) | (t & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return 0;
    }
    return n;
  }

  /**
   * Whether {@code [from, to)} holds exactly one JSON value with optional surrounding whitespace
   * (RFC 8259; strings may hold any byte at or above space, as GJSON's {@code Valid} allows).
   * Iterative: any nesting depth is checked without recursion.
   */
  public static boolean isValid(byte[] b, int from, int to) {
    int i = skipWs(b, from, to);
    i = validValue(b, i, to);
    return i >= 0 && skipWs(b, i, to) == to;
  }

  static int skipWs(byte[] b, int i, int to) {
    while (i < to && isWs(b[i])) {
      i++;
    }
    return i;
  }

  /** Validates one value from {@code i}; returns the index after it, or -1. */
  static int validValue(byte[] b, int i, int to) {
    // Container state: a stack of open brackets, as bits (1 = object), grown as needed.
    long[] stack = new long[1];
    int depth = 0;
    while (true) {
      i = skipWs(b, i, to);
      if (i >= to) {
        return -1;
      }
      int c = b[i];
      // A value.
      switch (c) {
        case '{', '[' -> {
          if (depth == stack.length * 64) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
          }
          if (c == '{') {
            stack[depth >> 6] |= 1L << (depth & 63);
          } else {
            stack[depth >> 6] &= ~(1L << (depth & 63));
          }
          depth++;
          i = skipWs(b, i + 1, to);
          if (i < to && b[i] == (c == '{' ? '}' : ']')) {
            depth--;
            i++;
            break;
          }
          if (c == '{') {
            i = objectKey(b, i, to);
            if (i < 0) {
              return -1;
            }
          }
          continue;
        }
        case '"' -> i = Scanner.skipString(b, i, to, true);
        case 't' -> i = Scanner.skipWord(b, i, to, Scanner.TRUE);
        case 'f' -> i = Scanner.skipWord(b, i, to, Scanner.FALSE);
        case 'n' -> i = Scanner.skipWord(b, i, to, Scanner.NULL);
        default -> i = Scanner.skipNumber(b, i, to);
      }
      // After a value: close containers or move to the next member.
      while (true) {
        if (i < 0) {
          return -1;
        }
        if (depth == 0) {
          return i;
        }
        boolean object = (stack[(depth - 1) >> 6] & (1L << ((depth - 1) & 63))) != 0;
        i = skipWs(b, i, to);
        if (i >= to) {
          return -1;
        }
        if (b[i] == ',') {
          i = skipWs(b, i + 1, to);
          if (object) {
            i = objectKey(b, i, to);
          }
          break;
        }
        if (b[i] == (object ? '}' : ']')) {
          depth--;
          i++;
          continue;
        }
        return -1;
      }
      if (i < 0) {
        return -1;
      }
    }
  }

  /** Validates {@code "key" :} at {@code i}; returns the index after the colon, or -1. */
  private static int objectKey(byte[] b, int i, int to) {
    if (i >= to || b[i] != '"') {
      return -1;
    }
    i = Scanner.skipString(b, i, to, true);
    if (i < 0) {
      return -1;
    }
    i = skipWs(b, i, to);
    if (i >= to || b[i] != ':') {
      return -1;
    }
    return i + 1;
  }

  /**
   * Go's {@code strconv.ParseFloat(s, 64)} as GJSON uses it on a query's right-hand side: decimal
   * numbers with optional sign, {@code inf}, {@code infinity} and {@code nan} in any case; anything
   * else is 0 (Go's error value is ignored).
   */
  static double parseGoFloat(String s) {
    String t = s;
    int sign = 1;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      sign = t.charAt(0) == '-' ? -1 : 1;
      t = t.substring(1);
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (!isDecimal(t)) {
      return 0;
    }
    return sign * Double.parseDouble(t);
  }

  /** {@code digits[.digits]|.digits} with an optional exponent: Go's decimal float syntax. */
  private static boolean isDecimal(String t) {
    int i = 0;
    int n = t.length();
    int digits = 0;
    while (i < n && isDigit(t.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int e = 0;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        e++;
      }
      if (e == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A number as GJSON's {@code Result.String()} writes it: the raw text when it is an integer
   * ({@code -?[0-9]+}), else the shortest decimal without exponent (Go's {@code 'f', -1}).
   */
  static String formatNumber(String raw, double num) {
    int i = raw.startsWith("-") ? 1 : 0;
    boolean integer = i < raw.length();
    for (; i < raw.length(); i++) {
      if (!isDigit(raw.charAt(i))) {
        integer = false;
        break;
      }
    }
    if (integer) {
      return raw;
    }
    return formatDouble(num);
  }

  /** Go's {@code strconv.FormatFloat(num, 'f', -1, 64)}. */
  static String formatDouble(double num) {
    if (Double.isNaN(num)) {
      return "NaN";
    }
    if (Double.isInfinite(num)) {
      return num > 0 ? "+Inf" : "-Inf";
    }
    if (num == 0) {
      return (1 / num) < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(num)).stripTrailingZeros().toPlainString();
  }
}
