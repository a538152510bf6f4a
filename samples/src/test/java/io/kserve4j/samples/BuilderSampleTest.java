package io.kserve4j.samples;

import static io.kserve4j.core.testing.TensorAssertions.assertTensorEquals;
import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.InferenceService;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import org.junit.jupiter.api.Test;

class BuilderSampleTest {
  @Test
  void theIrisModelBuiltInJava_clampsNegativeMeasurements_beforePredicting() {
    try (InferenceService iris = BuilderSample.iris()) {
      float[][] glitched = {{5.1f, 3.5f, 1.4f, -0.2f}};
      float[][] clamped = {{5.1f, 3.5f, 1.4f, 0f}};

      assertTensorEquals(
          iris.predict(InferRequest.of("float_input", clamped)).output("output_label").asLongs(),
          iris.predict(InferRequest.of("float_input", glitched)).output("output_label"));
      assertThat(iris.runtimeName()).isEqualTo("kserve4j-onnxruntime");
    }
  }

  @Test
  void theEchoFunction_answersWithItsInputs() {
    try (InferenceService echo = BuilderSample.echo()) {
      assertThat(
              echo.predict(InferRequest.of(Tensor.of("x", new int[] {1, 2}, 2)))
                  .output("x")
                  .asInts())
          .containsExactly(1, 2);
    }
  }
}
