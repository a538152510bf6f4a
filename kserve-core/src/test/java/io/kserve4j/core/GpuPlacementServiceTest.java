package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.GpuSupport;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Replicas of a GPU predictor placed on fake devices, through InferenceService. */
class GpuPlacementServiceTest {
  private static final long GIB = 1L << 30;

  /** Three fake devices: 40, 20 and 70 GiB free of 80. */
  private static final GpuDiscovery THREE_GPUS =
      GpuDiscovery.of(
          List.of(
              new GpuDevice(0, "A100", "8.0", 80 * GIB, 40 * GIB, "0000:07:00"),
              new GpuDevice(1, "A100", "8.0", 80 * GIB, 20 * GIB, "0000:0b:00"),
              new GpuDevice(2, "A100", "8.0", 80 * GIB, 70 * GIB, "0000:48:00")));

  /** A runtime that can use GPUs; its models answer with the device they were given. */
  static final class DeviceRuntime implements ServingRuntime {
    final ConcurrentLinkedQueue<ModelContext> loads = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> closed = new ConcurrentLinkedQueue<>();

    @Override
    public String name() {
      return "device-echo";
    }

    @Override
    public List<SupportedModelFormat> supportedModelFormats() {
      return List.of(new SupportedModelFormat("device-echo", null, true, 1));
    }

    @Override
    public GpuSupport gpuSupport() {
      return GpuSupport.available("fake CUDA");
    }

    @Override
    public Model load(ModelContext context) {
      loads.add(context);
      GpuDevice device = context.device();
      String where = device == null ? "cpu" : device.id();
      return new Model() {
        @Override
        public ModelMetadata metadata() {
          return new ModelMetadata(
              context.modelName(),
              List.of(),
              "device-echo",
              List.of(TensorMetadata.of("x", DataType.FP32, -1)),
              List.of(TensorMetadata.of("device", DataType.FP32, 1)),
              Map.of("device", where));
        }

        @Override
        public InferResponse predict(InferRequest request) {
          return InferResponse.of(
              context.modelName(),
              List.of(Tensor.of("device", new float[] {device == null ? -1 : device.index()}, 1)));
        }

        @Override
        public void close() {
          closed.add(where);
        }
      };
    }
  }

  private final VirtualTime time = new VirtualTime(0);
  private final DeviceRuntime runtime = new DeviceRuntime();

