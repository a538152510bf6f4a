package io.kserve4j.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.runtime.CudaOptions.ArenaExtendStrategy;
import io.kserve4j.core.runtime.CudaOptions.ConvAlgoSearch;
import io.kserve4j.core.spec.SpecValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaOptionsTest {
  private static final String P = "spec.predictor.annotations";

  @Test
  void annotations_mapToOrtOptionNames() {
    CudaOptions o =
        CudaOptions.fromAnnotations(
            "InferenceService 'm'",
            P,
            Map.of(
                "serving.kserve4j.io/cuda-device-id", "1",
                "serving.kserve4j.io/cuda-memory-limit", "4Gi",
                "serving.kserve4j.io/cuda-arena-strategy", "kSameAsRequested",
                "serving.kserve4j.io/cudnn-conv-algo-search", "heuristic",
                "serving.kserve4j.io/cuda-tf32", "false",
                "serving.kserve.io/deploymentMode", "Standard"));

    assertThat(o.toProviderOptions())
        .containsExactly(
            Map.entry("device_id", "1"),
            Map.entry("gpu_mem_limit", Long.toString(4L << 30)),
            Map.entry("arena_extend_strategy", "kSameAsRequested"),
            Map.entry("cudnn_conv_algo_search", "HEURISTIC"),
            Map.entry("use_tf32", "0"));
    assertThat(o.deviceId()).isEqualTo(1);
    assertThat(o.arenaExtendStrategy()).isEqualTo(ArenaExtendStrategy.SAME_AS_REQUESTED);
    assertThat(o.cudnnConvAlgoSearch()).isEqualTo(ConvAlgoSearch.HEURISTIC);
    assertThat(o.tf32()).isFalse();
  }

  @Test
  void noAnnotations_leaveEveryOptionToOnnxRuntime() {
    CudaOptions o = CudaOptions.fromAnnotations("s", P, Map.of());

    assertThat(o.toProviderOptions()).isEmpty();
    assertThat(o).isEqualTo(CudaOptions.ofDefaults());
  }

  @Test
  void quantities() {
    assertThat(CudaOptions.parseQuantity("512Mi")).isEqualTo(512L << 20);
    assertThat(CudaOptions.parseQuantity("1.5Gi")).isEqualTo(3L << 29);
    assertThat(CudaOptions.parseQuantity("2G")).isEqualTo(2_000_000_000L);
    assertThat(CudaOptions.parseQuantity("1500000")).isEqualTo(1_500_000L);
    assertThat(CudaOptions.parseQuantity("4 GB")).isEqualTo(-1);
    assertThat(CudaOptions.parseQuantity("-1Gi")).isEqualTo(-1);
  }

  @Test
  void badValues_areAllListed_withTheFix() {
    assertThatThrownBy(
            () ->
                CudaOptions.fromAnnotations(
                    "InferenceService 'm'",
                    P,
                    new java.util.TreeMap<>(
                        Map.of(
                            "serving.kserve4j.io/cuda-device-id", "-1",
                            "serving.kserve4j.io/cuda-memory-limit", "lots",
                            "serving.kserve4j.io/cuda-arena-strategy", "grow",
                            "serving.kserve4j.io/cudnn-conv-algo-search", "fast",
                            "serving.kserve4j.io/cuda-tf32", "yes"))))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "InferenceService 'm' is invalid (5 problems):\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-device-id] = -1: must be a"
                + " device index >= 0 (write e.g. 0)\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-memory-limit] = lots: must"
                + " be a positive amount of memory (write bytes or a quantity such as 4Gi or"
                + " 512Mi)\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-arena-strategy] = grow: is"
                + " not an arena extend strategy (use kNextPowerOfTwo or kSameAsRequested)\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cudnn-conv-algo-search] = fast:"
                + " is not a cuDNN algorithm search (use EXHAUSTIVE, HEURISTIC or DEFAULT)\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-tf32] = yes: must be true"
                + " or false (write true or false)");
  }

  @Test
  void javaOptions_winFieldByField() {
    CudaOptions annotated =
        CudaOptions.fromAnnotations(
            "s",
            P,
            Map.of(
                "serving.kserve4j.io/cuda-memory-limit", "1Gi",
                "serving.kserve4j.io/cuda-tf32", "true"));
    CudaOptions java = CudaOptions.builder().tf32(false).deviceId(0).build();

    assertThat(annotated.overriddenBy(java).toProviderOptions())
        .containsExactly(
            Map.entry("device_id", "0"),
            Map.entry("gpu_mem_limit", Long.toString(1L << 30)),
            Map.entry("use_tf32", "0"));
  }

  @Test
  void builder_refusesImpossibleValues() {
    assertThatThrownBy(() -> CudaOptions.builder().memoryLimit(0))
        .hasMessage("memoryLimit = 0: must be > 0");
    assertThatThrownBy(() -> CudaOptions.builder().deviceId(-2))
        .hasMessage("deviceId = -2: must be >= 0");
  }
}
