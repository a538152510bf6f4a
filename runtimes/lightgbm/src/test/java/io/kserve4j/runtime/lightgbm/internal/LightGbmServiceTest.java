package io.kserve4j.runtime.lightgbm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.runtime.lightgbm.LightGbmOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * LightGBM through {@code InferenceService}, with the ONNX runtime on the class path too: both
 * auto-select modelFormat {@code lightgbm} at priority 1, and the model's files decide.
 */
class LightGbmServiceTest {
  private static final double[] ROW = {5.2, 2.3, 6.7, Double.NaN};

  @Test
  void modelFormatLightgbm_withATextModel_isServedByKserve4jLightgbm() {
    Path dir = TestModels.model("lightgbm_iris_classification_na");
    try (InferenceService s =
        InferenceService.builder()
            .name("iris")
            .predictor(Predictor.model("lightgbm", dir.toString()))
            .runtimeOptions(
                LightGbmOptions.builder().prediction(LightGbmOptions.Prediction.RAW_SCORE).build())
            .build()) {
      assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-lightgbm");
      double[] raw = s.predict(InferRequest.of("input-0", ROW, 1, 4)).outputs().get(0).asDoubles();
      assertThat(raw).hasSize(3);
      assertThat(raw[0] + raw[1] + raw[2])
          .isNotCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void modelFormatLightgbm_withAnOnnxFile_isStillServedByTheOnnxRuntime() {
    Path onnx = TestModels.model("sk_rf_iris").resolve("model.onnx");
    try (InferenceService s =
        InferenceService.builder()
            .name("rf")
            .predictor(Predictor.model("lightgbm", onnx.toString()))
            .build()) {
      assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-onnxruntime");
    }
  }

  @Test
  void kserveYaml_namingKserveLgbserver_orOnlyTheFormat_worksUnchanged() {
    Path model = TestModels.model("lightgbm_iris_classification_na").resolve("model.txt");
    for (String predictor :
        new String[] {
          "model:\n        modelFormat:\n          name: lightgbm\n        runtime: kserve-lgbserver\n"
              + "        storageUri: "
              + model.toUri(),
          "lightgbm:\n        storageUri: " + model.toUri()
        }) {
      String yaml =
          """
          apiVersion: serving.kserve.io/v1beta1
          kind: InferenceService
          metadata:
            name: lgb-iris
          spec:
            predictor:
              %s
          """
              .formatted(predictor);
      try (InferenceService s = InferenceService.fromYamlString(yaml, "test.yaml")) {
        assertThat(s.status().revisions().get(0).runtime()).isEqualTo("kserve4j-lightgbm");
        double[] p = s.predict(InferRequest.of("input-0", ROW, 1, 4)).outputs().get(0).asDoubles();
        assertThat(p[0] + p[1] + p[2]).isBetween(0.999, 1.001);
      }
    }
  }
}
