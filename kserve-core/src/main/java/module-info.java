/**
 * kserve4j core: {@code InferenceService} (a router over revisions) with its interceptors and call
 * context, the {@code ModelServer}, KServe's spec records and YAML, the runtime SPI with the plain
 * Java runtime, the storage SPI with local, {@code classpath:} and {@code pvc://} storage, GPU
 * placement, and JUnit 5 support. No engine and no wire: runtimes and servers are artifacts of
 * their own.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.core {
  requires transitive io.kserve4j.protocol;
  requires transitive io.kserve4j.autoscale;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;
  requires static org.junit.jupiter.api;
  requires static org.opentest4j;

  exports io.kserve4j.core;
  exports io.kserve4j.core.spec;
  exports io.kserve4j.core.runtime;
  exports io.kserve4j.core.storage;
  exports io.kserve4j.core.gpu;
  exports io.kserve4j.core.testing;

  uses io.kserve4j.core.runtime.ServingRuntime;
  uses io.kserve4j.core.gpu.GpuDiscovery;
  uses io.kserve4j.core.storage.StorageProvider;

  provides io.kserve4j.core.runtime.ServingRuntime with
      io.kserve4j.core.internal.JavaServingRuntime;
}
