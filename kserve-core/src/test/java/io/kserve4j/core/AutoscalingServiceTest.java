package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.OverloadedException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Autoscaling, scale to zero and the activator through InferenceService, on virtual time. */
class AutoscalingServiceTest {
  /** A runtime whose models add 1 to an FP32 input and count loads and closes. */
  static final class CountingRuntime implements ServingRuntime {
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public List<SupportedModelFormat> supportedModelFormats() {
      return List.of(new SupportedModelFormat("counting", null, true, 1));
    }

    @Override
    public Model load(ModelContext context) {
      loads.incrementAndGet();
      return new Model() {
        @Override
        public ModelMetadata metadata() {
          return new ModelMetadata(
              context.modelName(),
              List.of(),
              "counting",
              List.of(TensorMetadata.of("x", DataType.FP32, -1)),
              List.of(TensorMetadata.of("y", DataType.FP32, -1)),
              Map.of());
        }

        @Override
        public InferResponse predict(InferRequest request) {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          float[] x = request.input("x").asFloats();
          float[] y = new float[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + 1;
          }
          return InferResponse.of(context.modelName(), List.of(Tensor.of("y", y, x.length)));
        }

        @Override
        public void close() {
          closes.incrementAndGet();
        }
      };
    }
  }

  private final VirtualTime time = new VirtualTime(0);
  private final CountingRuntime runtime = new CountingRuntime();

  private InferenceService service(ComponentExtensionSpec component, int queueCapacity) {
    PredictorSpec predictor =
        PredictorSpec.of(
                new ModelSpec(
                    new io.kserve4j.core.spec.ModelFormat("counting", null),
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of()))
            .withComponent(component);
    return InferenceService.builder()
        .resource(
            InferenceServiceResource.of(
                "counter", new InferenceServiceSpec(predictor, null, null, Map.of())))
        .runtime(runtime)
        .clock(time)
        .scheduler(time)
        .activatorQueueCapacity(queueCapacity)
        .build();
  }

  private static InferRequest one(float x) {
    return InferRequest.of(Tensor.of("x", new float[] {x}, 1));
  }

  @Test
  void minReplicasZero_scalesToZeroAfterStableWindowPlusGrace_andReleasesTheModel() {
    InferenceService s = service(ComponentExtensionSpec.builder().minReplicas(0).build(), 10_000);
    assertThat(s.predict(one(1)).output("y").asFloats()).containsExactly(2f);
    assertThat(s.status().readyReplicas()).isEqualTo(1);

    time.advance(Duration.ofSeconds(85));
    assertThat(s.status().readyReplicas()).isEqualTo(1);
    time.advance(Duration.ofSeconds(10));
    assertThat(s.status().readyReplicas()).isZero();
    assertThat(runtime.closes.get()).isEqualTo(runtime.loads.get());
    s.close();
  }

  /** The counting service with minReplicas 0, these annotation lines and status lines. */
  private InferenceService fromYaml(String annotations, String status) {
    String yaml =
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
            + "  name: counter\n  annotations:\n"
            + annotations
            + "spec:\n  predictor:\n    minReplicas: 0\n"
            + "    model:\n      modelFormat:\n        name: counting\n"
            + status;
    return InferenceService.builder()
        .resource(KServeYaml.read(yaml, "counter.yaml").inferenceServices().get(0))
        .runtime(runtime)
        .clock(time)
        .scheduler(time)
        .build();
  }

  @Test
  void standardMode_byItsOldName_keepsTheHpaFloorOfOne_insteadOfScalingToZero() {
    try (InferenceService knative =
            fromYaml("    serving.kserve.io/deploymentMode: Serverless\n", "");
        InferenceService standard =
            fromYaml("    serving.kserve.io/deploymentMode: RawDeployment\n", "")) {
      time.advance(Duration.ofSeconds(100));

      assertThat(knative.status().readyReplicas()).isZero();
      assertThat(standard.status().readyReplicas()).isEqualTo(1);
      assertThat(standard.resource().metadata().annotations())
          .containsEntry("serving.kserve.io/deploymentMode", "Standard");
    }
  }

