package io.kserve4j.samples;

import static io.kserve4j.core.testing.TensorAssertions.assertShape;
import static io.kserve4j.core.testing.TensorAssertions.assertTensorEquals;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.testing.InferenceServiceExtension;
import io.kserve4j.core.testing.ServiceYaml;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's model unit test: the quick start's model, tested in JUnit with no server. */
@ExtendWith(InferenceServiceExtension.class)
class SklearnIrisTest {
  @ServiceYaml("classpath:sklearn-iris.yaml")
  InferenceService iris;

  @Test
  void predictsTheSpeciesOfThreeFlowers() {
    InferResponse r =
        iris.predict(
            InferRequest.of(
                "float_input",
                new float[][] {
                  {5.1f, 3.5f, 1.4f, 0.2f}, {6.0f, 2.2f, 4.0f, 1.0f}, {7.7f, 3.0f, 6.1f, 2.3f}
                }));

    assertTensorEquals(new long[] {0, 1, 2}, r.output("output_label"));
    assertShape(r.output("output_probability"), 3, 3);
  }
}
