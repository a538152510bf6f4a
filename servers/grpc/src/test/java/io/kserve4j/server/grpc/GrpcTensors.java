package io.kserve4j.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Tensor;
import java.nio.charset.StandardCharsets;

/** One tensor of each datatype with edge values, and a comparison that is exact to the bit. */
final class GrpcTensors {
  private GrpcTensors() {}

  /** A [2, 3] tensor of {@code type} holding its edge values (BYTES: [2, 3] strings). */
  static Tensor sample(DataType type) {
    String name = "t_" + type.protocolName().toLowerCase(java.util.Locale.ROOT);
    Object data =
        switch (type) {
          case BOOL -> new boolean[] {true, false, true, true, false, false};
          case UINT8 -> new byte[] {0, 1, 127, (byte) 128, (byte) 255, 7};
          case INT8 -> new byte[] {-128, -1, 0, 1, 127, 5};
          case UINT16 -> new short[] {0, 1, 32767, (short) 32768, (short) 65535, 9};
          case INT16 -> new short[] {-32768, -1, 0, 1, 32767, 3};
          case FP16 -> new short[] {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x7E00, (short) 0x8000};
          case BF16 -> new short[] {0x3F80, (short) 0xC000, 0x7F7F, 0x0001, 0x7FC0, (short) 0x8000};
          case UINT32 -> new int[] {0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 5};
          case INT32 -> new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 42};
          case UINT64 -> new long[] {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1, 3};
          case INT64 -> new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 1L << 40};
          case FP32 ->
              new float[] {
                1.5f, -0f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, Float.NEGATIVE_INFINITY
              };
          case FP64 ->
              new double[] {
                1.5, -0d, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY
              };
          case BYTES ->
              new byte[][] {
                "a".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "héllo".getBytes(StandardCharsets.UTF_8),
                "日本語".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, (byte) 0xFF, 0, 1},
                new byte[300]
              };
        };
    return Tensor.of(name, type, data, 2, 3);
  }

  /** Asserts that two tensors have the same name, datatype, shape and bits. */
  static void assertSameTensor(Tensor actual, Tensor expected) {
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.datatype()).isEqualTo(expected.datatype());
    assertThat(actual.shape()).containsExactly(expected.shape());
    if (expected.datatype() == DataType.BYTES) {
      assertThat(actual.asByteArrays()).isDeepEqualTo(expected.asByteArrays());
    } else {
      assertThat(bytes(actual)).containsExactly(bytes(expected));
    }
  }

  static byte[] bytes(Tensor t) {
    java.nio.ByteBuffer b = t.asByteBuffer();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
