package io.kserve4j.samples;

import io.kserve4j.core.InferenceService;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import java.util.Arrays;

/**
 * The quick start (README): loads KServe's sklearn-iris InferenceService from YAML and predicts the
 * species of one flower, in-process. Run it with {@code mvn -B -q -pl samples -am -DskipTests
 * -Pquickstart package}.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Prints the predicted label and class probabilities of one iris flower. */
  public static void main(String[] args) {
    try (var service = InferenceService.fromYaml("classpath:sklearn-iris.yaml")) {
      InferResponse r =
          service.predict(InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}));
      long label = r.output("output_label").asLongs()[0]; // 0: setosa
      float[] probabilities = r.output("output_probability").asFloats(); // [1, 3]
      System.out.println("label " + label + ", probabilities " + Arrays.toString(probabilities));
    }
  }
}
