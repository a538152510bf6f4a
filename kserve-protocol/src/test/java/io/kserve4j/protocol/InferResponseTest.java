package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class InferResponseTest {

  private final Tensor label = Tensor.of("output_label", new long[] {1L}, 1);
  private final Tensor probs = Tensor.of("output_probability", new float[] {0.1f, 0.9f}, 1, 2);

  @Test
  void of_hasModelNameAndOutputsOnly() {
    InferResponse response = InferResponse.of("iris", List.of(label, probs));

    assertThat(response.modelName()).isEqualTo("iris");
    assertThat(response.modelVersion()).isNull();
    assertThat(response.id()).isNull();
    assertThat(response.parameters()).isEmpty();
    assertThat(response.outputs()).containsExactly(label, probs);
  }

  @Test
  void builder_setsEveryPart() {
    InferResponse response =
        InferResponse.builder("iris")
            .modelVersion("2")
            .id("req-1")
            .parameters(Map.of("sequence_end", true))
            .output(label)
            .output(probs)
            .build();

    assertThat(response.modelName()).isEqualTo("iris");
    assertThat(response.modelVersion()).isEqualTo("2");
    assertThat(response.id()).isEqualTo("req-1");
    assertThat(response.parameters()).containsExactly(Map.entry("sequence_end", true));
    assertThat(response.outputs()).containsExactly(label, probs);
  }

  @Test
  void builder_byDefault_hasNoVersionIdParametersOrOutputs() {
    InferResponse response = InferResponse.builder("m").build();

    assertThat(response.modelVersion()).isNull();
    assertThat(response.id()).isNull();
    assertThat(response.parameters()).isEmpty();
    assertThat(response.outputs()).isEmpty();
  }

  @Test
  void builder_outputs_replace() {
    InferResponse response =
        InferResponse.builder("m").output(label).outputs(List.of(probs)).build();

    assertThat(response.outputs()).containsExactly(probs);
  }

  @Test
  void toBuilder_startsFromTheResponse_andLeavesItAlone() {
    InferResponse original =
        InferResponse.builder("iris")
            .modelVersion("1")
            .id("a")
            .parameters(Map.of("k", 1))
            .output(label)
            .build();

    InferResponse changed = original.toBuilder().id("b").output(probs).build();

    assertThat(changed.modelName()).isEqualTo("iris");
    assertThat(changed.modelVersion()).isEqualTo("1");
    assertThat(changed.id()).isEqualTo("b");
    assertThat(changed.parameters()).containsExactly(Map.entry("k", 1));
    assertThat(changed.outputs()).containsExactly(label, probs);
    assertThat(changed.outputs().get(0)).isSameAs(label);
    assertThat(original.id()).isEqualTo("a");
    assertThat(original.outputs()).containsExactly(label);
  }

  @Test
  void output_byName_isThatTensor() {
    InferResponse response = InferResponse.of("iris", List.of(label, probs));

    assertThat(response.output("output_probability")).isSameAs(probs);
    assertThat(response.output("output_label").asLongs()[0]).isEqualTo(1L);
  }

  @Test
  void output_unknown_isNoSuchElementListingTheOutputs() {
    InferResponse response = InferResponse.of("iris", List.of(label, probs));

    assertThatThrownBy(() -> response.output("scores"))
        .isExactlyInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "model 'iris' returned no output 'scores' (its outputs are [output_label,"
                + " output_probability])");
    assertThatThrownBy(() -> InferResponse.of("m", List.of()).output("x"))
        .isExactlyInstanceOf(NoSuchElementException.class)
        .hasMessage("model 'm' returned no output 'x' (its outputs are [])");
  }

  @Test
  void withId_keepsEverythingElse_andTheSameTensors() {
    InferResponse original =
        InferResponse.builder("iris")
            .modelVersion("3")
            .id("old")
            .parameters(Map.of("k", "v"))
            .output(label)
            .output(probs)
            .build();

    InferResponse renamed = original.withId("new");
    InferResponse cleared = original.withId(null);

    assertThat(renamed.id()).isEqualTo("new");
    assertThat(cleared.id()).isNull();
    assertThat(renamed.modelName()).isEqualTo("iris");
    assertThat(renamed.modelVersion()).isEqualTo("3");
    assertThat(renamed.parameters()).isEqualTo(original.parameters());
    assertThat(renamed.outputs()).isSameAs(original.outputs());
    assertThat(renamed.output("output_label")).isSameAs(label);
    assertThat(renamed.output("output_probability").asFloats()).isSameAs(probs.asFloats());
    assertThat(original.id()).isEqualTo("old");
  }

  @Test
  void withModelName_keepsEverythingElse_andTheSameTensors() {
    InferResponse original =
        InferResponse.builder("iris-v1").modelVersion("1").id("r").output(label).build();

    InferResponse renamed = original.withModelName("iris");

    assertThat(renamed.modelName()).isEqualTo("iris");
    assertThat(renamed.modelVersion()).isEqualTo("1");
    assertThat(renamed.id()).isEqualTo("r");
    assertThat(renamed.outputs()).isSameAs(original.outputs());
    assertThat(renamed.output("output_label")).isSameAs(label);
    assertThat(original.modelName()).isEqualTo("iris-v1");
    assertThatThrownBy(() -> renamed.output("nope")).hasMessageStartingWith("model 'iris' ");
  }

  @Test
  void parameters_rejectOtherValues_namingTheKey() {
    assertThatThrownBy(() -> InferResponse.builder("m").parameters(Map.of("ids", List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter 'ids' = [a]: parameter values must be a string, a boolean or a number");
  }

  @Test
  void listsAndMaps_areImmutable_andDetachedFromTheirSources() {
    List<Tensor> outputs = new ArrayList<>(List.of(label));
    Map<String, Object> params = new HashMap<>(Map.of("k", "v"));
    InferResponse fromOf = InferResponse.of("m", outputs);
    InferResponse.Builder builder = InferResponse.builder("m").parameters(params).outputs(outputs);
    InferResponse built = builder.build();

    outputs.add(probs);
    params.put("k2", "v2");
    builder.output(probs);

    assertThat(fromOf.outputs()).containsExactly(label);
    assertThat(built.outputs()).containsExactly(label);
    assertThat(built.parameters()).containsExactly(Map.entry("k", "v"));
    assertThatThrownBy(() -> fromOf.outputs().add(probs))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.outputs().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> built.parameters().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_namesModelIdAndOutputs() {
    assertThat(InferResponse.of("iris", List.of(label)).withId("9"))
        .hasToString("InferResponse{model=iris, id=9, outputs=[Tensor{output_label INT64[1]}]}");
  }
}
