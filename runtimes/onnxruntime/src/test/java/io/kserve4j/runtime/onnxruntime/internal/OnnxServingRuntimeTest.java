package io.kserve4j.runtime.onnxruntime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelFormat;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link OnnxServingRuntime} finds, refuses and loads model files. */
class OnnxServingRuntimeTest {
  @TempDir Path tmp = Path.of("unset");

  private final OnnxServingRuntime runtime = new OnnxServingRuntime();

  @Test
  void describesItself_asKServeWould() {
    assertThat(runtime.name()).isEqualTo("kserve4j-onnxruntime");
    assertThat(runtime.supportedModelFormats())
        .containsExactly(
            new SupportedModelFormat("onnx", "1", true, 1),
            new SupportedModelFormat("sklearn", "1", true, 1),
            new SupportedModelFormat("xgboost", "2", true, 1),
            new SupportedModelFormat("lightgbm", "4", true, 1),
            new SupportedModelFormat("pytorch", "1", true, 1));
    assertThat(runtime.protocolVersions()).contains("v2");
  }

  @Test
  void serviceLoader_findsIt() {
    List<String> names = new ArrayList<>();
    for (ServingRuntime r : ServiceLoader.load(ServingRuntime.class)) {
      names.add(r.name());
    }
    assertThat(names).contains("kserve4j-onnxruntime");
  }

  @Test
  void load_aFile_andAFolder_andASubfolder() throws IOException {
    Path shared = SharedModels.model("handmade_mlp").resolve("model.onnx");
    try (Model m = SharedModels.load("file", shared)) {
      assertThat(m.metadata().name()).isEqualTo("file");
    }
    Path nested = Files.createDirectories(tmp.resolve("repo/1"));
    Files.copy(shared, nested.resolve("model.onnx"));
    Files.writeString(tmp.resolve("repo/config.pbtxt"), "name: \"mlp\"");
    try (Model m = SharedModels.load("nested", tmp.resolve("repo"))) {
      assertThat(m.predict(InferRequest.of("input", new float[4], 1, 4)).outputs()).hasSize(1);
    }
  }

  @Test
  void load_withoutModelPath_saysStorageUriIsRequired() {
    SpecValidationException e =
        catchThrowableOfType(
            SpecValidationException.class,
            () ->
                runtime.load(
                    new ModelContext(
                        "iris",
                        new ModelSpec(
                            ModelFormat.of("sklearn"), null, null, null, null, null, Map.of()),
                        null,
                        Map.of(),
                        List.of())));
    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("InferenceService 'iris'")
        .contains("spec.predictor.model.storageUri = <unset>: is required");
  }

  @Test
  void load_twoOnnxFiles_namesBoth_andSaysToPointAtOne() throws IOException {
    Path shared = SharedModels.model("handmade_mlp").resolve("model.onnx");
    Files.copy(shared, tmp.resolve("a.onnx"));
    Files.createDirectories(tmp.resolve("sub"));
    Files.copy(shared, tmp.resolve("sub/b.ONNX"));
    SpecValidationException e = refused(tmp);
    assertThat(e.getMessage())
        .contains("holds 2 ONNX models [a.onnx, sub/b.ONNX]")
        .contains("point storageUri at one file");
  }

  @Test
  void load_pickle_explainsSkl2onnx() throws IOException {
    Files.write(tmp.resolve("model.joblib"), new byte[] {(byte) 0x80, 4});
    assertThat(refused(tmp).getMessage())
        .contains("holds no .onnx file, only [model.joblib]")
        .contains("sklearn pickles (.pkl, .joblib, .pickle) cannot run in the JVM")
        .contains(
            "convert_sklearn(model, initial_types=[(\"float_input\", FloatTensorType([None, n]))])")
        .contains("model.onnx");
  }

  @Test
  void load_pickleFile_pointedAtDirectly_explainsSkl2onnx() throws IOException {
    Path pkl = Files.write(tmp.resolve("model.pkl"), new byte[] {(byte) 0x80, 4});
    assertThat(refused(pkl).getMessage())
        .contains("is model.pkl, not an ONNX model")
        .contains("skl2onnx");
  }

