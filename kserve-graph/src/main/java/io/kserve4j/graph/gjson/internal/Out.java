package io.kserve4j.graph.gjson.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growing byte buffer for JSON that a path builds; every byte is charged to the budget. */
final class Out {
  private final Budget budget;
  private byte[] buf;
  private int len;

  Out(Budget budget, int capacity) {
    this.budget = budget;
    this.buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int more) {
    budget.charge(more);
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  Out add(int c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  Out add(byte[] b, int from, int to) {
    ensure(to - from);
    System.arraycopy(b, from, buf, len, to - from);
    len += to - from;
    return this;
  }

  Out add(String ascii) {
    return add(ascii.getBytes(StandardCharsets.UTF_8), 0, ascii.length());
  }

  Out add(Val v) {
    return add(v.buf, v.start, v.end);
  }

  int length() {
    return len;
  }

  byte last() {
    return buf[len - 1];
  }

  void setLast(int c) {
    buf[len - 1] = (byte) c;
  }

  void truncate(int newLength) {
    len = newLength;
  }

  byte[] array() {
    return buf;
  }

  /** The bytes written, as a document. */
  Val toDoc() {
    return Val.doc(buf, 0, len);
  }
}
