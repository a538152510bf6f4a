package io.kserve4j.runtime.xgboost.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files the XGBoost runtime takes, and what it says about the others. */
class XgboostServingRuntimeTest {
  @TempDir Path tmp;

  private final XgboostServingRuntime runtime = new XgboostServingRuntime();

  @Test
  void declares_kserveXgbserversFormat_plusTheVersionsXgboost34Reads() {
    assertThat(runtime.name()).isEqualTo("kserve4j-xgboost");
    assertThat(runtime.supportedModelFormats())
        .extracting(f -> f.name() + ":" + f.version() + ":" + f.isAutoSelect() + ":" + f.priority())
        .containsExactly("xgboost:2:true:1", "xgboost:1:true:1", "xgboost:3:true:1");
  }

  @Test
  void canLoad_xgboostFilesAndFolders_notOnnxOrLightgbm() throws IOException {
    Path iris = TestModels.model("xgboost_iris_multinomial");
    assertThat(runtime.canLoad(iris)).isTrue();
    assertThat(runtime.canLoad(iris.resolve("model.json"))).isTrue();
    assertThat(runtime.canLoad(iris.resolve("model.ubj"))).isTrue();
    assertThat(runtime.canLoad(TestModels.model("handmade_mlp"))).isFalse();
    assertThat(runtime.canLoad(TestModels.model("handmade_mlp").resolve("model.onnx"))).isFalse();
    assertThat(runtime.canLoad(TestModels.model("lightgbm_auto_regression"))).isFalse();
    Path lgbmBst =
        Files.copy(
            TestModels.model("lightgbm_auto_regression").resolve("model.txt"),
            tmp.resolve("model.bst"));
    assertThat(runtime.canLoad(lgbmBst)).isFalse();
    Path otherJson = Files.writeString(tmp.resolve("config.json"), "{\"architectures\": []}");
    assertThat(runtime.canLoad(otherJson)).isFalse();
    assertThat(runtime.canLoad(tmp.resolve("nope"))).isFalse();
  }

  @Test
  void folderWithJsonAndUbj_isRefused_asKServeRefusesIt() {
    assertThat(refused(TestModels.model("xgboost_iris_multinomial")))
        .contains("holds 2 XGBoost models [model.json, model.ubj], which one to serve?")
        .contains("point storageUri at one file, e.g. model.json");
  }

  @Test
  void oldBinaryFormat_isRefused_withTheWayToResaveIt() throws IOException {
    Files.write(tmp.resolve("model.bst"), "binf\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(refused(tmp))
        .contains(
            "model.bst is not a JSON or UBJSON model (it starts with 'binf': XGBoost's old binary"
                + " format, which XGBoost 3.1 and later cannot read)")
        .contains("booster.save_model(\"model.ubj\")");
  }

  @Test
  void folderWithoutAModel_listsWhatItFound() throws IOException {
    assertThat(refused(tmp)).contains("is an empty folder");
    Files.writeString(tmp.resolve("notes.txt"), "hello");
    assertThat(refused(tmp))
        .contains("holds no XGBoost model (found [notes.txt])")
        .contains("booster.save_model(\"model.json\")");
    assertThat(refused(tmp.resolve("notes.txt"))).contains("is notes.txt, not an XGBoost model");
    assertThat(refused(tmp.resolve("nope"))).contains("which does not exist");
  }

  @Test
  void noStorage_isRefused() {
    assertThatThrownBy(
            () ->
                runtime.load(
                    new ModelContext(
                        "xgb", ModelSpec.of("xgboost", "x"), null, Map.of(), List.of())))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("is required: the XGBoost runtime loads its model from storage");
  }

  private String refused(Path path) {
    SpecValidationException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            SpecValidationException.class, () -> TestModels.load(path));
    assertThat(e).as("refused " + path).isNotNull();
    return String.valueOf(e.getMessage());
  }
}
