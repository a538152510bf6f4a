package io.kserve4j.runtime.xgboost.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.runtime.xgboost.XgboostOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real predictions of the XGBoost test models against the values XGBoost itself printed ({@code
 * expected.csv}, from jpmml-xgboost's test resources).
 */
class XgboostModelTest {
  /**
   * expected.csv holds XGBoost's float32 results printed as doubles: equal up to float rounding.
   */
  private static final double PROBABILITY_TOLERANCE = 1e-6;

  /** Regression targets around 10..45 in float32: a few ulps. */
  private static final double TARGET_TOLERANCE = 1e-4;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"model.json", "model.ubj"})
  void irisSoftprob_150rows_matchXgboostsProbabilities(String file) {
    Path dir = TestModels.model("xgboost_iris_multinomial");
    try (Model model = TestModels.load(dir.resolve(file))) {
      assertIrisMatches(model, dir);
    }
  }

  @Test
  void bstFile_holdingUbjson_loads_asKServesXgbserverNamesIt() throws IOException {
    Path dir = TestModels.model("xgboost_iris_multinomial");
    Path bst = Files.copy(dir.resolve("model.ubj"), tmp.resolve("model.bst"));
    try (Model model = TestModels.load(tmp)) {
      assertThat(bst).exists();
      assertIrisMatches(model, dir);
    }
  }

  private static void assertIrisMatches(Model model, Path dir) {
    List<Map<String, String>> input = TestModels.csv(dir.resolve("input.csv"));
    List<Map<String, String>> expected = TestModels.csv(dir.resolve("expected.csv"));
    String[] features = {"Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"};
    int rows = input.size();
    float[] x = new float[rows * 4];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 4; c++) {
        x[r * 4 + c] = (float) TestModels.number(input.get(r).get(features[c]));
      }
    }
    InferResponse response = model.predict(InferRequest.of("input-0", x, rows, 4));
    Tensor out = response.output("output-0");
    assertThat(out.datatype()).isEqualTo(DataType.FP32);
    assertThat(out.shape()).containsExactly(rows, 3);
    float[] p = out.asFloats();
    double worst = 0;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < 3; k++) {
        double want = Double.parseDouble(expected.get(r).get("probability(" + k + ")"));
        worst = Math.max(worst, Math.abs(p[r * 3 + k] - want));
      }
    }
    assertThat(worst).as("largest difference from expected.csv").isLessThan(PROBABILITY_TOLERANCE);
    System.out.println("xgboost_iris_multinomial: 150 x 3 probabilities, max |diff| " + worst);
  }

  /**
   * The auto model is XGBoost's native categorical model ({@code feature_types} c, float, int, int,
   * float, c, c: 7 features); its features go in as category codes, the index of each level in
   * {@code features.fmap}, which lists the levels as JPMML's one-hot names ({@code cylinders=3}).
   * It was trained with early stopping ({@code best_iteration} 24 of 28 rounds), and expected.csv
   * holds what XGBoost's scikit-learn {@code predict} answers: the first 25 rounds.
   */
  @Test
  void autoRegression_categoricalCodes_392rows_matchXgboostsTargets() {
    Path dir = TestModels.model("xgboost_auto_regression");
    Map<String, List<String>> levels = TestModels.levels(dir.resolve("features.fmap"));
    String[] columns = {
      "cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year", "origin"
    };
    List<Map<String, String>> input = TestModels.csv(dir.resolve("input.csv"));
    List<Map<String, String>> expected = TestModels.csv(dir.resolve("expected.csv"));
    int rows = input.size();
    double[] x = new double[rows * columns.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns.length; c++) {
        String cell = input.get(r).get(columns[c]);
        List<String> codes = levels.get(columns[c]);
        x[r * columns.length + c] = codes == null ? TestModels.number(cell) : codes.indexOf(cell);
      }
    }
    try (Model model =
        TestModels.load(
            dir.resolve("model.json"), XgboostOptions.builder().bestIteration(true).build())) {
      assertThat(model.metadata().inputs())
          .containsExactly(TensorMetadata.of("input-0", DataType.FP32, -1, 7));
      Tensor out =
          model.predict(InferRequest.of("input-0", x, rows, columns.length)).output("output-0");
      assertThat(out.shape()).containsExactly(rows);
      float[] y = out.asFloats();
      double worst = 0;
      for (int r = 0; r < rows; r++) {
        worst =
            Math.max(worst, Math.abs(y[r] - Double.parseDouble(expected.get(r).get("_target"))));
      }
      assertThat(worst).as("largest difference from expected.csv").isLessThan(TARGET_TOLERANCE);
      System.out.println("xgboost_auto_regression: 392 targets, max |diff| " + worst);

      // Every round, as KServe's Booster.predict answers: the same as iterationRange(0, 0), and
      // not expected.csv (up to 0.70 apart).
      try (Model allRounds = TestModels.load(dir.resolve("model.json"));
          Model first25 =
              TestModels.load(
                  dir.resolve("model.json"),
                  XgboostOptions.builder().iterationRange(0, 25).build())) {
        InferRequest all = InferRequest.of("input-0", x, rows, columns.length);
        assertThat(first25.predict(all).outputs().get(0).asFloats()).containsExactly(y);
        float[] everyRound = allRounds.predict(all).outputs().get(0).asFloats();
        assertThat(everyRound).isNotEqualTo(y);
        assertThat(allRounds.metadata().parameters())
            .containsEntry("best_iteration", "24")
            .containsEntry("iteration_range", "[0, 0) (0: all)");
      }

      // The fmap's 25 one-hot columns are not what this model takes: a 400 that says so.
      assertThatThrownBy(() -> model.predict(InferRequest.of("input-0", new float[25], 1, 25)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("input 'input-0': expected FP32 or FP64 [-1, 7], got FP32 [1, 25]");
    }
  }

  @Test
  void nan_isMissing_asInXgboost() {
    Path file = TestModels.model("xgboost_iris_multinomial").resolve("model.json");
    try (Model model = TestModels.load(file);
        Model zeroMissing = TestModels.load(file, XgboostOptions.builder().missing(0f).build())) {
      float[] withNan = {Float.NaN, 3.5f, 1.4f, Float.NaN};
      float[] withZero = {0f, 3.5f, 1.4f, 0f};
      float[] a = model.predict(InferRequest.of("x", withNan, 1, 4)).outputs().get(0).asFloats();
      float[] b =
          zeroMissing.predict(InferRequest.of("x", withZero, 1, 4)).outputs().get(0).asFloats();
      assertThat(b).containsExactly(a);
      assertThat(a[0] + a[1] + a[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @Test
  void options_outputMargin_andIterationRange() {
    Path file = TestModels.model("xgboost_iris_multinomial").resolve("model.json");
    float[] row = {6.7f, 3.0f, 5.2f, 2.3f};
    try (Model probabilities = TestModels.load(file);
        Model margins = TestModels.load(file, XgboostOptions.builder().outputMargin(true).build());
        Model firstRound =
            TestModels.load(file, XgboostOptions.builder().iterationRange(0, 1).build())) {
      float[] p =
          probabilities.predict(InferRequest.of("x", row, 1, 4)).outputs().get(0).asFloats();
      float[] m = margins.predict(InferRequest.of("x", row, 1, 4)).outputs().get(0).asFloats();
      double sum = Math.exp(m[0]) + Math.exp(m[1]) + Math.exp(m[2]);
      for (int k = 0; k < 3; k++) {
        assertThat(Math.exp(m[k]) / sum).isCloseTo(p[k], org.assertj.core.data.Offset.offset(1e-6));
      }
      float[] f = firstRound.predict(InferRequest.of("x", row, 1, 4)).outputs().get(0).asFloats();
      assertThat(f).isNotEqualTo(p);
      assertThat(f[0] + f[1] + f[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @Test
  void emptyBatch_answersNoRows() {
    try (Model model =
        TestModels.load(TestModels.model("xgboost_iris_multinomial").resolve("model.json"))) {
      Tensor out = model.predict(InferRequest.of("x", new float[0], 0, 4)).outputs().get(0);
      assertThat(out.shape()).containsExactly(0, 3);
    }
  }

  @Test
  void badInputs_are400_namingTheTensor_andTheFix() {
    try (Model model =
        TestModels.load(TestModels.model("xgboost_iris_multinomial").resolve("model.json"))) {
      assertThatThrownBy(() -> model.predict(InferRequest.of("x", new long[8], 2, 4)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              "model 'xgb': input 'x' (read as the model's one input, input-0): expected FP32 or"
                  + " FP64 [-1, 4], got INT64 [2, 4] (send the features as FP32 or FP64, NaN for a"
                  + " missing value)");
      assertThatThrownBy(() -> model.predict(InferRequest.of("input-0", new float[6], 2, 3)))
          .hasMessageContaining(
              "input 'input-0': expected FP32 or FP64 [-1, 4], got FP32 [2, 3] (rows of 4"
                  + " features");
      assertThatThrownBy(
              () ->
                  model.predict(
                      InferRequest.builder()
                          .input(Tensor.of("input-0", new float[4], 1, 4))
                          .output("predict")
                          .build()))
          .hasMessageContaining(
              "requested output 'predict' is not an output of this model (its one output is"
                  + " output-0 FP32 [-1, 3])");
    }
  }

  @Test
  void metadata_asKServesServerAnswers() {
    try (Model model =
        TestModels.load(TestModels.model("xgboost_iris_multinomial").resolve("model.json"))) {
      assertThat(model.metadata().platform()).isEqualTo("xgboost");
      assertThat(model.metadata().inputs())
          .containsExactly(TensorMetadata.of("input-0", DataType.FP32, -1, 4));
      assertThat(model.metadata().outputs())
          .containsExactly(TensorMetadata.of("output-0", DataType.FP32, -1, 3));
      assertThat(model.metadata().parameters())
          .containsEntry("datatypes", "FP32, FP64")
          .containsEntry("feature_names", "Sepal.Length,Sepal.Width,Petal.Length,Petal.Width");
    }
  }

  @Test
  void closed_is503_andCloseIsIdempotent() {
    Model model =
        TestModels.load(TestModels.model("xgboost_iris_multinomial").resolve("model.json"));
    model.close();
    model.close();
    assertThatThrownBy(() -> model.predict(InferRequest.of("x", new float[4], 1, 4)))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessageContaining("the model is closed");
  }
}
