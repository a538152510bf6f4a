package io.kserve4j.runtime.onnxruntime.internal;

import static io.kserve4j.core.testing.TensorAssertions.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.gpu.Gpus;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.testkit.LogCapture;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A predictor that asks for {@code nvidia.com/gpu} through InferenceService and the built-in ONNX
 * runtime: refused with the reason on a machine without GPU, served on the CPU when the fallback is
 * allowed, and on CUDA where a GPU and ONNX Runtime's CUDA build are present.
 */
class OnnxGpuServiceTest {
  private static final Path MLP = SharedModels.model("handmade_mlp");

  private static InferenceServiceResource gpuSpec(String annotations) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: mlp-gpu
          annotations: {%s}
        spec:
          predictor:
            model:
              modelFormat: {name: onnx}
              storageUri: %s
              resources:
                limits: {nvidia.com/gpu: 1}
        """
            .formatted(annotations, MLP.resolve("model.onnx").toUri());
    return KServeYaml.read(yaml, "mlp-gpu.yaml").inferenceServices().get(0);
  }

  private static Tensor input() {
    return TensorProtoReader.read(MLP.resolve("test_data_set_0/input_0.pb"));
  }

  private static Tensor expected() {
    return TensorProtoReader.read(MLP.resolve("test_data_set_0/output_0.pb"));
  }

  private static boolean gpuBuildOnClassPath() {
    return OnnxServingRuntimeTest.class.getClassLoader().getResource(OnnxCuda.BYTEDECO_DIR) != null
        || OnnxServingRuntimeTest.class
                .getClassLoader()
                .getResource(OnnxCuda.MICROSOFT_DIR + OnnxCuda.CUDA_PROVIDER)
            != null;
  }

  @Test
  void gpuSpec_onAMachineWithoutGpu_isNotBuilt_andTheMessageSaysWhy() {
    assumeTrue(!gpuBuildOnClassPath(), "a GPU build of ONNX Runtime is on the class path");
    assumeTrue(Gpus.inventory().isEmpty(), "this machine has a GPU");

    assertThatThrownBy(() -> InferenceService.builder().resource(gpuSpec("")).build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "InferenceService 'mlp-gpu' is invalid (1 problem):\n"
                + "  spec.predictor.model.resources.limits[nvidia.com/gpu] = 1: asks for a GPU,"
                + " but no ONNX Runtime build for CUDA is on the class path (for CUDA 13 add"
                + " org.bytedeco:onnxruntime:1.28.0-1.5.14 with classifier linux-x86_64-gpu; for"
                + " CUDA 12 replace com.microsoft.onnxruntime:onnxruntime with"
                + " com.microsoft.onnxruntime:onnxruntime_gpu:1.28.0); and "
                + Gpus.inventory().absentReason()
                + " (make a GPU usable, or allow serving on the CPU with the annotation"
                + " serving.kserve4j.io/gpu-fallback: cpu or"
                + " InferenceService.builder().allowCpuFallback(true))");
  }

  @Test
  void gpuSpec_withoutGpuDiscovery_namesItsArtifact() {
    GpuInventory inventory = Gpus.inventory();
    assumeTrue(
        inventory.isEmpty() && String.valueOf(inventory.absentReason()).contains("class path"),
        "kserve4j-cuda is on the class path");

    assertThatThrownBy(() -> InferenceService.builder().resource(gpuSpec("")).build())
        .hasMessageContaining(
            "no GPU discovery on the class path (add io.kserve4j:kserve4j-cuda, which reads the"
                + " CUDA runtime through javacpp's CUDA presets)");
  }

  @Test
  void cpuFallback_byAnnotation_servesOnTheCpu_withOneWarning() {
    GpuInventory inventory = Gpus.inventory();
    assumeTrue(inventory.isEmpty(), "this machine has a GPU");
    try (LogCapture log = LogCapture.of(InferenceService.class);
        InferenceService s =
            InferenceService.builder()
                .resource(gpuSpec("serving.kserve4j.io/gpu-fallback: cpu"))
                .build()) {
      InferResponse r = s.predict(InferRequest.of(input()));

      assertAllClose(expected(), r.outputs().get(0), 1e-4);
      assertThat(log.messages(Level.WARNING)).hasSize(1);
      assertThat(log.messages(Level.WARNING).get(0))
          .startsWith("InferenceService mlp-gpu: asks for 1 nvidia.com/gpu, but ")
          .contains(String.valueOf(inventory.absentReason()))
          .endsWith("; serving on the CPU (the CPU fallback is allowed)");
      assertThat(s.status().replicaDevices()).containsExactly("cpu");
      assertThat(s.metadata().parameters()).containsEntry("device", "cpu");
    }
  }

  @Test
  void cpuFallback_byTheBuilder_servesOnTheCpu() {
    assumeTrue(Gpus.inventory().isEmpty(), "this machine has a GPU");
    try (LogCapture log = LogCapture.of(InferenceService.class);
        InferenceService s =
            InferenceService.builder().resource(gpuSpec("")).allowCpuFallback(true).build()) {
      assertAllClose(expected(), s.predict(InferRequest.of(input())).outputs().get(0), 1e-4);
      assertThat(log.messages(Level.WARNING)).hasSize(1);
    }
  }

  /** Runs only where a GPU, its driver, the CUDA presets and ONNX Runtime's CUDA build exist. */
  @Test
  void onAGpuMachine_predictsOnCuda_asOnTheCpu() {
    GpuInventory inventory = Gpus.inventory();
    assumeTrue(!inventory.isEmpty(), () -> "no GPU: " + inventory.absentReason());
    assumeTrue(
        new OnnxServingRuntime().gpuSupport().available(),
        () -> new OnnxServingRuntime().gpuSupport().description());
    OnnxRuntimeOptions everyNodeOnCuda =
        OnnxRuntimeOptions.builder()
            .customizer(o -> o.addConfigEntry("session.disable_cpu_ep_fallback", "1"))
            .build();
    try (InferenceService s =
        InferenceService.builder()
            .resource(gpuSpec(""))
            .runtimeOptions(everyNodeOnCuda)
            .runtimeOptions(CudaOptions.builder().tf32(false).build())
            .build()) {
      assertAllClose(expected(), s.predict(InferRequest.of(input())).outputs().get(0), 1e-4);
      assertThat(s.status().replicaDevices()).containsExactly("cuda:0");
      assertThat(s.metadata().parameters()).containsEntry("device", "cuda:0");
    }
  }
}