  @Test
  void standardMode_recordedInStatus_isTheMode_withoutAnAnnotation() {
    try (InferenceService s = fromYaml("    a: b\n", "status:\n  deploymentMode: Standard\n")) {
      time.advance(Duration.ofSeconds(100));

      assertThat(s.status().readyReplicas()).isEqualTo(1);
    }
  }

  @Test
  void sixtyFourConcurrentRequestsAtZero_areAllAnswered_noneLost() throws InterruptedException {
    InferenceService s = service(ComponentExtensionSpec.builder().minReplicas(0).build(), 10_000);
    time.advance(Duration.ofSeconds(100));
    assertThat(s.status().readyReplicas()).isZero();
    int loadsBefore = runtime.loads.get();

    ConcurrentLinkedQueue<Float> answers = new ConcurrentLinkedQueue<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      float x = i;
      Thread t = new Thread(() -> answers.add(s.predict(one(x)).output("y").asFloats()[0]));
      t.start();
      callers.add(t);
    }
    while (s.status().queued() < 64 || s.status().desiredReplicas() < 1) {
      Thread.onSpinWait();
    }
    assertThat(s.status().desiredReplicas()).isEqualTo(1);
    for (Thread t : callers) {
      while (t.isAlive()) {
        time.runPending(); // the replica loads; every waiting request is served
        t.join(1);
      }
    }
    assertThat(answers).hasSize(64);
    assertThat(answers.stream().mapToDouble(Float::doubleValue).sum())
        .isEqualTo(64 * 63 / 2.0 + 64);
    assertThat(runtime.loads.get()).isEqualTo(loadsBefore + 1);
    s.close();
  }

  @Test
  void fullActivatorQueue_answers503AtOnce_andTheQueuedRequestsAreStillServed()
      throws InterruptedException {
    InferenceService s = service(ComponentExtensionSpec.builder().minReplicas(0).build(), 4);
    time.advance(Duration.ofSeconds(100));
    List<Thread> callers = new ArrayList<>();
    AtomicInteger served = new AtomicInteger();
    for (int i = 0; i < 4; i++) {
      Thread t =
          new Thread(
              () -> {
                s.predict(one(1));
                served.incrementAndGet();
              });
      t.start();
      callers.add(t);
    }
    while (s.status().queued() < 4) {
      Thread.onSpinWait();
    }
    // Rejected at once: the caller never waits (how fast is measured in JMH, not here).
    assertThatThrownBy(() -> s.predict(one(2)))
        .isInstanceOf(OverloadedException.class)
        .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(503))
        .hasMessageContaining(
            "the activator queue of 4 requests is full while scaling from zero replicas");
    for (Thread t : callers) {
      while (t.isAlive()) {
        time.runPending();
        t.join(1);
      }
    }
    assertThat(served.get()).isEqualTo(4);
    assertThat(s.predict(one(3)).output("y").asFloats()).containsExactly(4f);
    s.close();
  }

  @Test
  void maxReplicasReached_withContainerConcurrency_overflowIs429NamingTheLimit()
      throws InterruptedException {
    runtime.gate = new CountDownLatch(1);
    InferenceService s =
        service(
            ComponentExtensionSpec.builder()
                .minReplicas(1)
                .maxReplicas(1)
                .containerConcurrency(1L)
                .build(),
            1);
    Thread busy = new Thread(() -> s.predict(one(1)));
    busy.start();
    while (s.status().inFlight() < 1) {
      Thread.onSpinWait();
    }
    Thread queued = new Thread(() -> s.predict(one(1)));
    queued.start();
    while (s.status().queued() < 1) {
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> s.predict(one(1)))
        .isInstanceOf(OverloadedException.class)
        .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(429))
        .hasMessageContaining("containerConcurrency 1); maxReplicas (1) reached");
    runtime.gate.countDown();
    busy.join();
    queued.join();
    s.close();
  }

  @Test
  void impossibleAutoscalingSettings_areSpecErrorsNamingTheField() {
    assertThatThrownBy(
            () ->
                service(
                    ComponentExtensionSpec.builder()
                        .annotation("autoscaling.knative.dev/panic-threshold-percentage", "50")
                        .build(),
                    10))
        .hasMessageContaining("panicThresholdPercentage = 50.0: must be > 100");
  }
}
