package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.testkit.CrdSchemas;
import org.junit.jupiter.api.Test;

/** {@link CrdSchemas} catches what a strict cluster would reject, and nothing more. */
class CrdSchemasTest {
  /** A valid sklearn service with these lines added to the predictor and to its model. */
  private static String isvc(String predictorLines, String modelLines) {
    return """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: sklearn-iris
        spec:
          predictor:
        """
        + predictorLines
        + """
            model:
              modelFormat:
                name: sklearn
              storageUri: file://models/sklearn-iris
        """
        + modelLines;
  }

  @Test
  void validService_hasNoError() {
    assertThat(CrdSchemas.errors(isvc("", ""))).isEmpty();
  }

  @Test
  void misspelledField_isRejected() {
    assertThat(CrdSchemas.errors(isvc("    minReplica: 1\n", "")))
        .singleElement()
        .asString()
        .contains("minReplica");
  }

  @Test
  void wrongType_isRejected() {
    assertThat(CrdSchemas.errors(isvc("    minReplicas: \"two\"\n", "")))
        .singleElement()
        .asString()
        .contains("$.spec.predictor.minReplicas");
  }

  @Test
  void enumOutside_isRejected() {
    assertThat(CrdSchemas.errors(isvc("    scaleMetric: latency\n", "")))
        .singleElement()
        .asString()
        .contains("$.spec.predictor.scaleMetric");
  }

  @Test
  void quantities_mayBeStringsOrIntegers_butNotFloats() {
    String quantities =
        "      resources:\n        requests:\n          cpu: \"500m\"\n          memory: 2\n";
    String floatCpu = "      resources:\n        requests:\n          cpu: 0.5\n";

    assertThat(CrdSchemas.errors(isvc("", quantities))).isEmpty();
    assertThat(CrdSchemas.errors(isvc("", floatCpu))).isNotEmpty();
  }

  @Test
  void status_keepsUnknownFields_andMetadataIsOpen() {
    String yaml =
        isvc("", "")
            + "status:\n  somethingNew: 1\n  url: http://sklearn-iris.default.example.com\n";

    assertThat(CrdSchemas.errors(yaml)).isEmpty();
    assertThat(CrdSchemas.errors(yaml.replace("  name: sklearn-iris\n", "  name: x\n  uid: u\n")))
        .isEmpty();
  }

  @Test
  void missingRequired_andUnknownKind_areReported() {
    String noContainers =
        """
        apiVersion: serving.kserve.io/v1alpha1
        kind: ServingRuntime
        metadata:
          name: r
        spec:
          supportedModelFormats:
            - name: onnx
        """;

    assertThat(CrdSchemas.errors(noContainers)).singleElement().asString().contains("containers");
    assertThat(CrdSchemas.errors("apiVersion: v1\nkind: Pod\n"))
        .singleElement()
        .asString()
        .startsWith("kind 'Pod' has no KServe CRD");
  }

  @Test
  void wrongApiVersion_isReported() {
    assertThat(CrdSchemas.errors(isvc("", "").replace("v1beta1", "v1alpha2")))
        .containsExactly(
            "$.apiVersion: serving.kserve.io/v1alpha2 is not serving.kserve.io/v1beta1");
  }
}
