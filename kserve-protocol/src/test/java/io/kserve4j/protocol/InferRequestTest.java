package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferRequestTest {

  private final Tensor a = Tensor.of("a", new float[] {1f, 2f}, 1, 2);
  private final Tensor b = Tensor.of("b", new long[] {3L}, 1);

  @Test
  void of_tensors_hasNoIdNoParametersAndAsksForEveryOutput() {
    InferRequest request = InferRequest.of(a, b);

    assertThat(request.id()).isNull();
    assertThat(request.parameters()).isEmpty();
    assertThat(request.outputs()).isEmpty();
    assertThat(request.inputs()).containsExactly(a, b);
    assertThat(request.inputs().get(0)).isSameAs(a);
  }

  @Test
  void of_nestedFloats_isOneFp32Input() {
    InferRequest request = InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});

    Tensor input = request.input("float_input");
    assertThat(request.inputs()).hasSize(1);
    assertThat(input.datatype()).isEqualTo(DataType.FP32);
    assertThat(input.shape()).containsExactly(1, 4);
    assertThat(input.asFloats()).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
  }

  @Test
  void of_nestedDoublesLongsAndInts_areOneInputOfTheirType() {
    Tensor d = InferRequest.of("d", new double[][] {{1.5, 2.5}}).input("d");
    Tensor l = InferRequest.of("l", new long[][] {{1L}, {2L}, {3L}}).input("l");
    Tensor i = InferRequest.of("i", new int[][] {{7, 8, 9}}).input("i");

    assertThat(d.datatype()).isEqualTo(DataType.FP64);
    assertThat(d.shape()).containsExactly(1, 2);
    assertThat(d.asDoubles()).containsExactly(1.5, 2.5);
    assertThat(l.datatype()).isEqualTo(DataType.INT64);
    assertThat(l.shape()).containsExactly(3, 1);
    assertThat(l.asLongs()).containsExactly(1L, 2L, 3L);
    assertThat(i.datatype()).isEqualTo(DataType.INT32);
    assertThat(i.shape()).containsExactly(1, 3);
    assertThat(i.asInts()).containsExactly(7, 8, 9);
  }

  @Test
  void of_flatDoublesLongsAndInts_keepTheArray() {
    double[] d = {1, 2};
    long[] l = {3, 4};
    int[] i = {5, 6};

    assertThat(InferRequest.of("d", d, 1, 2).input("d").asDoubles()).isSameAs(d);
    assertThat(InferRequest.of("l", l, 2).input("l").asLongs()).isSameAs(l);
    assertThat(InferRequest.of("i", i, 2, 1).input("i").shape()).containsExactly(2, 1);
    assertThat(InferRequest.of("i", i, 2, 1).input("i").asInts()).isSameAs(i);
  }

  @Test
  void of_flatFloats_keepsTheArray() {
    float[] data = {1f, 2f, 3f, 4f};

    InferRequest request = InferRequest.of("x", data, 2, 2);

    assertThat(request.input("x").asFloats()).isSameAs(data);
    assertThat(request.input("x").shape()).containsExactly(2, 2);
  }

  @Test
  void builder_setsEveryPart() {
    RequestedOutput probabilities = new RequestedOutput("probs", Map.of("binary_data", true));

    InferRequest request =
        InferRequest.builder()
            .id("req-1")
            .parameters(Map.of("binary_data_output", false, "priority", 2))
            .input(a)
            .input(b)
            .output("label")
            .output(probabilities)
            .build();

    assertThat(request.id()).isEqualTo("req-1");
    assertThat(request.parameters())
        .containsOnly(Map.entry("binary_data_output", false), Map.entry("priority", 2));
    assertThat(request.inputs()).containsExactly(a, b);
    assertThat(request.outputs()).containsExactly(RequestedOutput.of("label"), probabilities);
    assertThat(request.outputs().get(1).parameters())
        .containsExactly(Map.entry("binary_data", true));
  }

  @Test
  void builder_byDefault_isEmpty() {
    InferRequest request = InferRequest.builder().build();

    assertThat(request.id()).isNull();
    assertThat(request.parameters()).isEmpty();
    assertThat(request.inputs()).isEmpty();
    assertThat(request.outputs()).isEmpty();
  }

  @Test
  void builder_inputsAndOutputs_replace() {
    InferRequest request =
        InferRequest.builder()
            .input(a)
            .inputs(List.of(b))
            .output("x")
            .outputs(List.of(RequestedOutput.of("y")))
            .build();

    assertThat(request.inputs()).containsExactly(b);
    assertThat(request.outputs()).containsExactly(RequestedOutput.of("y"));
  }

  @Test
  void toBuilder_startsFromTheRequest_andLeavesItAlone() {
    InferRequest original =
        InferRequest.builder()
            .id("1")
            .parameters(Map.of("k", "v"))
            .input(a)
            .output("label")
            .build();

    InferRequest changed = original.toBuilder().id("2").input(b).output("probs").build();
    InferRequest same = original.toBuilder().build();

    assertThat(changed.id()).isEqualTo("2");
    assertThat(changed.parameters()).containsExactly(Map.entry("k", "v"));
    assertThat(changed.inputs()).containsExactly(a, b);
    assertThat(changed.inputs().get(0)).isSameAs(a);
    assertThat(changed.outputs())
        .containsExactly(RequestedOutput.of("label"), RequestedOutput.of("probs"));
    assertThat(original.id()).isEqualTo("1");
    assertThat(original.inputs()).containsExactly(a);
    assertThat(original.outputs()).containsExactly(RequestedOutput.of("label"));
    assertThat(same.id()).isEqualTo("1");
    assertThat(same.inputs()).containsExactly(a);
    assertThat(same.parameters()).isEqualTo(original.parameters());
  }

  @Test
  void duplicateInputNames_areRejected() {
    Tensor otherA = Tensor.of("a", new int[] {1});

    assertThatThrownBy(() -> InferRequest.of(a, b, otherA))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'a' is given twice (each input tensor name must be unique)")
        .satisfies(
            e ->
                assertThat(((InferenceException) e).status())
                    .isEqualTo(InferenceStatus.INVALID_INPUT));
    assertThatThrownBy(() -> InferRequest.builder().input(b).input(b).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'b' is given twice (each input tensor name must be unique)");
    assertThatThrownBy(() -> InferRequest.of(a).toBuilder().input(otherA).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'a' is given twice (each input tensor name must be unique)");
  }

  @Test
  void input_byName_isThatTensor() {
    InferRequest request = InferRequest.of(a, b);

    assertThat(request.input("b")).isSameAs(b);
    assertThat(request.input("a")).isSameAs(a);
  }

  @Test
  void input_unknown_isInvalidInputListingTheInputs() {
    InferRequest request = InferRequest.of(a, b);

    assertThatThrownBy(() -> request.input("c"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the request has no input 'c' (its inputs are [a, b])")
        .satisfies(
            e -> {
              InvalidInputException ex = (InvalidInputException) e;
              assertThat(ex.httpStatus()).isEqualTo(400);
              assertThat(ex.modelName()).isNull();
            });
    assertThatThrownBy(() -> InferRequest.builder().build().input("x"))
        .hasMessage("the request has no input 'x' (its inputs are [])");
  }

  @Test
  void input_nameIsCaseSensitive() {
    assertThatThrownBy(() -> InferRequest.of(a).input("A"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the request has no input 'A' (its inputs are [a])");
  }

  @Test
  void parameters_acceptStringsBooleansAndNumbers() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("s", "text");
    params.put("b", true);
    params.put("i", 1);
    params.put("l", 2L);
    params.put("d", 0.5);
    params.put("f", 1.5f);
    params.put("big", new BigDecimal("1.25"));

    InferRequest request = InferRequest.builder().parameters(params).build();

    assertThat(request.parameters()).containsExactlyEntriesOf(params);
  }

  @Test
  void parameters_rejectOtherValues_namingTheKey() {
    Map<String, Object> withList = Map.of("shape", List.of(1, 2));
    Map<String, Object> withMap = Map.of("nested", Map.of("a", 1));
    Map<String, Object> withChar = Map.of("c", 'x');
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("missing", null);

    assertThatThrownBy(() -> InferRequest.builder().parameters(withList))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter 'shape' = [1, 2]: parameter values must be a string, a boolean or a"
                + " number");
    assertThatThrownBy(() -> InferRequest.builder().parameters(withMap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter 'nested' = {a=1}: parameter values must be a string, a boolean or a"
                + " number");
    assertThatThrownBy(() -> InferRequest.builder().parameters(withChar))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter 'c' = x: ");
    assertThatThrownBy(() -> InferRequest.builder().parameters(withNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "parameter 'missing' = null: parameter values must be a string, a boolean or a"
                + " number");
  }

  @Test
  void requestedOutputParameters_areCheckedToo() {
    assertThatThrownBy(() -> new RequestedOutput("probs", Map.of("classes", new int[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parameter 'classes' = [I@");
    assertThat(RequestedOutput.of("probs").parameters()).isEmpty();
    assertThat(RequestedOutput.of("probs").name()).isEqualTo("probs");
  }

  @Test
  void listsAndMaps_areImmutable() {
    InferRequest request =
        InferRequest.builder().parameters(Map.of("k", "v")).input(a).output("label").build();

    assertThatThrownBy(() -> request.inputs().add(b))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.inputs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.outputs().add(RequestedOutput.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.parameters().put("k2", "v2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.parameters().remove("k"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> InferRequest.of(a).inputs().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () -> new RequestedOutput("o", Map.of("binary_data", true)).parameters().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void request_doesNotSeeLaterChangesToWhatBuiltIt() {
    Map<String, Object> params = new HashMap<>();
    params.put("k", "v");
    List<Tensor> inputs = new ArrayList<>(List.of(a));
    InferRequest.Builder builder = InferRequest.builder().parameters(params).inputs(inputs);
    InferRequest request = builder.build();

    params.put("k2", "v2");
    inputs.add(b);
    builder.input(b).output("late");

    assertThat(request.parameters()).containsExactly(Map.entry("k", "v"));
    assertThat(request.inputs()).containsExactly(a);
    assertThat(request.outputs()).isEmpty();
  }

  @Test
  void parameters_keepTheirOrder() {
    Map<String, Object> params = new LinkedHashMap<>();
    for (String key : List.of("z", "a", "m", "b")) {
      params.put(key, key);
    }

    assertThat(InferRequest.builder().parameters(params).build().parameters().keySet())
        .containsExactly("z", "a", "m", "b");
  }

  @Test
  void toString_namesIdInputsAndOutputs() {
    InferRequest request = InferRequest.builder().id("7").input(a).build();

    assertThat(request)
        .hasToString("InferRequest{id=7, inputs=[Tensor{a FP32[1, 2]}], outputs=[]}");
  }

  @Test
  void anOutputAskedForTwice_is400() {
    InferRequest.Builder b = InferRequest.builder().input(a).output("y").output("z").output("y");

    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "output 'y' is asked for twice (name each requested output once; the answer holds it"
                + " once)");
  }

  @Test
  void distinctNames_areCheckedInLinearTime() {
    List<Tensor> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(Tensor.of("i" + i, new boolean[0], 0));
    }
    long start = System.nanoTime();

    InferRequest r = InferRequest.builder().inputs(many).build();

    assertThat(r.inputs()).hasSize(100_000);
    // Every pair compared took 75 s for this; a set takes milliseconds.
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    many.add(Tensor.of("i99999", new boolean[0], 0));
    assertThatThrownBy(() -> InferRequest.builder().inputs(many).build())
        .hasMessage("input 'i99999' is given twice (each input tensor name must be unique)");
  }
}
