package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class InferenceServiceTest {

  /** y = 2x, declared as FP32 [-1, 2] in and out. */
  private static Predictor doubler() {
    return Predictor.function(
        request -> {
          float[] x = request.input("x").asFloats();
          float[] y = new float[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = 2 * x[i];
          }
          return InferResponse.of("any", List.of(Tensor.of("y", y, request.input("x").shape())));
        },
        List.of(TensorMetadata.of("x", DataType.FP32, -1, 2)),
        List.of(TensorMetadata.of("y", DataType.FP32, -1, 2)));
  }

  @Test
  void predict_javaFunction_answersWithServiceNameAndRequestId() {
    try (InferenceService s =
        InferenceService.builder().name("doubler").predictor(doubler()).build()) {
      InferRequest request =
          InferRequest.builder().id("req-1").input(Tensor.of("x", new float[][] {{1, 2}})).build();

      InferResponse r = s.predict(request);

      assertThat(r.modelName()).isEqualTo("doubler");
      assertThat(r.id()).isEqualTo("req-1");
      assertThat(r.output("y").asFloats()).containsExactly(2f, 4f);
      assertThat(s.isReady()).isTrue();
      assertThat(s.runtimeName()).isEqualTo("kserve4j-java");
      assertThat(s.metadata().name()).isEqualTo("doubler");
      assertThat(s.metadata().inputs())
          .containsExactly(TensorMetadata.of("x", DataType.FP32, -1, 2));
    }
  }

  @Test
  void predict_inputTheSignatureRejects_is400_andTheNextGoodRequestAnswers() {
    try (InferenceService s =
        InferenceService.builder().name("doubler").predictor(doubler()).build()) {
      assertThatThrownBy(() -> s.predict(InferRequest.of(Tensor.of("z", new float[] {1, 2}, 1, 2))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'doubler': unknown input 'z' (the model's inputs are [x])");
      assertThatThrownBy(
              () -> s.predict(InferRequest.of(Tensor.of("x", new double[] {1, 2}, 1, 2))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'doubler': input 'x': expected FP32 [-1, 2], got FP64 [1, 2]");
      assertThatThrownBy(
              () -> s.predict(InferRequest.of(Tensor.of("x", new float[] {1, 2, 3}, 1, 3))))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(400))
          .hasMessage("model 'doubler': input 'x': expected FP32 [-1, 2], got FP32 [1, 3]");
      assertThatThrownBy(() -> s.predict(InferRequest.of()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'doubler': missing input 'x' (FP32 [-1, 2])");

      assertThat(s.predict(InferRequest.of("x", new float[][] {{3, 4}})).output("y").asFloats())
          .containsExactly(6f, 8f);
    }
  }

  @Test
  void predict_functionThatThrows_is500ModelFailure_andTheServiceKeepsServing() {
    Predictor flaky =
        Predictor.function(
            request -> {
              if (request.inputs().isEmpty()) {
                throw new IllegalStateException("boom");
              }
              return InferResponse.of("x", request.inputs());
            });
    try (InferenceService s = InferenceService.builder().name("flaky").predictor(flaky).build()) {
      assertThatThrownBy(() -> s.predict(InferRequest.of()))
          .isInstanceOf(ModelFailureException.class)
          .hasMessage(
              "model 'flaky': the Java predictor failed: java.lang.IllegalStateException: boom")
          .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(500));
      assertThat(s.predict(InferRequest.of("a", new float[] {1}, 1)).outputs()).hasSize(1);
    }
  }

  @Test
  void predict_transformerRunsAroundThePredictor_andSeesHeaders() {
    Transformer scale =
        new Transformer() {
          @Override
          public InferRequest preprocess(InferRequest request, Map<String, String> headers) {
            float factor = Float.parseFloat(headers.getOrDefault("x-scale", "1"));
            float[] x = request.input("x").asFloats().clone();
            for (int i = 0; i < x.length; i++) {
              x[i] *= factor;
            }
            return request.toBuilder().inputs(List.of(Tensor.of("x", x, 1, 2))).build();
          }

          @Override
          public InferResponse postprocess(InferResponse response, Map<String, String> headers) {
            return response.toBuilder().parameters(Map.of("transformed", true)).build();
          }
        };
    try (InferenceService s =
        InferenceService.builder().name("t").predictor(doubler()).transformer(scale).build()) {
      InferRequest request =
          InferRequest.builder().id("7").input(Tensor.of("x", new float[][] {{1, 2}})).build();

      InferResponse r = s.predict(request, Map.of("x-scale", "10"));

      assertThat(r.output("y").asFloats()).containsExactly(20f, 40f);
      assertThat(r.parameters()).containsEntry("transformed", true);
      assertThat(r.id()).isEqualTo("7");
      assertThat(s.resource().spec().transformer()).isNotNull();
    }
  }

  @Test
  void explain_callsThePredictorThroughTheExplainer() {
    Explainer sensitivity =
        (request, headers, predictor) -> {
          float base = predictor.predict(request).output("y").asFloats()[0];
          return InferResponse.of("e", List.of(Tensor.of("sensitivity", new float[] {base}, 1)));
        };
    try (InferenceService s =
        InferenceService.builder().name("e").predictor(doubler()).explainer(sensitivity).build()) {
      InferResponse r = s.explain(InferRequest.of("x", new float[][] {{1.5f, 0}}));
      assertThat(r.output("sensitivity").asFloats()).containsExactly(3f);
      assertThat(r.modelName()).isEqualTo("e");
    }
  }

  @Test
  void explain_withoutExplainer_is501() {
    try (InferenceService s = InferenceService.builder().name("d").predictor(doubler()).build()) {
      assertThatThrownBy(() -> s.explain(InferRequest.of("x", new float[][] {{1, 2}})))
          .isInstanceOf(InferenceException.class)
          .satisfies(
              e ->
                  assertThat(((InferenceException) e).status())
                      .isEqualTo(InferenceStatus.NOT_IMPLEMENTED))
          .hasMessageContaining("this service has no explainer");
    }
  }

  @Test
  void predict_afterClose_is503_andCloseIsIdempotent() {
    InferenceService s = InferenceService.builder().name("d").predictor(doubler()).build();
    s.close();
    s.close();
    assertThat(s.isReady()).isFalse();
    assertThatThrownBy(() -> s.predict(InferRequest.of("x", new float[][] {{1, 2}})))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'd': the service is closed")
        .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(503));
  }

  @Test
  void predictAsync_completesWithTheResponse() throws ExecutionException, InterruptedException {
    try (InferenceService s = InferenceService.builder().name("d").predictor(doubler()).build()) {
      InferResponse r = s.predictAsync(InferRequest.of("x", new float[][] {{1, 1}})).get();
      assertThat(r.output("y").asFloats()).containsExactly(2f, 2f);
    }
  }

  @Test
  void build_withoutNameOrPredictor_saysWhatIsMissing() {
    assertThatThrownBy(() -> InferenceService.builder().predictor(doubler()).build())
        .hasMessageContaining("metadata.name = <unset>: is required");
    assertThatThrownBy(() -> InferenceService.builder().name("x").build())
        .hasMessageContaining("spec.predictor = <unset>: is required");
  }
}
