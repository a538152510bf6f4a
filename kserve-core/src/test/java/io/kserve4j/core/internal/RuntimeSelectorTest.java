package io.kserve4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelFormat;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.ServingRuntimeSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RuntimeSelectorTest {
  /** A runtime that only declares formats; selection never loads. */
  private record Declared(
      String name, List<SupportedModelFormat> supportedModelFormats, List<String> protocolVersions)
      implements ServingRuntime {
    @Override
    public Model load(ModelContext context) {
      throw new UnsupportedOperationException();
    }
  }

  /** A runtime that loads the files whose names end with {@code suffix}. */
  private record Loads(String name, String suffix, SupportedModelFormat... formats)
      implements ServingRuntime {
    @Override
    public List<SupportedModelFormat> supportedModelFormats() {
      return List.of(formats);
    }

    @Override
    public boolean canLoad(Path artifact) {
      return artifact.toString().endsWith(suffix);
    }

    @Override
    public Model load(ModelContext context) {
      throw new UnsupportedOperationException();
    }
  }

  private static final ServingRuntime TREES_ONNX =
      new Loads("kserve4j-onnxruntime", ".onnx", auto("xgboost", "2", 1), auto("onnx", "1", 1));
  private static final ServingRuntime XGB =
      new Loads(
          "kserve4j-xgboost",
          ".json",
          auto("xgboost", "1", 1),
          auto("xgboost", "2", 1),
          auto("xgboost", "3", 1));

  private static SupportedModelFormat auto(
      String name, @Nullable String version, @Nullable Integer priority) {
    return new SupportedModelFormat(name, version, true, priority);
  }

  private static final ServingRuntime ONNX =
      new Declared(
          "rt-onnx", List.of(auto("onnx", "1", 1), auto("sklearn", "1", 1)), List.of("v1", "v2"));
  private static final ServingRuntime SKLEARN_V2 =
      new Declared("rt-sklearn-v2", List.of(auto("sklearn", "1", 2)), List.of("v2"));
  private static final ServingRuntime MANUAL =
      new Declared(
          "rt-manual",
          List.of(new SupportedModelFormat("sklearn", "1", false, 3)),
          List.of("v1", "v2"));

  private static ModelSpec model(
      String format,
      @Nullable String version,
      @Nullable String protocol,
      @Nullable String runtime) {
    return new ModelSpec(
        new ModelFormat(format, version), runtime, null, protocol, "x", null, Map.of());
  }

  private static ServingRuntimeResource yamlRuntime(
      String kind,
      String name,
      @Nullable String namespace,
      Map<String, String> annotations,
      boolean disabled,
      SupportedModelFormat... formats) {
    return new ServingRuntimeResource(
        ServingRuntimeResource.API_VERSION,
        kind,
        new ObjectMeta(name, namespace, Map.of(), annotations, Map.of()),
        new ServingRuntimeSpec(List.of(formats), List.of("v1", "v2"), false, disabled, Map.of()),
        Map.of());
  }

  private static RuntimeSelector selector(List<ServingRuntimeResource> declared) {
    return new RuntimeSelector(List.of(ONNX, SKLEARN_V2, MANUAL), declared);
  }

  @Test
  void auto_byFormatAndProtocol_thenPriority() {
    assertThat(
            selector(List.of())
                .select("s", "default", model("sklearn", null, null, null))
                .runtimeName())
        .isEqualTo("rt-onnx");
    // v2: both speak it, priority 2 beats 1; the non-autoSelect runtime never competes.
    assertThat(
            selector(List.of())
                .select("s", "default", model("sklearn", null, "v2", null))
                .runtimeName())
        .isEqualTo("rt-sklearn-v2");
  }

  @Test
  void versions_areExactStrings() {
    assertThat(
            selector(List.of())
                .select("s", "default", model("sklearn", "1", null, null))
                .runtimeName())
        .isEqualTo("rt-onnx");
    assertThatThrownBy(
            () -> selector(List.of()).select("s", "default", model("sklearn", "1.0", null, null)))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(
            "spec.predictor.model.modelFormat = sklearn:1.0: no enabled runtime auto-selects"
                + " this format and version over protocol v1 (NoSupportingRuntime)")
        .hasMessageContaining("formats on offer: [onnx:1, sklearn:1]");
  }

  @Test
  void explicitRuntime_winsOverPriority_andIgnoresAutoSelect() {
    assertThat(
            selector(List.of())
                .select("s", "default", model("sklearn", null, null, "rt-manual"))
                .runtime())
        .isSameAs(MANUAL);
  }

  @Test
  void explicitRuntime_unknownDisabledOrUnsupported_isRefusedWithKServesReason() {
    assertThatThrownBy(
            () -> selector(List.of()).select("s", "default", model("onnx", null, null, "nope")))
        .hasMessageContaining(
            "spec.predictor.model.runtime = nope: no ServingRuntime or ClusterServingRuntime"
                + " has this name (RuntimeNotRecognized)");
    ServingRuntimeResource off =
        yamlRuntime("ServingRuntime", "off", null, Map.of(), true, auto("onnx", null, 1));
    assertThatThrownBy(
            () -> selector(List.of(off)).select("s", "default", model("onnx", null, null, "off")))
        .hasMessageContaining("the runtime is disabled (RuntimeDisabled)");
    assertThatThrownBy(
            () ->
                selector(List.of())
                    .select("s", "default", model("onnx", null, null, "rt-sklearn-v2")))
        .hasMessageContaining(
            "the runtime does not support modelFormat onnx with protocol v1 (NoSupportingRuntime)");
  }

  @Test
  void namespaceRuntimes_precedeClusterRuntimes_evenWithLowerPriority() {
    ServingRuntimeResource ns =
        yamlRuntime(
            "ServingRuntime",
            "my-onnx",
            "default",
            Map.of(RuntimeSelector.IMPLEMENTATION_ANNOTATION, "rt-onnx"),
            false,
            auto("onnx", null, 1));
    ServingRuntimeResource otherNs =
        yamlRuntime(
            "ServingRuntime",
            "their-onnx",
            "team-b",
            Map.of(RuntimeSelector.IMPLEMENTATION_ANNOTATION, "rt-onnx"),
            false,
            auto("onnx", null, 9));
    RuntimeSelector.Selection s =
        selector(List.of(ns, otherNs)).select("s", "default", model("onnx", null, null, null));
    assertThat(s.runtimeName()).isEqualTo("my-onnx");
    assertThat(s.clusterScoped()).isFalse();
    assertThat(s.runtime()).isSameAs(ONNX);
  }

  @Test
  void yamlRuntime_withoutAnImplementation_saysWhichAnnotationToSet() {
    ServingRuntimeResource csr =
        yamlRuntime(
            "ClusterServingRuntime", "triton", null, Map.of(), false, auto("tensorflow", null, 1));
    assertThatThrownBy(
            () ->
                selector(List.of(csr))
                    .select("s", "default", model("tensorflow", null, null, null)))
        .hasMessageContaining(
            "ClusterServingRuntime 'triton' = triton: was selected but no runtime in this JVM"
                + " implements it (annotate the runtime with serving.kserve4j.io/runtime: <one of [rt-onnx,"
                + " rt-sklearn-v2, rt-manual]>");
  }

  @Test
  void kserveShippedRuntimeNames_selectAmongTheBuiltIns() {
    assertThat(
            selector(List.of())
                .select("s", "default", model("sklearn", null, null, "kserve-sklearnserver"))
                .runtime())
        .isSameAs(ONNX);
  }

  @Test
  void severalRuntimesForOneFormat_theModelsFilesDecide() {
    RuntimeSelector both = new RuntimeSelector(List.of(TREES_ONNX, XGB), List.of());
    ModelSpec xgboost = model("xgboost", null, null, null);
    // Same priority and protocols: KServe's order puts kserve4j-onnxruntime first (by name).
    assertThat(both.select("s", "default", xgboost, () -> Path.of("/m/model.onnx")).runtime())
        .isSameAs(TREES_ONNX);
    assertThat(both.select("s", "default", xgboost, () -> Path.of("/m/model.json")).runtime())
        .isSameAs(XGB);
    // Nobody loads it: KServe's first, whose load says what is wrong.
    assertThat(both.select("s", "default", xgboost, () -> Path.of("/m/notes.txt")).runtime())
        .isSameAs(TREES_ONNX);
    // Unknown files: KServe's first, and the artifact is never asked for with one candidate.
    assertThat(both.select("s", "default", xgboost).runtime()).isSameAs(TREES_ONNX);
    assertThat(
            both.select(
                    "s",
                    "default",
                    model("xgboost", "3", null, null),
                    () -> {
                      throw new AssertionError("one candidate: no need to look at the files");
                    })
                .runtime())
        .isSameAs(XGB);
  }

  @Test
  void explicitRuntimeOfTheUser_isNeverSecondGuessedByTheFiles() {
    RuntimeSelector both = new RuntimeSelector(List.of(TREES_ONNX, XGB), List.of());
    assertThat(
            both.select(
                    "s",
                    "default",
                    model("xgboost", null, null, "kserve4j-onnxruntime"),
                    () -> Path.of("/m/model.json"))
                .runtime())
        .isSameAs(TREES_ONNX);
  }

  @Test
  void kserveXgbserver_selectsItsCounterpartFirst_andAnOnnxFileStillGoesToOnnx() {
    RuntimeSelector both = new RuntimeSelector(List.of(TREES_ONNX, XGB), List.of());
    ModelSpec named = model("xgboost", null, null, "kserve-xgbserver");
    assertThat(both.select("s", "default", named, () -> Path.of("/m/model.json")).runtime())
        .isSameAs(XGB);
    assertThat(both.select("s", "default", named).runtime()).isSameAs(XGB);
    assertThat(both.select("s", "default", named, () -> Path.of("/m/model.onnx")).runtime())
        .isSameAs(TREES_ONNX);
  }

  @Test
  void kserveShippedRuntimeNames_areCheckedAsKServeChecksAnExplicitRuntime() {
    RuntimeSelector both = new RuntimeSelector(List.of(TREES_ONNX, XGB), List.of());
    // kserve-xgbserver serves xgboost:2 over v1 and v2 only.
    assertThatThrownBy(
            () -> both.select("s", "default", model("xgboost", "3", null, "kserve-xgbserver")))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(
            "spec.predictor.model.runtime = kserve-xgbserver: KServe's kserve-xgbserver does not"
                + " support modelFormat xgboost:3 with protocol v1 (NoSupportingRuntime)")
        .hasMessageContaining("it serves [xgboost:2] over [v1, v2]");
    assertThatThrownBy(
            () ->
                both.select("s", "default", model("xgboost", null, "grpc-v2", "kserve-xgbserver")))
        .hasMessageContaining("with protocol grpc-v2 (NoSupportingRuntime)");
    assertThatThrownBy(
            () -> both.select("s", "default", model("lightgbm", null, null, "kserve-xgbserver")))
        .hasMessageContaining("does not support modelFormat lightgbm");
  }

  @Test
  void aFormatNoRuntimeOnTheClassPathDeclares_namesTheArtifactToAdd() {
    RuntimeSelector onnxOnly = new RuntimeSelector(List.of(ONNX), List.of());
    assertThatThrownBy(() -> onnxOnly.select("s", "default", model("lightgbm", null, null, null)))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(
            "spec.predictor.model.modelFormat = lightgbm: no enabled runtime auto-selects this"
                + " format and version over protocol v1 (NoSupportingRuntime)")
        .hasMessageContaining(
            "modelFormat lightgbm needs the artifact io.kserve4j:kserve4j-lightgbm (LightGBM's"
                + " text model (model.txt)): add it to the class path");
    assertThatThrownBy(
            () -> onnxOnly.select("s", "default", model("xgboost", null, null, "kserve-xgbserver")))
        .hasMessageContaining(
            "KServe's runtime 'kserve-xgbserver' has no in-JVM counterpart for this format"
                + " (NoSupportingRuntime)")
        .hasMessageContaining(
            "modelFormat xgboost needs the artifact io.kserve4j:kserve4j-xgboost");
  }
}
