package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.InferenceService;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import org.junit.jupiter.api.Test;

class JavaPredictorSampleTest {
  @Test
  void transformerConvertsAndRounds_aroundTheJavaPredictor() {
    try (InferenceService s = JavaPredictorSample.frostRisk()) {
      float[] risk =
          s.predict(InferRequest.of(Tensor.of("temperature", new float[] {23f, 35f, 50f}, 3)))
              .output("risk")
              .asFloats();
      // 23F = -5C -> 1.0 (clamped); 35F = 1.67C -> 0.29; 50F = 10C -> 0.
      assertThat(risk).containsExactly(1.0f, 0.29f, 0.0f);
    }
  }
}
