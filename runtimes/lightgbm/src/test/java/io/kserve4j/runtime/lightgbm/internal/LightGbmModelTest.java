package io.kserve4j.runtime.lightgbm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.runtime.lightgbm.LightGbmOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real predictions of the LightGBM test models against the values LightGBM itself printed ({@code
 * expected.csv}, from jpmml-lightgbm's test resources): missing values and categorical features as
 * LightGBM treats them.
 */
class LightGbmModelTest {
  /** expected.csv holds LightGBM's doubles printed in full: equal up to the last digits. */
  private static final double TOLERANCE = 1e-9;

  @TempDir Path tmp;

  /** IrisNA: multiclass with missing values (N/A in the CSV, NaN here), columns in model order. */
  @Test
  void irisWithMissingValues_150rows_matchLightgbmsProbabilities() {
    Path dir = TestModels.model("lightgbm_iris_classification_na");
    Path file = dir.resolve("model.txt");
    List<String> features = TestModels.featureNames(file);
    assertThat(features)
        .containsExactly("Petal.Length", "Petal.Width", "Sepal.Length", "Sepal.Width");
    List<Map<String, String>> input = TestModels.csv(dir.resolve("input.csv"));
    List<Map<String, String>> expected = TestModels.csv(dir.resolve("expected.csv"));
    int rows = input.size();
    double[] x = new double[rows * features.size()];
    int missing = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < features.size(); c++) {
        x[r * features.size() + c] = TestModels.number(input.get(r).get(features.get(c)));
        missing += Double.isNaN(x[r * features.size() + c]) ? 1 : 0;
      }
    }
    assertThat(missing).as("missing values in input.csv").isGreaterThan(50);
    try (Model model = TestModels.load(file)) {
      Tensor out = model.predict(InferRequest.of("input-0", x, rows, 4)).output("output-0");
      assertThat(out.datatype()).isEqualTo(DataType.FP64);
      assertThat(out.shape()).containsExactly(rows, 3);
      double[] p = out.asDoubles();
      double worst = 0;
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < 3; k++) {
          double want = Double.parseDouble(expected.get(r).get("probability(" + k + ")"));
          worst = Math.max(worst, Math.abs(p[r * 3 + k] - want));
        }
      }
      assertThat(worst).as("largest difference from expected.csv").isLessThan(TOLERANCE);
      System.out.println(
          "lightgbm_iris_classification_na: 150 x 3 probabilities ("
              + missing
              + " missing values), max |diff| "
              + worst);
    }
  }

  /**
   * Auto: regression with categorical cylinders, model_year and origin, given as the integer codes
   * LightGBM was trained on (the index of the value among the column's sorted values: cylinders 3,
   * 4, 5, 6, 8 are 0..4), and NA horsepower as missing.
   */
  @Test
  void autoWithCategoricalFeatures_398rows_matchLightgbmsTargets() {
    Path dir = TestModels.model("lightgbm_auto_regression");
    Path file = dir.resolve("model.txt");
    List<String> features = TestModels.featureNames(file);
    List<Map<String, String>> input = TestModels.csv(dir.resolve("input.csv"));
    List<Map<String, String>> expected = TestModels.csv(dir.resolve("expected.csv"));
    List<String> categorical = List.of("cylinders", "model_year", "origin");
    int rows = input.size();
    int width = features.size();
    double[] x = new double[rows * width];
    for (int c = 0; c < width; c++) {
      String column = features.get(c);
      List<Double> levels = null;
      if (categorical.contains(column)) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (Map<String, String> row : input) {
          distinct.add(TestModels.number(row.get(column)));
        }
        levels = List.copyOf(distinct);
      }
      for (int r = 0; r < rows; r++) {
        double v = TestModels.number(input.get(r).get(column));
        x[r * width + c] = levels == null ? v : levels.indexOf(v);
      }
    }
    try (Model model = TestModels.load(file)) {
      Tensor out = model.predict(InferRequest.of("input-0", x, rows, width)).output("output-0");
      assertThat(out.shape()).containsExactly(rows);
      double[] y = out.asDoubles();
      double worst = 0;
      for (int r = 0; r < rows; r++) {
        worst =
            Math.max(worst, Math.abs(y[r] - Double.parseDouble(expected.get(r).get("_target"))));
      }
      assertThat(worst).as("largest difference from expected.csv").isLessThan(TOLERANCE);
      System.out.println("lightgbm_auto_regression: 398 targets, max |diff| " + worst);
    }
  }

  @Test
  void bstFile_asKServesLgbserverNamesIt_loads() throws IOException {
    Path dir = TestModels.model("lightgbm_iris_classification_na");
    Files.copy(dir.resolve("model.txt"), tmp.resolve("model.bst"));
    try (Model a = TestModels.load(tmp);
        Model b = TestModels.load(dir.resolve("model.txt"))) {
      InferRequest row = InferRequest.of("input-0", new double[] {5.2, 2.3, 6.7, 3.0}, 1, 4);
      assertThat(a.predict(row).outputs().get(0).asDoubles())
          .containsExactly(b.predict(row).outputs().get(0).asDoubles());
    }
  }

  @Test
  void options_rawScore_andIterations() {
    Path file = TestModels.model("lightgbm_iris_classification_na").resolve("model.txt");
    InferRequest row = InferRequest.of("x", new double[] {5.2, 2.3, 6.7, 3.0}, 1, 4);
    try (Model probabilities = TestModels.load(file);
        Model raw =
            TestModels.load(
                file,
                LightGbmOptions.builder()
                    .prediction(LightGbmOptions.Prediction.RAW_SCORE)
                    .build());
        Model first =
            TestModels.load(file, LightGbmOptions.builder().iterations(0, 1).threads(2).build())) {
      double[] p = probabilities.predict(row).outputs().get(0).asDoubles();
      double[] m = raw.predict(row).outputs().get(0).asDoubles();
      double sum = Math.exp(m[0]) + Math.exp(m[1]) + Math.exp(m[2]);
      for (int k = 0; k < 3; k++) {
        assertThat(Math.exp(m[k]) / sum).isCloseTo(p[k], Offset.offset(1e-12));
      }
      double[] f = first.predict(row).outputs().get(0).asDoubles();
      assertThat(f).isNotEqualTo(p);
      assertThat(f[0] + f[1] + f[2]).isCloseTo(1.0, Offset.offset(1e-12));
    }
  }

  @Test
  void fp32Rows_answerAsFp64Rows_whenTheValuesAreTheSame() {
    Path file = TestModels.model("lightgbm_auto_regression").resolve("model.txt");
    try (Model model = TestModels.load(file)) {
      double[] d = {4, 98, Double.NaN, 2046, 19, 1, 0};
      float[] f = {4, 98, Float.NaN, 2046, 19, 1, 0};
      assertThat(model.predict(InferRequest.of("x", f, 1, 7)).outputs().get(0).asDoubles())
          .containsExactly(
              model.predict(InferRequest.of("x", d, 1, 7)).outputs().get(0).asDoubles());
    }
  }

  @Test
  void badInputs_are400_namingTheTensor() {
    try (Model model =
        TestModels.load(TestModels.model("lightgbm_iris_classification_na").resolve("model.txt"))) {
      assertThatThrownBy(() -> model.predict(InferRequest.of("x", new int[8], 2, 4)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              "model 'lgbm': input 'x' (read as the model's one input, input-0): expected FP32 or"
                  + " FP64 [-1, 4], got INT32 [2, 4] (send the features as FP32 or FP64, NaN for a"
                  + " missing value)");
      assertThatThrownBy(
              () ->
                  model.predict(
                      InferRequest.of(
                          Tensor.of("input-0", new double[4], 1, 4),
                          Tensor.of("extra", new double[4], 1, 4))))
          .hasMessageContaining(
              "input 'extra' is one input too many: the model takes one input, input-0 FP32 or"
                  + " FP64 [-1, 4]");
      assertThat(model.predict(InferRequest.of("x", new double[0], 0, 4)).outputs().get(0).shape())
          .containsExactly(0, 3);
    }
  }

  @Test
  void metadata_asKServesServerAnswers() {
    try (Model model =
        TestModels.load(TestModels.model("lightgbm_iris_classification_na").resolve("model.txt"))) {
      assertThat(model.metadata().platform()).isEqualTo("lightgbm");
      assertThat(model.metadata().inputs())
          .containsExactly(TensorMetadata.of("input-0", DataType.FP64, -1, 4));
      assertThat(model.metadata().outputs())
          .containsExactly(TensorMetadata.of("output-0", DataType.FP64, -1, 3));
      assertThat(model.metadata().parameters())
          .containsEntry("objective", "multiclass num_class:3")
          .containsEntry("feature_names", "Petal.Length,Petal.Width,Sepal.Length,Sepal.Width");
    }
  }

  @Test
  void closed_is503_andCloseIsIdempotent() {
    Model model =
        TestModels.load(TestModels.model("lightgbm_iris_classification_na").resolve("model.txt"));
    model.close();
    model.close();
    assertThatThrownBy(() -> model.predict(InferRequest.of("x", new double[4], 1, 4)))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessageContaining("the model is closed");
  }
}
