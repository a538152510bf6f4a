package io.kserve4j.jmh.gpu;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.gpu.Gpus;
import io.kserve4j.core.runtime.GpuSupport;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** What the GPU benchmarks share: the check that a GPU can be used, and GPU specs. */
final class CudaServices {
  private CudaServices() {}

  /**
   * Fails with the reason unless this JVM can run ONNX models on a CUDA GPU.
   *
   * @throws IllegalStateException naming what is missing (no GPU, no driver, which artifact)
   */
  static void requireGpu(String benchmark) {
    GpuInventory inventory = Gpus.inventory();
    GpuSupport support = GpuSupport.unavailable("kserve4j-onnxruntime is not on the class path");
    for (ServingRuntime r : ServiceLoader.load(ServingRuntime.class)) {
      if (r.name().equals("kserve4j-onnxruntime")) {
        support = r.gpuSupport();
      }
    }
    if (inventory.isEmpty() || !support.available()) {
      throw new IllegalStateException(
          benchmark
              + " runs on a CUDA GPU only, and this JVM has none: "
              + (inventory.isEmpty() ? inventory.absentReason() + "; " : "")
              + (support.available() ? "" : support.description() + "; ")
              + "run it on a GPU machine with the gpu profile's dependencies on the class path"
              + " (docs/gpu.md)");
    }
  }

  /** A predictor on one GPU serving {@code file}, with the component fields given in YAML. */
  static InferenceServiceResource spec(String name, Path file, String component) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: %s}
        spec:
          predictor:
            %s
            model:
              modelFormat: {name: onnx}
              storageUri: %s
              resources:
                limits: {nvidia.com/gpu: 1}
        """
            .formatted(name, component, file.toUri());
    return KServeYaml.read(yaml, name + ".yaml").inferenceServices().get(0);
  }

  /** The service, built. */
  static InferenceService build(InferenceServiceResource spec) {
    return InferenceService.builder().resource(spec).build();
  }
}
