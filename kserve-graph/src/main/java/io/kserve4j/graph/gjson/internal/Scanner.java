package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.JsonType;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Byte-level JSON scanning without a tree: find where a value ends, read a key, tell a value's
 * type. Every method returns the index after what it read, or -1 when the bytes are not JSON there.
 * Containers are skipped iteratively (brackets must match and strings must end; what lies between
 * is not checked), so nesting depth costs neither stack nor time beyond the bytes.
 */
final class Scanner {
  private Scanner() {}

  static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private static final byte OTHER = 0;
  private static final byte QUOTE = 1;
  private static final byte OPEN_OBJECT = 2;
  private static final byte OPEN_ARRAY = 3;
  private static final byte CLOSE_OBJECT = 4;
  private static final byte CLOSE_ARRAY = 5;
  private static final byte[] CLASS = new byte[256];

  static {
    CLASS['"'] = QUOTE;
    CLASS['{'] = OPEN_OBJECT;
    CLASS['['] = OPEN_ARRAY;
    CLASS['}'] = CLOSE_OBJECT;
    CLASS[']'] = CLOSE_ARRAY;
  }

  static int skipWs(byte[] b, int i, int to) {
    while (i < to) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return i;
      }
      i++;
    }
    return i;
  }

  /**
   * Skips the string whose opening quote is at {@code i}. Strict: escapes must be JSON escapes and
   * raw control characters are refused; else only the closing quote is looked for.
   */
  static int skipString(byte[] b, int i, int to, boolean strict) {
    i++;
    while (i < to) {
      byte c = b[i];
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= to) {
          return -1;
        }
        if (strict) {
          byte e = b[i + 1];
          if (e == 'u') {
            if (i + 6 > to) {
              return -1;
            }
            for (int k = i + 2; k < i + 6; k++) {
              if (Character.digit(b[k], 16) < 0) {
                return -1;
              }
            }
            i += 6;
            continue;
          }
          if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
              && e != 't') {
            return -1;
          }
        }
        i += 2;
        continue;
      }
      if (strict && (c & 0xff) < ' ') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /** Skips a JSON number ({@code -?int frac? exp?}) at {@code i}. */
  static int skipNumber(byte[] b, int i, int to) {
    if (i < to && b[i] == '-') {
      i++;
    }
    if (i >= to) {
      return -1;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    } else {
      return -1;
    }
    if (i < to && b[i] == '.') {
      i++;
      int s = i;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == s) {
        return -1;
      }
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int s = i;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == s) {
        return -1;
      }
    }
    return i;
  }

  static int skipWord(byte[] b, int i, int to, byte[] word) {
    if (i + word.length > to) {
      return -1;
    }
    for (int k = 0; k < word.length; k++) {
      if (b[i + k] != word[k]) {
        return -1;
      }
    }
    return i + word.length;
  }

  /** Skips the value starting at {@code i} (not whitespace). */
  static int skipValue(byte[] b, int i, int to) {
    if (i >= to) {
      return -1;
    }
    return switch (b[i]) {
      case '{', '[' -> skipContainer(b, i, to);
      case '"' -> skipString(b, i, to, false);
      case 't' -> skipWord(b, i, to, TRUE);
      case 'f' -> skipWord(b, i, to, FALSE);
      case 'n' -> skipWord(b, i, to, NULL);
      default -> skipNumber(b, i, to);
    };
  }

  /** Skips the object or array opening at {@code i}: brackets must match, strings must end. */
  static int skipContainer(byte[] b, int i, int to) {
    // Open brackets as bits (1 = object); the first 64 levels need no allocation.
    long low = 0;
    long[] high = null;
    int depth = 0;
    while (true) {
      // A tight loop over what is not a quote or bracket (C2 keeps this one fast).
      while (i < to && CLASS[b[i] & 0xff] == OTHER) {
        i++;
      }
      if (i >= to) {
        return -1;
      }
      byte k = CLASS[b[i] & 0xff];
      if (k == QUOTE) {
        i = skipString(b, i, to, false);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (k == OPEN_OBJECT || k == OPEN_ARRAY) {
        long bit = k == OPEN_OBJECT ? 1 : 0;
        if (depth < 64) {
          low = (low & ~(1L << depth)) | (bit << depth);
        } else {
          int d = depth - 64;
          if (high == null) {
            high = new long[4];
          } else if ((d >> 6) >= high.length) {
            high = java.util.Arrays.copyOf(high, high.length * 2);
          }
          high[d >> 6] = (high[d >> 6] & ~(1L << (d & 63))) | (bit << (d & 63));
        }
        depth++;
        i++;
        continue;
      }
      depth--;
      boolean object;
      if (depth < 64) {
        object = ((low >>> depth) & 1) != 0;
      } else {
        int d = depth - 64;
        object = high != null && ((high[d >> 6] >>> (d & 63)) & 1) != 0;
      }
      if (object != (k == CLOSE_OBJECT)) {
        return -1;
      }
      i++;
      if (depth == 0) {
        return i;
      }
    }
  }

  /** The type of the value whose first byte is {@code c}. */
  static JsonType typeOf(byte c) {
    return switch (c) {
      case '{', '[' -> JsonType.JSON;
      case '"' -> JsonType.STRING;
      case 't' -> JsonType.TRUE;
      case 'f' -> JsonType.FALSE;
      case 'n' -> JsonType.NULL;
      default -> JsonType.NUMBER;
    };
  }

  /**
   * GJSON's {@code Parse}: the first value of a document. An object or array runs to the end of the
   * document (GJSON keeps its raw text as it is); a scalar is just its token. Returns {@code null}
   * when the document holds no JSON value there.
   */
  static @Nullable Val parse(Val doc) {
    byte[] b = doc.buf;
    int i = skipWs(b, doc.start, doc.end);
    if (i >= doc.end) {
      return null;
    }
    byte c = b[i];
    if (c == '{' || c == '[') {
      return Val.of(b, i, doc.end, JsonType.JSON);
    }
    if (c == '"') {
      int e = skipString(b, i, doc.end, false);
      return e < 0 ? null : Val.of(b, i, e, JsonType.STRING);
    }
    int e = skipValue(b, i, doc.end);
    return e < 0 ? null : Val.of(b, i, e, typeOf(c));
  }
}
