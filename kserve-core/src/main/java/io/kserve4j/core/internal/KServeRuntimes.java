package io.kserve4j.core.internal;

import io.kserve4j.core.spec.ServingRuntimeSpec;
import io.kserve4j.core.spec.SupportedModelFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What kserve4j knows of KServe's own runtimes: the ClusterServingRuntimes KServe installs (their
 * formats with version, autoSelect and priority, and their protocols, KSERVE-FACTS §b3), the
 * built-in runtime that stands for each of them in a JVM, and the artifact that brings the runtime
 * for each model format.
 *
 * <p>A spec that names one of KServe's runtimes ({@code runtime: kserve-xgbserver}) is checked
 * against that runtime's formats and protocols as KServe checks an explicit runtime, then served by
 * the built-ins on the class path, the runtime's counterpart first.
 */
final class KServeRuntimes {
  /** One of KServe's ClusterServingRuntimes and, per format, its counterpart in a JVM. */
  record Shipped(String name, ServingRuntimeSpec spec, Map<String, String> counterparts) {
    /** The built-in runtime that stands for this one for {@code format}, or {@code null}. */
    @Nullable String counterpart(String format) {
      return counterparts.get(format);
    }
  }

  /** The artifact that brings the runtime for a format, and what it expects of the model. */
  record FormatArtifact(String artifact, String note) {}

  static final String ONNX_RUNTIME = "kserve4j-onnxruntime";
  static final String XGBOOST = "kserve4j-xgboost";
  static final String LIGHTGBM = "kserve4j-lightgbm";

  private static final Map<String, FormatArtifact> ARTIFACTS =
      Map.of(
          "onnx",
          new FormatArtifact("io.kserve4j:kserve4j-onnxruntime", "ONNX models"),
          "xgboost",
          new FormatArtifact(
              "io.kserve4j:kserve4j-xgboost", "XGBoost's model.json, model.ubj or model.bst"),
          "lightgbm",
          new FormatArtifact("io.kserve4j:kserve4j-lightgbm", "LightGBM's text model (model.txt)"),
          "sklearn",
          new FormatArtifact(
              "io.kserve4j:kserve4j-onnxruntime", "scikit-learn models exported to ONNX"),
          "pytorch",
          new FormatArtifact(
              "io.kserve4j:kserve4j-onnxruntime", "PyTorch models exported to ONNX"));

  private static final Map<String, Shipped> SHIPPED = shipped();

  private KServeRuntimes() {}

  /** KServe's runtime called {@code name}, or {@code null} when KServe ships none of that name. */
  static @Nullable Shipped shipped(String name) {
    return SHIPPED.get(name);
  }

  /** The artifact that serves {@code format} in a JVM, or {@code null} when none does. */
  static @Nullable FormatArtifact artifactFor(String format) {
    return ARTIFACTS.get(format);
  }

  private static Map<String, Shipped> shipped() {
    List<String> v1v2 = List.of("v1", "v2");
    Map<String, String> trees =
        Map.of("sklearn", ONNX_RUNTIME, "xgboost", XGBOOST, "lightgbm", LIGHTGBM);
    Map<String, Shipped> m = new LinkedHashMap<>();
    add(m, "kserve-sklearnserver", v1v2, Map.of("sklearn", ONNX_RUNTIME), f("sklearn", "1", 1));
    add(m, "kserve-xgbserver", v1v2, Map.of("xgboost", XGBOOST), f("xgboost", "2", 1));
    add(m, "kserve-lgbserver", v1v2, Map.of("lightgbm", LIGHTGBM), f("lightgbm", "4", 1));
    add(
        m,
        "kserve-mlserver",
        List.of("v2"),
        trees,
        f("sklearn", "0", 2),
        f("sklearn", "1", 2),
        f("xgboost", "1", 2),
        f("xgboost", "2", 2),
        f("lightgbm", "3", 2),
        f("lightgbm", "4", 2),
        f("mlflow", "1", 1),
        f("mlflow", "2", 1));
    add(
        m,
        "kserve-predictiveserver",
        v1v2,
        trees,
        manual("sklearn", "1", 3),
        manual("xgboost", "2", 3),
        manual("lightgbm", "4", 3));
    add(
        m,
        "kserve-tensorflow-serving",
        List.of("v1", "grpc-v1"),
        Map.of(),
        f("tensorflow", "1", 2),
        f("tensorflow", "2", 2));
    add(
        m,
        "kserve-torchserve",
        List.of("v1", "v2", "grpc-v2"),
        Map.of("pytorch", ONNX_RUNTIME),
        f("pytorch", "1", 2));
    add(
        m,
        "kserve-tritonserver",
        List.of("v2", "grpc-v2"),
        Map.of("onnx", ONNX_RUNTIME, "pytorch", ONNX_RUNTIME),
        f("tensorrt", "8", 1),
        f("tensorflow", "1", 1),
        f("tensorflow", "2", 1),
        f("onnx", "1", 1),
        new SupportedModelFormat("pytorch", "1", null, null),
        f("triton", "2", 1));
    add(m, "kserve-pmmlserver", v1v2, Map.of(), f("pmml", "3", 1), f("pmml", "4", 1));
    add(m, "kserve-paddleserver", v1v2, Map.of(), f("paddle", "2", 1));
    add(m, "kserve-autogluonserver", v1v2, Map.of(), f("autogluon", "1", 1));
    add(m, "kserve-huggingfaceserver", List.of("v2", "v1"), Map.of(), f("huggingface", "1", 1));
    add(
        m,
        "kserve-huggingfaceserver-multinode",
        List.of("v2", "v1"),
        Map.of(),
        f("huggingface", "1", 2));
    add(m, "kserve-vllmserver", List.of(), Map.of(), f("vLLM", "1", 1));
    add(
        m,
        "kserve-openvino",
        List.of("v1", "v2", "grpc-v2"),
        Map.of("onnx", ONNX_RUNTIME),
        f("openvino", "10", 1),
        f("onnx", "1", 2),
        f("tensorflow", "1", 3),
        new SupportedModelFormat("huggingface", null, true, null));
    return Map.copyOf(m);
  }

  private static void add(
      Map<String, Shipped> m,
      String name,
      List<String> protocols,
      Map<String, String> counterparts,
      SupportedModelFormat... formats) {
    m.put(
        name,
        new Shipped(
            name,
            new ServingRuntimeSpec(List.of(formats), protocols, false, false, Map.of()),
            counterparts));
  }

  private static SupportedModelFormat f(String name, String version, int priority) {
    return new SupportedModelFormat(name, version, true, priority);
  }

  private static SupportedModelFormat manual(String name, String version, int priority) {
    return new SupportedModelFormat(name, version, false, priority);
  }
}
