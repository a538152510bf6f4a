package io.kserve4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * The tests every {@link io.kserve4j.core.runtime.ServingRuntime} must pass, run against one of its
 * loaded models: extend it, say how to load a model and what a good request is, and JUnit 5 runs
 * the checks below.
 *
 * <pre>{@code
 * class MyRuntimeCompatibilityTest extends RuntimeCompatibilityKit {
 *   @Override
 *   protected Model loadModel() {
 *     return new MyRuntime().load(new ModelContext("mlp", spec, path, Map.of(), List.of()));
 *   }
 *
 *   @Override
 *   protected InferRequest goodRequest() {
 *     return InferRequest.of("input", new float[][] {{1, 2, 3, 4}});
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: the metadata names the inputs and outputs; the good request answers, with the
 * request's id and outputs the metadata lists; an unknown input, a wrong datatype, a wrong shape, a
 * missing input and an unknown requested output are each an {@link InvalidInputException} (400)
 * whose message names the tensor; after each bad request the good one still answers; {@code
 * close()} is idempotent, and a closed model refuses work with an {@link InferenceException} rather
 * than crashing.
 *
 * <p>One model is loaded for the class ({@link #loadModel()} is called once, and once more by the
 * close test). The assertions are plain JUnit 5 ones, so a runtime's tests need nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeCompatibilityKit {
  /** The name of an input no model has. */
  protected static final String UNKNOWN_INPUT = "kserve4j_kit_no_such_input";

  private @Nullable Model model;

  /** Creates the kit. */
  protected RuntimeCompatibilityKit() {}

  /**
   * Loads a fresh instance of the model under test. Called once for the class and once more by
   * {@link #close_isIdempotent()}.
   */
  protected abstract Model loadModel();

  /**
   * A request the model answers; its first input must be one whose datatype and shape the model
   * checks. Called for every use, so it may build new tensors each time.
   */
  protected abstract InferRequest goodRequest();

  /** The model loaded for this class. */
  protected final Model model() {
    Model m = model;
    if (m == null) {
      throw new IllegalStateException("the model is loaded before the first test");
    }
    return m;
  }

  @BeforeAll
  final void loadModelUnderTest() {
    model = loadModel();
  }

  @AfterAll
  final void closeModelUnderTest() {
    Model m = model;
    if (m != null) {
      m.close();
    }
  }

  @Test
  void metadata_namesInputsAndOutputs() {
    ModelMetadata metadata = model().metadata();
    assertNotNull(metadata, "metadata()");
    assertFalse(metadata.inputs().isEmpty(), "metadata lists no inputs: " + metadata);
    assertFalse(metadata.outputs().isEmpty(), "metadata lists no outputs: " + metadata);
    for (TensorMetadata t : metadata.inputs()) {
      assertFalse(t.name().isBlank(), "an input without a name: " + metadata);
    }
    for (TensorMetadata t : metadata.outputs()) {
      assertFalse(t.name().isBlank(), "an output without a name: " + metadata);
    }
    for (Tensor t : goodRequest().inputs()) {
      assertTrue(
          names(metadata.inputs()).contains(t.name()),
          "the good request's input '" + t.name() + "' is not in the metadata: " + metadata);
    }
  }

  @Test
  void predict_goodRequest_answers() {
    assertAnswers(goodRequest().toBuilder().id("kit-request-1").build(), "kit-request-1");
  }

  @Test
  void predict_unknownInput_is400() {
    InferRequest bad =
        goodRequest().toBuilder().input(Tensor.of(UNKNOWN_INPUT, new float[] {1f}, 1)).build();
    assertInvalid(() -> model().predict(bad), UNKNOWN_INPUT);
    assertGoodStillAnswers();
  }

  @Test
  void predict_wrongDatatype_is400() {
    Tensor first = goodRequest().inputs().get(0);
    int n = (int) first.elementCount();
    Tensor other =
        first.datatype() == DataType.FP32
            ? Tensor.of(first.name(), new double[n], first.shape())
            : Tensor.of(first.name(), new float[n], first.shape());
    assertInvalid(() -> model().predict(replaceFirst(other)), first.name());
    assertGoodStillAnswers();
  }

  @Test
  void predict_wrongShape_is400() {
    Tensor first = goodRequest().inputs().get(0);
    long[] shape = first.shape();
    long[] taller = new long[shape.length + 1];
    taller[0] = 1;
    System.arraycopy(shape, 0, taller, 1, shape.length);
    Tensor other = reshaped(first, taller);
    assertInvalid(() -> model().predict(replaceFirst(other)), first.name());
    assertGoodStillAnswers();
  }

  @Test
  void predict_missingInput_is400() {
    InferRequest good = goodRequest();
    String missing = good.inputs().get(0).name();
    InferRequest bad =
        good.toBuilder().inputs(good.inputs().subList(1, good.inputs().size())).build();
    if (bad.inputs().isEmpty()) {
      bad = InferRequest.of(Tensor.of(UNKNOWN_INPUT, new float[] {1f}, 1));
    }
    InferRequest request = bad;
    InvalidInputException e = assertInvalid(() -> model().predict(request), missing);
    assertNotNull(e.getMessage());
    assertGoodStillAnswers();
  }

  @Test
  void predict_unknownRequestedOutput_is400() {
    InferRequest bad = goodRequest().toBuilder().output("kserve4j_kit_no_such_output").build();
    assertInvalid(() -> model().predict(bad), "kserve4j_kit_no_such_output");
    assertGoodStillAnswers();
  }

  @Test
  void predict_requestedOutput_answersOnlyThatOutput() {
    String first = model().metadata().outputs().get(0).name();
    InferResponse response = model().predict(goodRequest().toBuilder().output(first).build());
    assertEquals(List.of(first), names(response.outputs()), "outputs of " + response);
  }

  @Test
  void close_isIdempotent() {
    Model fresh = loadModel();
    assertAnswersOn(fresh, goodRequest(), null);
    assertDoesNotThrow(fresh::close, "first close()");
    assertDoesNotThrow(fresh::close, "second close()");
    assertThrows(
        InferenceException.class,
        () -> fresh.predict(goodRequest()),
        "predict() on a closed model must throw an InferenceException");
  }

  // ------------------------------------------------------------------------------- helpers

  private void assertGoodStillAnswers() {
    assertAnswers(goodRequest(), null);
  }

  private void assertAnswers(InferRequest request, @Nullable String id) {
    assertAnswersOn(model(), request, id);
  }

  private static void assertAnswersOn(Model m, InferRequest request, @Nullable String id) {
    InferResponse response = m.predict(request);
    assertNotNull(response, "predict() returned null");
    assertEquals(id, response.id(), "the response must echo the request id");
    assertFalse(response.outputs().isEmpty(), "the response has no outputs: " + response);
    List<String> declared = names(m.metadata().outputs());
    for (Tensor t : response.outputs()) {
      assertTrue(
          declared.contains(t.name()),
          "output '" + t.name() + "' is not in the metadata outputs " + declared);
    }
  }

  private static InvalidInputException assertInvalid(Executable call, String named) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, call, "expected an InvalidInputException");
    assertEquals(400, e.httpStatus(), "status of " + e);
    String message = String.valueOf(e.getMessage());
    assertTrue(
        message.contains(named), "the message must name '" + named + "' but reads: " + message);
    return e;
  }

  private InferRequest replaceFirst(Tensor replacement) {
    InferRequest good = goodRequest();
    List<Tensor> inputs = new ArrayList<>(good.inputs());
    inputs.set(0, replacement);
    return good.toBuilder().inputs(inputs).build();
  }

  private static Tensor reshaped(Tensor t, long[] shape) {
    if (t.datatype() == DataType.BYTES) {
      return Tensor.of(t.name(), DataType.BYTES, t.asByteArrays(), shape);
    }
    if (t.datatype() == DataType.BOOL) {
      return Tensor.of(t.name(), DataType.BOOL, t.asBooleans(), shape);
    }
    return Tensor.of(t.name(), t.datatype(), t.asByteBuffer(), shape);
  }

  private static List<String> names(List<?> tensors) {
    List<String> names = new ArrayList<>();
    for (Object t : tensors) {
      names.add(t instanceof Tensor tensor ? tensor.name() : ((TensorMetadata) t).name());
    }
    return names;
  }
}
