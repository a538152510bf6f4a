package io.kserve4j.runtime.onnxruntime.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal protobuf wire-format writer: enough to build ONNX models and tensors in tests. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A varint field (wire type 0). */
  ProtoWriter varint(int field, long value) {
    tag(field, 0);
    raw(value);
    return this;
  }

  /** A length-delimited field (wire type 2). */
  ProtoWriter bytes(int field, byte[] value) {
    tag(field, 2);
    raw(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A UTF-8 string field. */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** An embedded message field. */
  ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  /** A packed repeated varint field. */
  ProtoWriter packedVarints(int field, long... values) {
    ProtoWriter packed = new ProtoWriter();
    for (long v : values) {
      packed.raw(v);
    }
    return bytes(field, packed.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    raw(((long) field << 3) | wireType);
  }

  private void raw(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
