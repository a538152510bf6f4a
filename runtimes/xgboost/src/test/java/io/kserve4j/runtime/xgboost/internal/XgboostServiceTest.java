package io.kserve4j.runtime.xgboost.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.runtime.xgboost.XgboostOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XGBoost through {@code InferenceService}, with the ONNX runtime on the class path too: both
 * auto-select modelFormat {@code xgboost} at priority 1, and the model's files decide.
 */
class XgboostServiceTest {
  private static final float[] ROW = {6.7f, 3.0f, 5.2f, 2.3f};

  @TempDir Path tmp;

  @Test
  void modelFormatXgboost_withAnXgboostFile_isServedByKserve4jXgboost() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("iris"));
    Files.copy(
        TestModels.model("xgboost_iris_multinomial").resolve("model.ubj"),
        dir.resolve("model.ubj"));
    try (InferenceService s =
        InferenceService.builder()
            .name("iris")
            .predictor(Predictor.model("xgboost", dir.toString()))
            .runtimeOptions(XgboostOptions.builder().outputMargin(true).build())
            .build()) {
      assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-xgboost");
      float[] margins =
          s.predict(InferRequest.of("input-0", ROW, 1, 4)).outputs().get(0).asFloats();
      assertThat(margins).hasSize(3);
      assertThat(margins[0] + margins[1] + margins[2]).isNotCloseTo(1f, within(1e-3f));
    }
  }

  @Test
  void modelFormatXgboost_withAnOnnxFile_isStillServedByTheOnnxRuntime() {
    // sk_rf_iris: a tree ensemble exported to ONNX (TreeEnsembleClassifier), declared as xgboost.
    Path onnx = TestModels.model("sk_rf_iris").resolve("model.onnx");
    try (InferenceService s =
        InferenceService.builder()
            .name("rf")
            .predictor(Predictor.model("xgboost", onnx.toString()))
            .build()) {
      assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-onnxruntime");
      assertThat(
              s.predict(InferRequest.of("float_input", ROW, 1, 4)).output("output_label").asLongs())
          .containsExactly(2);
    }
  }

  @Test
  void kserveYaml_namingKserveXgbserver_worksUnchanged() {
    Path model = TestModels.model("xgboost_iris_multinomial").resolve("model.json");
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: xgb-iris
        spec:
          predictor:
            model:
              modelFormat:
                name: xgboost
              runtime: kserve-xgbserver
              storageUri: %s
        """
            .formatted(model.toUri());
    try (InferenceService s = InferenceService.fromYamlString(yaml, "test.yaml")) {
      assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-xgboost");
      float[] p = s.predict(InferRequest.of("input-0", ROW, 1, 4)).outputs().get(0).asFloats();
      assertThat(p[2]).isGreaterThan(0.9f);
    }
  }

  @Test
  void kserveYaml_xgboostShortcut_selectsByFormatOnly() {
    Path model = TestModels.model("xgboost_iris_multinomial").resolve("model.json");
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: xgb-iris
        spec:
          predictor:
            xgboost:
              storageUri: %s
        """
            .formatted(model.toUri());
    try (InferenceService s = InferenceService.fromYamlString(yaml, "test.yaml")) {
      assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-xgboost");
      assertThat(s.metadata().outputs().get(0).name()).isEqualTo("output-0");
    }
  }

  private static org.assertj.core.data.Offset<Float> within(float f) {
    return org.assertj.core.data.Offset.offset(f);
  }
}
