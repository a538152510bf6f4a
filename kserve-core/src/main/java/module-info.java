/**
 * kserve4j core: {@code InferenceService}, its components, the {@code ModelServer}, KServe's spec
 * records and YAML, the runtime SPI with ONNX Runtime and plain Java runtimes, and JUnit 5 support.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.core {
  requires transitive io.kserve4j.protocol;
  requires transitive com.microsoft.onnxruntime;
  requires transitive io.kserve4j.autoscale;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;
  requires static org.junit.jupiter.api;

  exports io.kserve4j.core;
  exports io.kserve4j.core.spec;
  exports io.kserve4j.core.runtime;
  exports io.kserve4j.core.gpu;
  exports io.kserve4j.core.testing;

  uses io.kserve4j.core.runtime.ServingRuntime;

  provides io.kserve4j.core.runtime.ServingRuntime with
      io.kserve4j.core.internal.onnx.OnnxServingRuntime,
      io.kserve4j.core.internal.JavaServingRuntime;
}
