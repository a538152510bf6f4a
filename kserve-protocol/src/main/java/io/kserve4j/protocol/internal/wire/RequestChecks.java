package io.kserve4j.protocol.internal.wire;

import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.RequestLimits;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The checks every wire applies to a request before its tensors are built, against the server's
 * {@link RequestLimits}, and the request id's form in an HTTP header.
 */
public final class RequestChecks {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RequestChecks() {}

  /**
   * Checks the number of input tensors read so far.
   *
   * @throws InvalidInputException if it is over the limit
   */
  public static void inputCount(long count, RequestLimits limits) {
    if (count > limits.maxInputs()) {
      throw new InvalidInputException(
          null,
          "the request has more than "
              + limits.maxInputs()
              + " input tensors, this server's limit (send the model's inputs only, each once; or"
              + " raise the server's maxInputs)");
    }
  }

  /**
   * Checks the number of outputs the request names.
   *
   * @throws InvalidInputException if it is over the limit
   */
  public static void outputCount(long count, RequestLimits limits) {
    if (count > limits.maxOutputs()) {
      throw new InvalidInputException(
          null,
          "the request names more than "
              + limits.maxOutputs()
              + " outputs, this server's limit (name each output once, or none to get every"
              + " output; or raise the server's maxOutputs)");
    }
  }

  /**
   * Checks a request id: at most {@link RequestLimits#maxRequestIdLength()} characters, no control
   * character (it is echoed in the {@code x-request-id} header and in logs), no unpaired surrogate
   * (it is not text).
   *
   * @param where where the id came from, for the message: {@code 'id'}, {@code the x-request-id
   *     header}
   * @return {@code id}
   * @throws InvalidInputException if the id breaks a rule; the message says which and the fix
   */
  public static @Nullable String requestId(
      @Nullable String id, RequestLimits limits, String where) {
    if (id == null) {
      return null;
    }
    if (id.length() > limits.maxRequestIdLength()) {
      throw new InvalidInputException(
          null,
          "the request id ("
              + where
              + ") is "
              + id.length()
              + " characters long; this server takes at most "
              + limits.maxRequestIdLength()
              + " (send a shorter id, such as a UUID; or raise the server's maxRequestIdLength)");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      String bad = null;
      if (Character.isISOControl(c)) {
        bad = "a control character";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
          i++;
        } else {
          bad = "an unpaired UTF-16 surrogate";
        }
      } else if (Character.isLowSurrogate(c)) {
        bad = "an unpaired UTF-16 surrogate";
      }
      if (bad != null) {
        throw new InvalidInputException(
            null,
            "the request id ("
                + where
                + ") holds "
                + bad
                + String.format(java.util.Locale.ROOT, " (U+%04X)", (int) c)
                + " at index "
                + i
                + "; a request id must be printable text, since it is echoed in the x-request-id"
                + " header and in logs (send a UUID or another printable id)");
      }
    }
    return id;
  }

  /**
   * A checked request id as an HTTP header value: the id itself when it is visible ASCII (with
   * spaces inside, not at its ends); else its UTF-8 bytes with every byte outside that range, and
   * every {@code %}, written {@code %XX}. The JSON answer carries the id unchanged.
   */
  public static String headerValue(String id) {
    if (plainAscii(id)) {
      return id;
    }
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(utf8.length * 3);
    for (byte x : utf8) {
      int c = x & 0xFF;
      if (c > 0x20 && c < 0x7F && c != '%') {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return b.toString();
  }

  private static boolean plainAscii(String id) {
    int n = id.length();
    if (n == 0) {
      return true;
    }
    if (id.charAt(0) == ' ' || id.charAt(n - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