  /** A Standard-mode service with a fixed number of replicas asking for one GPU each. */
  private static InferenceServiceResource spec(int replicas, String annotations) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: echo
          annotations:
            serving.kserve.io/deploymentMode: Standard
            serving.kserve.io/autoscalerClass: none
            %s
        spec:
          predictor:
            minReplicas: %d
            model:
              modelFormat: {name: device-echo}
              resources:
                limits: {nvidia.com/gpu: "1"}
        """
            .formatted(annotations, replicas);
    return KServeYaml.read(yaml, "echo.yaml").inferenceServices().get(0);
  }

  private static CudaOptions cuda(ModelContext c) {
    return java.util.Objects.requireNonNull(c.option(CudaOptions.class));
  }

  private InferenceService build(InferenceServiceResource spec) {
    InferenceService s =
        InferenceService.builder()
            .resource(spec)
            .runtime(runtime)
            .gpuDiscovery(THREE_GPUS)
            .clock(time)
            .scheduler(time)
            .build();
    time.runPending();
    return s;
  }

  @Test
  void replicas_spreadOverGpus_mostFreeFirst_andStatusAndMetadataSayWhere() {
    try (InferenceService s = build(spec(3, ""))) {
      assertThat(s.status().readyReplicas()).isEqualTo(3);
      assertThat(s.status().replicaDevices()).containsExactly("cuda:0", "cuda:1", "cuda:2");
      // The first replica went to the device with the most free memory.
      assertThat(runtime.loads.peek().device()).isEqualTo(THREE_GPUS.discover().devices().get(2));
      assertThat(s.metadata().parameters()).containsEntry("device", "cuda:0,cuda:1,cuda:2");
      assertThat(s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1))).outputs())
          .singleElement()
          .satisfies(t -> assertThat(t.asFloats()[0]).isIn(0f, 1f, 2f));
      for (ModelContext c : runtime.loads) {
        assertThat(c.option(CudaOptions.class)).isEqualTo(CudaOptions.ofDefaults());
      }
    }
    assertThat(runtime.closed).containsExactlyInAnyOrder("cuda:0", "cuda:1", "cuda:2");
  }

  @Test
  void aReplicaThatFitsNowhere_isNotStarted_andStatusSaysWhy() {
    try (InferenceService s = build(spec(4, "serving.kserve4j.io/cuda-memory-limit: 30Gi"))) {
      ServiceStatus status = s.status();

      assertThat(status.readyReplicas()).isEqualTo(3);
      assertThat(status.replicaDevices()).containsExactly("cuda:0", "cuda:2", "cuda:2");
      assertThat(status.lastStartFailure())
          .isEqualTo(
              "io.kserve4j.core.internal.gpu.GpuPlacement$NoRoomException: InferenceService echo:"
                  + " a replica needs 30.0 GiB of GPU memory"
                  + " (serving.kserve4j.io/cuda-memory-limit) and no device has that room (cuda:0:"
                  + " 10.0 GiB, cuda:1: 20.0 GiB, cuda:2: 10.0 GiB); the replica is not started");
      assertThat(runtime.loads).hasSize(3);
      for (ModelContext c : runtime.loads) {
        assertThat(cuda(c).memoryLimit()).isEqualTo(30 * GIB);
      }
    }
  }

  @Test
  void aFirstReplicaThatFitsNowhere_failsTheBuild() {
    assertThatThrownBy(() -> build(spec(1, "serving.kserve4j.io/cuda-memory-limit: 75Gi")))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "InferenceService 'echo' is invalid (1 problem):\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-memory-limit] ="
                + " 80530636800: InferenceService echo: a replica needs 75.0 GiB of GPU memory"
                + " (serving.kserve4j.io/cuda-memory-limit) and no device has that room (cuda:0:"
                + " 40.0 GiB, cuda:1: 20.0 GiB, cuda:2: 70.0 GiB); the replica is not started"
                + " (lower the limit, or free GPU memory)");
    assertThat(runtime.loads).isEmpty();
  }

  @Test
  void aPinnedDevice_takesEveryReplica_andAMissingOneFailsTheBuild() {
    try (InferenceService s = build(spec(2, "serving.kserve4j.io/cuda-device-id: \"1\""))) {
      assertThat(s.status().replicaDevices()).containsExactly("cuda:1", "cuda:1");
    }
    assertThatThrownBy(() -> build(spec(1, "serving.kserve4j.io/cuda-device-id: \"7\"")))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "InferenceService 'echo' is invalid (1 problem):\n"
                + "  spec.predictor.annotations[serving.kserve4j.io/cuda-device-id] = 7: there is"
                + " no device cuda:7 (devices: [cuda:0, cuda:1, cuda:2]) (name one of the devices,"
                + " or leave it unset to place by free memory)");
  }

  @Test
  void cudaOptions_fromJava_overTheAnnotations_reachTheRuntime() {
    try (InferenceService s =
        InferenceService.builder()
            .resource(spec(1, "serving.kserve4j.io/cuda-tf32: \"true\""))
            .runtime(runtime)
            .gpuDiscovery(THREE_GPUS)
            .runtimeOptions(CudaOptions.builder().tf32(false).build())
            .clock(time)
            .scheduler(time)
            .build()) {
      assertThat(cuda(runtime.loads.peek()).tf32()).isFalse();
    }
  }

  @Test
  void aRuntimeWithoutGpuSupport_failsTheBuild_evenWithGpus() {
    assertThatThrownBy(
            () ->
                InferenceService.builder()
                    .name("echo")
                    .predictor(
                        Predictor.function(r -> InferResponse.of("echo", r.inputs()))
                            .withModel(
                                new io.kserve4j.core.spec.ModelSpec(
                                    new io.kserve4j.core.spec.ModelFormat("java", null),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    Map.of(
                                        "resources",
                                        Map.of("limits", Map.of("nvidia.com/gpu", 1))))))
                    .gpuDiscovery(THREE_GPUS)
                    .build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(
            "spec.predictor.model.resources.limits[nvidia.com/gpu] = 1: asks for a GPU, but"
                + " kserve4j-java runs models on the CPU only (make a GPU usable");
  }
}
