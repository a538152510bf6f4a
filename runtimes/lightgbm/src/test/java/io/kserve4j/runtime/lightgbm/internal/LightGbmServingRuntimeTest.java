package io.kserve4j.runtime.lightgbm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kserve4j.core.spec.SpecValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files the LightGBM runtime takes, and what it says about the others. */
class LightGbmServingRuntimeTest {
  @TempDir Path tmp;

  private final LightGbmServingRuntime runtime = new LightGbmServingRuntime();

  @Test
  void declares_kserveLgbserversFormat_plusLightgbm3() {
    assertThat(runtime.name()).isEqualTo("kserve4j-lightgbm");
    assertThat(runtime.supportedModelFormats())
        .extracting(f -> f.name() + ":" + f.version() + ":" + f.isAutoSelect() + ":" + f.priority())
        .containsExactly("lightgbm:4:true:1", "lightgbm:3:true:1");
  }

  @Test
  void canLoad_lightgbmTextModels_notXgboostOrOnnx() throws IOException {
    Path auto = TestModels.model("lightgbm_auto_regression");
    assertThat(runtime.canLoad(auto)).isTrue();
    assertThat(runtime.canLoad(auto.resolve("model.txt"))).isTrue();
    assertThat(runtime.canLoad(TestModels.model("xgboost_iris_multinomial"))).isFalse();
    assertThat(runtime.canLoad(TestModels.model("handmade_mlp"))).isFalse();
    Path bst = Files.copy(auto.resolve("model.txt"), tmp.resolve("model.bst"));
    assertThat(runtime.canLoad(bst)).isTrue();
    assertThat(runtime.canLoad(Files.writeString(tmp.resolve("notes.txt"), "hello"))).isFalse();
  }

  @Test
  void refusals_sayWhatToDo() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(refused(empty)).contains("is an empty folder");
    Path notes = Files.writeString(empty.resolve("notes.txt"), "hello");
    assertThat(refused(empty))
        .contains("holds no LightGBM text model (found [notes.txt])")
        .contains("booster.save_model(\"model.txt\")");
    assertThat(refused(notes)).contains("is notes.txt, not a LightGBM text model");
    Path two = Files.createDirectories(tmp.resolve("two"));
    Path txt = TestModels.model("lightgbm_auto_regression").resolve("model.txt");
    Files.copy(txt, two.resolve("a.txt"));
    Files.copy(txt, two.resolve("b.bst"));
    assertThat(refused(two))
        .contains("holds 2 LightGBM models [a.txt, b.bst], which one to serve?");
    assertThat(refused(tmp.resolve("nope"))).contains("which does not exist");
  }

  @Test
  void natives_areUnpackedOnce_intoKserve4jsCache() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv(LightGbmNatives.PATH_VARIABLE) == null,
        "natives from LIGHTGBM_NATIVE_LIB_PATH");
    TestModels.load(TestModels.model("lightgbm_auto_regression")).close();
    Path cache = io.kserve4j.core.runtime.NativeCacheDirs.root().resolve("lightgbm");
    try (java.util.stream.Stream<Path> files = Files.walk(cache)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains(".complete", "lib_lightgbm.so", "lib_lightgbm_swig.so")
          .noneMatch(name -> name.contains(".tmp-"));
    }
  }

  private String refused(Path path) {
    SpecValidationException e =
        catchThrowableOfType(SpecValidationException.class, () -> TestModels.load(path));
    assertThat(e).as("refused " + path).isNotNull();
    return String.valueOf(e.getMessage());
  }
}
