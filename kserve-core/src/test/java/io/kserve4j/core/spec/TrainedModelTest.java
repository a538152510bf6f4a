package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.testkit.CrdSchemas;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** TrainedModels: typed reading, writing, and KServe's webhook rules, word for word. */
class TrainedModelTest {
  private static final String HEADER =
      "apiVersion: serving.kserve.io/v1alpha1\nkind: TrainedModel\nmetadata:\n  name: m\n";

  private static List<String> messages(TrainedModelResource model) {
    return model.violations().stream().map(Violation::toString).collect(Collectors.toList());
  }

  private static TrainedModelResource model(String name, String storageUri, String memory) {
    return TrainedModelResource.of(
        name,
        TrainedModelSpec.of(
            "sklearn-mms", new TrainedModelSpec.Model(storageUri, "sklearn", memory)));
  }

  @Test
  void read_bindsTheSpec() {
    List<TrainedModelResource> models = Samples.read("trained-model.yaml").trainedModels();

    assertThat(models)
        .containsExactly(
            new TrainedModelResource(
                TrainedModelResource.API_VERSION,
                TrainedModelResource.KIND,
                new ObjectMeta("sklearn-iris-v2", "models", Map.of(), Map.of(), Map.of()),
                TrainedModelSpec.of(
                    "sklearn-mms",
                    new TrainedModelSpec.Model("s3://models/sklearn/iris-v2", "sklearn", "256Mi")),
                Map.of()));
    assertThat(models.get(0).name()).isEqualTo("sklearn-iris-v2");
  }

  @Test
  void memory_mayBeAnInteger_andIsWrittenAsAQuotedString() {
    String yaml =
        HEADER
            + "spec:\n  inferenceService: mms\n  model:\n    storageUri: gs://b/m\n"
            + "    framework: xgboost\n    memory: 2\n";

    TrainedModelResource model = KServeYaml.read(yaml, "m.yaml").trainedModels().get(0);
    String written = KServeYaml.write(model);

    assertThat(model.spec().model().memory()).isEqualTo("2");
    assertThat(model.violations()).isEmpty();
    assertThat(written)
        .isEqualTo(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: TrainedModel
            metadata:
              name: m
            spec:
              inferenceService: mms
              model:
                storageUri: gs://b/m
                framework: xgboost
                memory: "2"
            """);
    assertThat(KServeYaml.read(written, "m.yaml").trainedModels()).containsExactly(model);
    assertThat(CrdSchemas.errors(written)).isEmpty();
  }

  @Test
  void read_memoryNotAQuantityType_isAViolation() {
    String yaml = HEADER + "spec:\n  model:\n    memory: 0.5\n    framework: {a: 1}\n";

    assertThatThrownBy(() -> KServeYaml.read(yaml, "m.yaml"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "KServe YAML 'm.yaml' is invalid (2 problems):\n"
                + "  spec.model.framework = {\"a\":1}: must be a string (write one text value, not a"
                + " mapping)\n"
                + "  spec.model.memory = 0.5: must be a quantity: an integer or a string such as"
                + " \"512Mi\" (quote it: \"0.5\")");
    assertThatThrownBy(() -> KServeYaml.read(HEADER + "spec:\n  model:\n    memory: [1]\n", "m"))
        .hasMessageEndingWith(
            "spec.model.memory = [1]: must be a quantity: an integer or a string such as \"512Mi\""
                + " (write one value such as \"1Gi\")");
  }

  @Test
  void invalidSample_listsEveryViolation() {
    TrainedModelResource model = Samples.read("invalid/trained-model.yaml").trainedModels().get(0);

    assertThat(messages(model))
        .containsExactly(
            "metadata.name = \"Iris.v2\": must use lower-case letters, digits and '-', starting"
                + " and ending with a letter or digit (rename it, e.g. iris-v2: the API server"
                + " wants a lower-case object name, KServe's webhook no '.')",
            "spec.inferenceService = <unset>: is required (name the multi-model InferenceService"
                + " that loads this model)",
            "spec.model.storageUri = \"file://models/sklearn-iris\": must start with one of [s3://,"
                + " gs://, https://, http://] (KServe's model agent fetches TrainedModels only from"
                + " these: copy the model to S3, GCS or a web server)",
            "spec.model.framework = <unset>: is required (name the model's framework, e.g."
                + " sklearn; KServe passes it to the model server)",
            "spec.model.memory = \"2 gigs\": must be a Kubernetes quantity (write a number with an"
                + " optional unit, e.g. 512Mi or 1Gi)");
    assertThatThrownBy(model::validate)
        .isInstanceOf(SpecValidationException.class)
        .hasMessageStartingWith("TrainedModel 'Iris.v2' is invalid (5 problems):\n");
  }

  @Test
  void emptySpec_reportsEveryRequiredField() {
    TrainedModelResource model = KServeYaml.read(HEADER, "m.yaml").trainedModels().get(0);

    assertThat(model.spec())
        .isEqualTo(TrainedModelSpec.of("", new TrainedModelSpec.Model("", "", "")));
    assertThat(model.violations())
        .extracting(Violation::path)
        .containsExactly(
            "spec.inferenceService",
            "spec.model.storageUri",
            "spec.model.framework",
            "spec.model.memory");
    assertThat(model.violations().get(3).toString())
        .isEqualTo(
            "spec.model.memory = <unset>: is required (give the most memory the model takes, e.g."
                + " 512Mi; KServe loads it only where it fits)");
    assertThat(messages(model("", "s3://b/m", "1Gi")))
        .containsExactly(
            "metadata.name = <unset>: is required (name the model, e.g. sklearn-iris-v2)");
  }

  @Test
  void names_storageSchemes_andQuantities_asKServeAccepts() {
    for (String name : List.of("a", "iris-v2", "0model", "m1")) {
      assertThat(model(name, "s3://b/m", "1Gi").violations()).as(name).isEmpty();
    }
    for (String name : List.of("Iris", "iris_v2", "-iris", "iris-", "iris.v2")) {
      assertThat(model(name, "s3://b/m", "1Gi").violations()).as(name).hasSize(1);
    }
    for (String uri : List.of("s3://b/m", "gs://b/m", "https://h/m", "http://h/m")) {
      assertThat(model("m", uri, "1Gi").violations()).as(uri).isEmpty();
    }
    for (String uri : List.of("pvc://c/m", "hf://o/m", "S3://b/m", "/models/m")) {
      assertThat(model("m", uri, "1Gi").violations()).as(uri).hasSize(1);
    }
    for (String memory : List.of("1", "512Mi", "1.5G", "1e3", "+2Ki", "500m", ".5")) {
      assertThat(model("m", "s3://b/m", memory).violations()).as(memory).isEmpty();
    }
    for (String memory : List.of("1 Gi", "Gi", "1GB", "1gi", "1..2")) {
      assertThat(model("m", "s3://b/m", memory).violations()).as(memory).hasSize(1);
    }
  }
}
