package io.kserve4j.runtime.onnxruntime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protocol datatype goes into ONNX Runtime and comes back equal, through an {@code Identity}
 * model built in the test for that type, from each kind of memory a tensor may hold: a Java array,
 * a direct buffer (handed over without a copy) and a heap buffer.
 */
class OnnxDatatypeRoundTripTest {
  private static final Map<DataType, Integer> ONNX_CODES = new EnumMap<>(DataType.class);

  static {
    ONNX_CODES.put(DataType.FP32, OnnxModelWriter.FLOAT);
    ONNX_CODES.put(DataType.FP64, OnnxModelWriter.DOUBLE);
    ONNX_CODES.put(DataType.FP16, OnnxModelWriter.FLOAT16);
    ONNX_CODES.put(DataType.BF16, OnnxModelWriter.BFLOAT16);
    ONNX_CODES.put(DataType.INT8, OnnxModelWriter.INT8);
    ONNX_CODES.put(DataType.UINT8, OnnxModelWriter.UINT8);
    ONNX_CODES.put(DataType.INT16, OnnxModelWriter.INT16);
    ONNX_CODES.put(DataType.UINT16, OnnxModelWriter.UINT16);
    ONNX_CODES.put(DataType.INT32, OnnxModelWriter.INT32);
    ONNX_CODES.put(DataType.UINT32, OnnxModelWriter.UINT32);
    ONNX_CODES.put(DataType.INT64, OnnxModelWriter.INT64);
    ONNX_CODES.put(DataType.UINT64, OnnxModelWriter.UINT64);
    ONNX_CODES.put(DataType.BOOL, OnnxModelWriter.BOOL);
    ONNX_CODES.put(DataType.BYTES, OnnxModelWriter.STRING);
  }

  private static final Map<DataType, Model> MODELS = new EnumMap<>(DataType.class);

  @BeforeAll
  static void buildModels(@TempDir Path tmp) throws IOException {
    for (Map.Entry<DataType, Integer> e : ONNX_CODES.entrySet()) {
      Path dir =
          OnnxModelWriter.write(
              tmp.resolve(e.getKey().name()), OnnxModelWriter.identity(e.getValue(), 3));
      MODELS.put(e.getKey(), SharedModels.load("identity-" + e.getKey(), dir));
    }
  }

  @AfterAll
  static void closeModels() {
    MODELS.values().forEach(Model::close);
  }

