package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe's deployment modes: current and old names, and which one a service runs in. */
class DeploymentModeTest {
  private static final String HEADER =
      "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n";
  private static final String SPEC =
      "spec:\n  predictor:\n    sklearn:\n      storageUri: file://models/sklearn-iris\n";

  private static InferenceServiceResource read(String annotations, String status) {
    String yaml =
        HEADER
            + (annotations.isEmpty() ? "" : "  annotations:\n    " + annotations + "\n")
            + SPEC
            + (status.isEmpty() ? "" : "status:\n  deploymentMode: " + status + "\n");
    return KServeYaml.read(yaml, "m.yaml").inferenceServices().get(0);
  }

  @Test
  void of_takesKServesNamesAndTheirOldOnes_exactly() {
    assertThat(DeploymentMode.of("Knative")).isEqualTo(DeploymentMode.KNATIVE);
    assertThat(DeploymentMode.of("Serverless")).isEqualTo(DeploymentMode.KNATIVE);
    assertThat(DeploymentMode.of("Standard")).isEqualTo(DeploymentMode.STANDARD);
    assertThat(DeploymentMode.of("RawDeployment")).isEqualTo(DeploymentMode.STANDARD);
    assertThat(DeploymentMode.of("ModelMesh")).isNull();
    assertThat(DeploymentMode.of("standard")).isNull();
    assertThat(DeploymentMode.of("")).isNull();
    assertThat(DeploymentMode.KNATIVE.kserveName()).isEqualTo("Knative");
    assertThat(DeploymentMode.KNATIVE.legacyName()).isEqualTo("Serverless");
    assertThat(DeploymentMode.STANDARD.kserveName()).isEqualTo("Standard");
    assertThat(DeploymentMode.STANDARD.legacyName()).isEqualTo("RawDeployment");
    assertThat(DeploymentMode.ANNOTATION).isEqualTo("serving.kserve.io/deploymentMode");
  }

  @Test
  void read_rewritesTheOldNames_asKServesWebhookDoes() {
    String annotation = "serving.kserve.io/deploymentMode: ";

    assertThat(read(annotation + "RawDeployment", "").metadata().annotations())
        .containsEntry(DeploymentMode.ANNOTATION, "Standard");
    assertThat(read(annotation + "Serverless", "").metadata().annotations())
        .containsEntry(DeploymentMode.ANNOTATION, "Knative");
    assertThat(read(annotation + "Standard", "").metadata().annotations())
        .containsEntry(DeploymentMode.ANNOTATION, "Standard");
    assertThat(read(annotation + "ModelMesh", "").metadata().annotations())
        .containsEntry(DeploymentMode.ANNOTATION, "ModelMesh");
    assertThat(read(annotation + "RawDeployment", "RawDeployment").statusDeploymentMode())
        .as("status is KServe's record, kept as read")
        .isEqualTo("RawDeployment");
    assertThat(KServeYaml.write(read(annotation + "RawDeployment", "")))
        .contains("serving.kserve.io/deploymentMode: Standard")
        .doesNotContain("RawDeployment");
  }

  @Test
  void read_logsTheRename_onceAtInfo() {
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(KServeYaml.class.getName());
    List<String> lines = new java.util.ArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().equals(java.util.logging.Level.INFO)) {
              lines.add(
                  java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(handler);
    try {
      read("serving.kserve.io/deploymentMode: RawDeployment", "");
      read("serving.kserve.io/deploymentMode: Standard", "");
    } finally {
      jul.removeHandler(handler);
    }

    assertThat(lines)
        .containsExactly(
            "InferenceService m: deploymentMode RawDeployment is KServe's old name for Standard;"
                + " read as Standard");
  }

  @Test
  void deploymentMode_isTheStatusOne_elseTheAnnotation_elseKnative() {
    String annotation = "serving.kserve.io/deploymentMode: ";

    assertThat(read("", "").deploymentMode()).isEqualTo(DeploymentMode.KNATIVE);
    assertThat(read(annotation + "Standard", "").deploymentMode())
        .isEqualTo(DeploymentMode.STANDARD);
    assertThat(read(annotation + "RawDeployment", "").deploymentMode())
        .isEqualTo(DeploymentMode.STANDARD);
    assertThat(read("", "RawDeployment").deploymentMode()).isEqualTo(DeploymentMode.STANDARD);
    assertThat(read(annotation + "Knative", "Standard").deploymentMode())
        .isEqualTo(DeploymentMode.STANDARD);
    assertThat(read(annotation + "Standard", "ModelMesh").deploymentMode())
        .isEqualTo(DeploymentMode.STANDARD);
    assertThat(read(annotation + "ModelMesh", "").deploymentMode())
        .isEqualTo(DeploymentMode.KNATIVE);
    assertThat(read("", "").statusDeploymentMode()).isNull();
  }

  @Test
  void statusDeploymentMode_isNull_whenStatusHoldsNoText() {
    InferenceServiceResource isvc = read("", "");
    InferenceServiceResource numeric =
        new InferenceServiceResource(
            isvc.apiVersion(),
            isvc.kind(),
            isvc.metadata(),
            isvc.spec(),
            Map.of("status", Map.of("deploymentMode", 1)));
    InferenceServiceResource listStatus =
        new InferenceServiceResource(
            isvc.apiVersion(),
            isvc.kind(),
            isvc.metadata(),
            isvc.spec(),
            Map.of("status", List.of()));

    assertThat(numeric.statusDeploymentMode()).isNull();
    assertThat(numeric.deploymentMode()).isEqualTo(DeploymentMode.KNATIVE);
    assertThat(listStatus.statusDeploymentMode()).isNull();
  }
}
