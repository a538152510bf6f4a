package io.kserve4j.protocol;

import java.util.Locale;

/**
 * The tensor datatypes of the Open Inference Protocol, each with its protocol name and the width of
 * one element in bytes.
 *
 * <p>Elements are laid out row-major and little-endian in raw form. {@link #BYTES} elements have no
 * fixed width: on the wire each is a 4-byte little-endian length followed by that many bytes.
 */
public enum DataType {
  /** Boolean, one byte per element (0 or 1). */
  BOOL(1),
  /** Unsigned 8-bit integer. */
  UINT8(1),
  /** Unsigned 16-bit integer. */
  UINT16(2),
  /** Unsigned 32-bit integer. */
  UINT32(4),
  /** Unsigned 64-bit integer. */
  UINT64(8),
  /** Signed 8-bit integer. */
  INT8(1),
  /** Signed 16-bit integer. */
  INT16(2),
  /** Signed 32-bit integer. */
  INT32(4),
  /** Signed 64-bit integer. */
  INT64(8),
  /** IEEE 754 half precision float, carried as its 16 raw bits. */
  FP16(2),
  /** IEEE 754 single precision float. */
  FP32(4),
  /** IEEE 754 double precision float. */
  FP64(8),
  /** bfloat16, carried as its 16 raw bits. */
  BF16(2),
  /** Variable-length byte strings (UTF-8 text or raw bytes). */
  BYTES(-1);

  private static final DataType[] VALUES = values();

  private final int byteSize;

  DataType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** The name this type has in the protocol, e.g. {@code "FP32"}. */
  public String protocolName() {
    return name();
  }

  /**
   * The width of one element in bytes, or {@code -1} for {@link #BYTES}, whose elements vary in
   * length.
   */
  public int byteSize() {
    return byteSize;
  }

  /** Whether every element has the same width ({@code false} only for {@link #BYTES}). */
  public boolean isFixedWidth() {
    return byteSize > 0;
  }

  /** Whether this is a floating point type (FP16, BF16, FP32, FP64). */
  public boolean isFloatingPoint() {
    return this == FP16 || this == BF16 || this == FP32 || this == FP64;
  }

  /** Whether this is an integer type, signed or unsigned. */
  public boolean isInteger() {
    return ordinal() >= UINT8.ordinal() && ordinal() <= INT64.ordinal();
  }

  /** Whether this is an unsigned integer type. */
  public boolean isUnsigned() {
    return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
  }

  /**
   * The datatype with this protocol name.
   *
   * @param protocolName a name such as {@code "FP32"}; case does not matter
   * @return the datatype
   * @throws InvalidInputException if no protocol datatype has this name; the message lists them
   */
  public static DataType of(String protocolName) {
    // The longest name is six characters: do not copy a client's megabytes to find none.
    String upper = protocolName.length() > 6 ? "" : protocolName.toUpperCase(Locale.ROOT);
    for (DataType type : VALUES) {
      if (type.name().equals(upper)) {
        return type;
      }
    }
    throw new InvalidInputException(
        null,
        "unknown datatype '"
            + io.kserve4j.protocol.internal.wire.Echo.cut(protocolName)
            + "' (use one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16,"
            + " FP32, FP64, BF16, BYTES)");
  }
}