  @Test
  void load_xgboostLightgbmAndPytorch_explainTheirConverters() throws IOException {
    Path xgb = Files.createDirectories(tmp.resolve("xgb"));
    Files.copy(
        SharedModels.model("xgboost_iris_multinomial").resolve("model.json"),
        xgb.resolve("model.json"));
    assertThat(refused(xgb).getMessage())
        .contains("add the artifact io.kserve4j:kserve4j-xgboost to serve them as they are")
        .contains("onnxmltools.convert_xgboost(");

    Path lgbm = Files.createDirectories(tmp.resolve("lgbm"));
    Files.copy(
        SharedModels.model("lightgbm_iris_classification_na").resolve("model.txt"),
        lgbm.resolve("model.txt"));
    assertThat(refused(lgbm).getMessage())
        .contains("add the artifact io.kserve4j:kserve4j-lightgbm to serve them as they are")
        .contains("onnxmltools.convert_lightgbm(");

    // KServe's lgbserver loads LightGBM text saved as model.bst: that is LightGBM, not XGBoost.
    Path lgbmBst = Files.createDirectories(tmp.resolve("lgbm-bst"));
    Files.copy(
        SharedModels.model("lightgbm_iris_classification_na").resolve("model.txt"),
        lgbmBst.resolve("model.bst"));
    assertThat(refused(lgbmBst).getMessage()).contains("kserve4j-lightgbm");

    Path torch = Files.createDirectories(tmp.resolve("torch"));
    Files.copy(
        SharedModels.model("torchscript_mlp").resolve("model.pt"), torch.resolve("model.pt"));
    assertThat(refused(torch).getMessage()).contains("torch.onnx.export(model, example_input");
  }

  @Test
  void canLoad_onnxFilesAndFoldersWithOne_notOtherFrameworksFiles() throws IOException {
    OnnxServingRuntime runtime = new OnnxServingRuntime();
    Path mlp = SharedModels.model("handmade_mlp");
    assertThat(runtime.canLoad(mlp)).isTrue();
    assertThat(runtime.canLoad(mlp.resolve("model.onnx"))).isTrue();
    Path xgb = SharedModels.model("xgboost_iris_multinomial");
    assertThat(runtime.canLoad(xgb)).isFalse();
    assertThat(runtime.canLoad(xgb.resolve("model.json"))).isFalse();
    assertThat(runtime.canLoad(xgb.resolve("model.ubj"))).isFalse();
    assertThat(runtime.canLoad(SharedModels.model("lightgbm_auto_regression"))).isFalse();
    assertThat(runtime.canLoad(tmp)).isFalse();
    assertThat(runtime.canLoad(tmp.resolve("nope"))).isFalse();
  }

  @Test
  void load_folderWithNothingServable_listsWhatItFound() throws IOException {
    assertThat(refused(tmp).getMessage()).contains("is an empty folder");
    Files.writeString(tmp.resolve("README.md"), "hello");
    Files.writeString(tmp.resolve("notes.txt"), "not a LightGBM model");
    Files.writeString(tmp.resolve("config.json"), "{\"architectures\": []}");
    assertThat(refused(tmp).getMessage())
        .contains("holds no .onnx file (found [README.md, config.json, notes.txt])")
        .contains("put the model there as model.onnx");
  }

  @Test
  void load_missingPath_saysItDoesNotExist() {
    assertThat(refused(tmp.resolve("nope")).getMessage()).contains("which does not exist");
  }

  @Test
  void load_corruptFile_isModelFailure_withOrtsMessage() throws IOException {
    Path bad =
        Files.write(
            tmp.resolve("model.onnx"), "this is not protobuf".getBytes(StandardCharsets.UTF_8));
    ModelFailureException e =
        catchThrowableOfType(ModelFailureException.class, () -> SharedModels.load("bad", tmp));
    assertThat(e).isNotNull();
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.getMessage())
        .startsWith("model 'bad': ONNX Runtime could not load " + bad + ": ")
        .containsIgnoringCase("protobuf");
  }

  @Test
  void load_usesTheOnnxRuntimeOptionsInTheContext() {
    AtomicInteger customized = new AtomicInteger();
    OnnxRuntimeOptions options =
        OnnxRuntimeOptions.builder()
            .intraOpThreads(2)
            .customizer(o -> customized.incrementAndGet())
            .build();
    Path dir = SharedModels.model("handmade_mlp");
    try (Model m =
        runtime.load(
            new ModelContext(
                "mlp",
                ModelSpec.of("onnx", dir.toUri().toString()),
                dir,
                Map.of(),
                List.of(CudaOptions.ofDefaults(), options)))) {
      assertThat(m.predict(InferRequest.of("input", new float[4], 1, 4)).outputs()).hasSize(1);
    }
    assertThat(customized).hasValue(1);
  }

  private SpecValidationException refused(Path path) {
    SpecValidationException e =
        catchThrowableOfType(SpecValidationException.class, () -> SharedModels.load("svc", path));
    assertThat(e).as("loading %s must be refused", path).isNotNull();
    assertThat(e.getMessage())
        .startsWith("InferenceService 'svc' is invalid (1 problem):")
        .contains("spec.predictor.model.storageUri = " + path.toUri());
    return e;
  }
}
