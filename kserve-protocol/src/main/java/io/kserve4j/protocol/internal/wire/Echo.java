package io.kserve4j.protocol.internal.wire;

import org.jspecify.annotations.Nullable;

/**
 * Strings a client sent, made safe to echo in an error message, a header or a log line: cut to a
 * short prefix, with control characters and unpaired surrogates escaped, so that a 7 MB tensor name
 * costs an error body no more than a short one and cannot forge a log line.
 */
public final class Echo {
  /** The longest client string echoed whole, in characters. */
  public static final int MAX_ECHO = 64;

  /** The longest error message sent or logged whole, in characters. */
  public static final int MAX_MESSAGE = 1024;

  private static final int MESSAGE_TAIL = 256;

  private Echo() {}

  /**
   * {@code s} as it may be echoed: itself when it is short and printable; else its first {@value
   * #MAX_ECHO} characters followed by {@code ...(N characters)}, with control characters and
   * unpaired surrogates written as {@code \\uXXXX}.
   */
  public static String cut(@Nullable String s) {
    if (s == null) {
      return "null";
    }
    int end = Math.min(s.length(), MAX_ECHO);
    if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    String head = escaped(s, 0, end);
    return end == s.length() ? head : head + "...(" + s.length() + " characters)";
  }

  /**
   * An error message as it may be sent or logged: itself when at most {@value #MAX_MESSAGE}
   * characters, else its head and its last {@value #MESSAGE_TAIL} characters (where the fix is)
   * around a note of how much was cut; control characters (line breaks too: one event, one line)
   * and unpaired surrogates escaped either way.
   */
  public static String message(@Nullable String m) {
    if (m == null) {
      return "null";
    }
    if (m.length() <= MAX_MESSAGE) {
      return escaped(m, 0, m.length());
    }
    int head = MAX_MESSAGE - MESSAGE_TAIL;
    if (Character.isHighSurrogate(m.charAt(head - 1))) {
      head--;
    }
    int tail = m.length() - MESSAGE_TAIL;
    if (Character.isLowSurrogate(m.charAt(tail))) {
      tail++;
    }
    return escaped(m, 0, head)
        + " ...("
        + (tail - head)
        + " characters cut)... "
        + escaped(m, tail, m.length());
  }

  private static String escaped(String s, int from, int to) {
    int i = from;
    while (i < to && safe(s, i, to)) {
      i++;
    }
    if (i == to) {
      return from == 0 && to == s.length() ? s : s.substring(from, to);
    }
    StringBuilder b = new StringBuilder(to - from + 16).append(s, from, i);
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (safe(s, i, to)) {
        b.append(c);
        if (Character.isHighSurrogate(c)) {
          b.append(s.charAt(++i));
        }
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** Whether the character at {@code i} can be echoed as it is. */
  private static boolean safe(String s, int i, int to) {
    char c = s.charAt(i);
    if (Character.isISOControl(c)) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
  }
}
