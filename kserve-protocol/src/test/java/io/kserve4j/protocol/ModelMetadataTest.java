package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

  @Test
  void tensorMetadata_of_boxesTheShape() {
    TensorMetadata input = TensorMetadata.of("float_input", DataType.FP32, -1, 4);

    assertThat(input.name()).isEqualTo("float_input");
    assertThat(input.datatype()).isEqualTo(DataType.FP32);
    assertThat(input.shape()).containsExactly(-1L, 4L);
  }

  @Test
  void tensorMetadata_accepts_minusOneMatchesAnySize() {
    TensorMetadata input = TensorMetadata.of("x", DataType.FP32, -1, 4);

    assertThat(input.accepts(new long[] {1, 4})).isTrue();
    assertThat(input.accepts(new long[] {1000, 4})).isTrue();
    assertThat(input.accepts(new long[] {0, 4})).isTrue();
    assertThat(input.accepts(new long[] {1, 3})).isFalse();
    assertThat(input.accepts(new long[] {4})).as("rank differs").isFalse();
    assertThat(input.accepts(new long[] {1, 4, 1})).as("rank differs").isFalse();
    assertThat(TensorMetadata.of("s", DataType.BYTES).accepts(new long[0])).isTrue();
  }

  @Test
  void tensorMetadata_shapeIsCopiedAndImmutable() {
    List<Long> shape = new ArrayList<>(List.of(1L, 2L));
    TensorMetadata meta = new TensorMetadata("x", DataType.INT64, shape);

    shape.add(3L);

    assertThat(meta.shape()).containsExactly(1L, 2L);
    assertThatThrownBy(() -> meta.shape().add(4L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void modelMetadata_copiesListsAndChecksParameters() {
    List<String> versions = new ArrayList<>(List.of("1"));
    List<TensorMetadata> inputs =
        new ArrayList<>(List.of(TensorMetadata.of("x", DataType.FP32, -1, 4)));
    ModelMetadata meta =
        new ModelMetadata(
            "iris",
            versions,
            "onnxruntime",
            inputs,
            List.of(TensorMetadata.of("label", DataType.INT64, -1)),
            Map.of("device", "cpu"));

    versions.add("2");
    inputs.clear();

    assertThat(meta.versions()).containsExactly("1");
    assertThat(meta.inputs()).hasSize(1);
    assertThat(meta.parameters()).containsExactly(Map.entry("device", "cpu"));
    assertThatThrownBy(() -> meta.outputs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () ->
                new ModelMetadata(
                    "m", List.of(), "p", List.of(), List.of(), Map.of("gpus", List.of(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter 'gpus' = [0]: parameter values must be a string, a boolean or a number");
  }

  @Test
  void modelMetadata_withName_keepsTheRest() {
    ModelMetadata meta =
        new ModelMetadata(
            "iris-v1",
            List.of("1"),
            "onnxruntime",
            List.of(TensorMetadata.of("x", DataType.FP32, -1, 4)),
            List.of(),
            Map.of());

    ModelMetadata renamed = meta.withName("iris");

    assertThat(renamed.name()).isEqualTo("iris");
    assertThat(renamed)
        .isEqualTo(
            new ModelMetadata(
                "iris",
                meta.versions(),
                meta.platform(),
                meta.inputs(),
                meta.outputs(),
                meta.parameters()));
    assertThat(meta.name()).isEqualTo("iris-v1");
  }
}
