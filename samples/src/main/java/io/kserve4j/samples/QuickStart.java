package io.kserve4j.samples;

import io.kserve4j.core.InferenceService;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The quick start: loads KServe's sklearn-iris InferenceService from YAML and predicts the species
 * of one flower, in-process. Run it with {@code mvn -B -q -pl samples -am -DskipTests -Pquickstart
 * package}.
 */
public final class QuickStart {
  private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

  private QuickStart() {}

  /** Prints the predicted species and class probabilities of one iris flower. */
  public static void main(String[] args) {
    System.out.println(run(new float[] {5.1f, 3.5f, 1.4f, 0.2f}));
  }

  /** Predicts one flower and describes the answer in one line. */
  public static String run(float[] flower) {
    URL yaml = Objects.requireNonNull(QuickStart.class.getResource("/sklearn-iris.yaml"));
    try (var service = InferenceService.fromYaml(yaml)) {
      InferResponse r = service.predict(InferRequest.of("float_input", new float[][] {flower}));
      long label = r.output("output_label").asLongs()[0];
      float[] probabilities = r.output("output_probability").asFloats();
      return String.format(
          Locale.ROOT,
          "%s predicts %s (label %d) for %s, probabilities %s",
          service.name(),
          SPECIES[(int) label],
          label,
          Arrays.toString(flower),
          Arrays.toString(probabilities));
    }
  }
}
