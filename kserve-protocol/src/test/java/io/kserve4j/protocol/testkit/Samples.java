package io.kserve4j.protocol.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Tensor;
import java.nio.charset.StandardCharsets;

/** Tensors of every datatype with each type's edge values, and a comparison by content. */
public final class Samples {
  private Samples() {}

  /** A 2x2 tensor of {@code type} named {@code name}, holding the type's edge values. */
  public static Tensor tensor(String name, DataType type) {
    Object data =
        switch (type) {
          case BOOL -> new boolean[] {true, false, true, true};
          case INT8 -> new byte[] {Byte.MIN_VALUE, -1, 0, Byte.MAX_VALUE};
          case UINT8 -> new byte[] {0, 1, (byte) 128, (byte) 255};
          case INT16 -> new short[] {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE};
          case UINT16 -> new short[] {0, 1, (short) 0x8000, (short) 0xFFFF};
          case INT32 -> new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
          case UINT32 -> new int[] {0, 1, Integer.MIN_VALUE, -1};
          case INT64 -> new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
          case UINT64 -> new long[] {0, 1, Long.MIN_VALUE, -1};
          case FP16 -> new short[] {0x3C00, (short) 0xC000, 0x7BFF, 0x0001};
          case BF16 -> new short[] {0x3F80, (short) 0xC000, 0x4049, (short) 0xFF80};
          case FP32 -> new float[] {1.5f, -2.25f, Float.MAX_VALUE, Float.MIN_VALUE};
          case FP64 -> new double[] {1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE};
          case BYTES ->
              new byte[][] {
                "a".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "héllo \"ü\" \\ \n".getBytes(StandardCharsets.UTF_8),
                "日本".getBytes(StandardCharsets.UTF_8)
              };
        };
    return Tensor.of(name, type, data, 2, 2);
  }

  /** Asserts same name, datatype, shape and elements. */
  public static void assertSameTensor(Tensor actual, Tensor expected) {
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.datatype()).isEqualTo(expected.datatype());
    assertThat(actual.shape()).containsExactly(expected.shape());
    if (expected.datatype() == DataType.BYTES) {
      assertThat(actual.asByteArrays()).isDeepEqualTo(expected.asByteArrays());
    } else {
      assertThat(actual.asByteBuffer()).isEqualTo(expected.asByteBuffer());
    }
  }
}
