package io.kserve4j.core.internal.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class GpuRequestTest {
  private static ModelSpec model(String resources) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: m}
        spec:
          predictor:
            model:
              modelFormat: {name: onnx}
              storageUri: file:///m.onnx
              resources: %s
        """
            .formatted(resources);
    ModelSpec m =
        KServeYaml.read(yaml, "test.yaml").inferenceServices().get(0).spec().predictor().model();
    return java.util.Objects.requireNonNull(m);
  }

  private static GpuRequest read(ModelSpec m, Map<String, String> annotations) {
    return read(m, annotations, false, null);
  }

  private static GpuRequest read(
      ModelSpec m, Map<String, String> annotations, boolean fallback, @Nullable CudaOptions java) {
    return GpuRequest.read("InferenceService 'm'", m, annotations, fallback, java);
  }

  @Test
  void limits_askForOneGpu_asKServeWritesIt() {
    assertThat(read(model("{limits: {nvidia.com/gpu: 1}}"), Map.of()).gpus()).isEqualTo(1);
    assertThat(read(model("{limits: {nvidia.com/gpu: \"1\", cpu: 2}}"), Map.of()).gpus())
        .isEqualTo(1);
    assertThat(read(model("{requests: {nvidia.com/gpu: 1}}"), Map.of()).gpus()).isEqualTo(1);
    assertThat(read(model("{limits: {nvidia.com/gpu: 0}}"), Map.of()).gpus()).isZero();
    assertThat(read(model("{limits: {cpu: 1, memory: 2Gi}}"), Map.of()).gpus()).isZero();
    assertThat(read(ModelSpec.of("onnx", "m.onnx"), Map.of()).gpus()).isZero();
  }

  @Test
  void fallback_fromTheAnnotationOrJava() {
    ModelSpec m = model("{limits: {nvidia.com/gpu: 1}}");

    assertThat(read(m, Map.of()).cpuFallback()).isFalse();
    assertThat(read(m, Map.of("serving.kserve4j.io/gpu-fallback", "cpu")).cpuFallback()).isTrue();
    assertThat(read(m, Map.of("serving.kserve4j.io/gpu-fallback", "none")).cpuFallback()).isFalse();
    assertThat(read(m, Map.of(), true, null).cpuFallback()).isTrue();
  }

  @Test
  void cudaOptions_annotationsUnderJava() {
    GpuRequest r =
        read(
            model("{limits: {nvidia.com/gpu: 1}}"),
            Map.of(
                "serving.kserve4j.io/cuda-tf32", "true", "serving.kserve4j.io/cuda-device-id", "1"),
            false,
            CudaOptions.builder().tf32(false).build());

    assertThat(r.cuda().toProviderOptions())
        .containsExactly(Map.entry("device_id", "1"), Map.entry("use_tf32", "0"));
  }

  @Test
  void badValues_areAllListed() {
    assertThatThrownBy(
            () ->
                read(
                    model("{limits: {nvidia.com/gpu: 2}}"),
                    Map.of(
                        "serving.kserve4j.io/gpu-fallback", "tpu",
                        "serving.kserve4j.io/cuda-tf32", "maybe")))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "InferenceService 'm' is invalid (3 problems):\n"
                + "  spec.predictor.model.resources.limits[nvidia.com/gpu] = 2: kserve4j runs a"
                + " replica's session on one GPU (ask for 1 GPU per replica, and for more replicas"
                + " (minReplicas) to use more GPUs)\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/gpu-fallback] = tpu: is not a"
                + " fallback (use cpu to serve on the CPU when no GPU can be used, or none (the"
                + " default))\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-tf32] = maybe: must be"
                + " true or false (write true or false)");
    assertThatThrownBy(() -> read(model("{limits: {nvidia.com/gpu: half}}"), Map.of()))
        .hasMessageContaining(
            "spec.predictor.model.resources.limits[nvidia.com/gpu] = half: must be a whole number"
                + " of GPUs (write e.g. 1, as Kubernetes counts nvidia.com/gpu)");
    assertThatThrownBy(() -> read(model("{requests: {nvidia.com/gpu: 0.5}}"), Map.of()))
        .hasMessageContaining("spec.predictor.model.resources.requests[nvidia.com/gpu] = 0.5");
  }
}
