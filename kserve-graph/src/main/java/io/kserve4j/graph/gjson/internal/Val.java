package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.JsonType;
import org.jspecify.annotations.Nullable;

/**
 * A range of JSON bytes: a value the scanner found or a path built (with its type), or a document a
 * path applies to (type {@code null}: the text is read as GJSON reads its input).
 */
public final class Val {
  final byte[] buf;
  final int start;
  final int end;
  final @Nullable JsonType type;

  private Val(byte[] buf, int start, int end, @Nullable JsonType type) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.type = type;
  }

  /** A document: JSON text a path is applied to. */
  public static Val doc(byte[] buf, int start, int end) {
    return new Val(buf, start, end, null);
  }

  static Val of(byte[] buf, int start, int end, JsonType type) {
    return new Val(buf, start, end, type);
  }

  /** The bytes. */
  public byte[] buf() {
    return buf;
  }

  /** Where the raw JSON starts in {@link #buf()}. */
  public int start() {
    return start;
  }

  /** Where the raw JSON ends (exclusive) in {@link #buf()}. */
  public int end() {
    return end;
  }

  /** The value's type; {@code null} for a document. */
  public @Nullable JsonType type() {
    return type;
  }
}