  @Test
  void everyProtocolDatatypeHasAnIdentityModel() {
    assertThat(MODELS.keySet()).containsExactlyInAnyOrder(DataType.values());
  }

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (DataType type : DataType.values()) {
      cases.add(Arguments.of(type, "array"));
      if (type.isFixedWidth()) {
        cases.add(Arguments.of(type, "direct"));
        cases.add(Arguments.of(type, "heap"));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("cases")
  void identity_returnsTheSameValues(DataType type, String memory) {
    Model model = model(type);
    assertThat(model.metadata().inputs()).containsExactly(TensorMetadata.of("x", type, -1, 3));
    assertThat(model.metadata().outputs()).containsExactly(TensorMetadata.of("y", type, -1, 3));

    Tensor input = sample(type, memory);
    Tensor output = model.predict(InferRequest.of(input)).output("y");

    assertThat(output.datatype()).isEqualTo(type);
    assertThat(output.shape()).containsExactly(2, 3);
    assertThat(output.isBufferBacked()).as("outputs are copied into Java arrays").isFalse();
    if (type == DataType.BYTES) {
      assertThat(output.asStrings()).containsExactly(input.asStrings());
    } else if (type == DataType.BOOL) {
      assertThat(output.asBooleans()).containsExactly(input.asBooleans());
    } else {
      assertThat(output.asByteBuffer()).isEqualTo(input.asByteBuffer());
    }
  }

  @Test
  void uint64_keepsValuesAbove2To63() {
    long[] values = {-1L, Long.MIN_VALUE, 0L, 1L, Long.MAX_VALUE, 0xDEADBEEF_CAFEBABEL};
    Tensor out =
        model(DataType.UINT64)
            .predict(InferRequest.of(Tensor.of("x", DataType.UINT64, values, 2, 3)))
            .output("y");
    assertThat(out.asLongs()).containsExactly(values);
    assertThat(out.asDoubles()[0]).isEqualTo(0x1p64);
  }

  @Test
  void fp16_keepsRawBits_includingNaNPayloadAndNegativeZero() {
    short[] bits = {0x3C00, (short) 0x8000, 0x7C00, (short) 0xFC00, 0x7E01, 0x0001};
    Tensor out =
        model(DataType.FP16)
            .predict(InferRequest.of(Tensor.of("x", DataType.FP16, bits, 2, 3)))
            .output("y");
    assertThat(out.asShorts()).containsExactly(bits);
    assertThat(out.asFloats()[0]).isEqualTo(1.0f);
  }

  @Test
  void bytes_keepUtf8Text_andEmptyStrings() {
    String[] text = {"", "héllo", "日本語", "a\u0000b", "emoji \uD83D\uDE00", "plain"};
    Tensor out =
        model(DataType.BYTES).predict(InferRequest.of(Tensor.of("x", text, 2, 3))).output("y");
    assertThat(out.asStrings()).containsExactly(text);
  }

  @Test
  void emptyBatch_is400_evenForAnIdentity() {
    // ONNX Runtime answers an identity's empty batch, but not every graph's (OnnxModelTest): the
    // rule is one for all models.
    InferRequest empty = InferRequest.of(Tensor.of("x", new float[0], 0, 3));
    assertThatThrownBy(() -> model(DataType.FP32).predict(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has shape [0, 3], which holds no elements");
  }

  // ------------------------------------------------------------------------------- samples

  private static Model model(DataType type) {
    return java.util.Objects.requireNonNull(MODELS.get(type), type.name());
  }

  /** Six values of {@code type}, including extremes, shaped [2, 3], held in {@code memory}. */
  static Tensor sample(DataType type, String memory) {
    if (type == DataType.BYTES) {
      return Tensor.of("x", new String[] {"a", "", "ü", "δ", "x y", "🙂"}, 2, 3);
    }
    Tensor array = arraySample(type);
    if (memory.equals("array")) {
      return array;
    }
    ByteBuffer bytes = array.asByteBuffer();
    ByteBuffer copy =
        (memory.equals("direct")
                ? ByteBuffer.allocateDirect(bytes.remaining())
                : ByteBuffer.allocate(bytes.remaining()))
            .order(ByteOrder.LITTLE_ENDIAN);
    copy.put(bytes).flip();
    Tensor t = Tensor.of("x", type, copy, 2, 3);
    assertThat(t.isDirect()).isEqualTo(memory.equals("direct"));
    return t;
  }

  private static Tensor arraySample(DataType type) {
    return switch (type) {
      case FP32 ->
          Tensor.of(
              "x", new float[] {1.5f, -0f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, -7f}, 2, 3);
      case FP64 ->
          Tensor.of(
              "x", new double[] {1.5, -0d, Double.MAX_VALUE, Double.MIN_VALUE, Math.PI, -7}, 2, 3);
      case FP16, BF16, INT16, UINT16 ->
          Tensor.of(
              "x",
              type,
              new short[] {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, (short) 0x3C00},
              2,
              3);
      case INT8, UINT8 ->
          Tensor.of("x", type, new byte[] {0, 1, -1, Byte.MAX_VALUE, Byte.MIN_VALUE, 42}, 2, 3);
      case INT32, UINT32 ->
          Tensor.of(
              "x", type, new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42}, 2, 3);
      case INT64, UINT64 ->
          Tensor.of("x", type, new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 42}, 2, 3);
      case BOOL -> Tensor.of("x", new boolean[] {true, false, true, true, false, false}, 2, 3);
      case BYTES -> throw new AssertionError("BYTES has no array sample here");
    };
  }
}
