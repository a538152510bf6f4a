package io.kserve4j.jmh.core;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B7: the first prediction of a service scaled to zero (the request waits in the activator while a
 * replica loads) against creating a bare session and running it once, in the same warm JVM; and a
 * burst of 64 requests at zero. Each invocation starts from a service at zero replicas (virtual
 * time moved past the stable window and grace period, outside the measurement); the replica loads
 * on the benchmark thread when it runs the scheduler's pending work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ZeroColdStartBenchmark {
  /** The model. */
  @Param({"mlp784"})
  public String model;

  private Path file;
  private float[][] row;
  private VirtualTime time;
  private InferenceService service;

  /** Finds the model. */
  @Setup(Level.Trial)
  public void setUp() {
    file = SharedModels.model(model);
    row = new float[1][SharedModels.inputWidth(model)];
  }

  /** A fresh service, scaled to zero. */
  @Setup(Level.Invocation)
  public void atZero() {
    time = new VirtualTime(0);
    service =
        InferenceService.builder()
            .name(model.replace('_', '-'))
            .predictor(
                Predictor.model("onnx", file.toString())
                    .withComponent(ComponentExtensionSpec.builder().minReplicas(0).build()))
            .clock(time)
            .scheduler(time)
            .build();
    service.predict(InferRequest.of("input", row));
    time.advance(Duration.ofSeconds(100));
    if (service.status().readyReplicas() != 0) {
      throw new IllegalStateException("not at zero: " + service.status());
    }
  }

  /** Closes the service. */
  @TearDown(Level.Invocation)
  public void close() {
    service.close();
  }

  /** The baseline: bare session creation and first run. */
  @Benchmark
  public float bareSessionFirstRun() throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = OnnxRuntimeOptions.ofDefaults().toSessionOptions();
        OrtSession session = env.createSession(file.toString(), so);
        OnnxTensor x = OnnxTensor.createTensor(env, row);
        OrtSession.Result r = session.run(Map.of("input", x))) {
      return ((float[][]) r.get(0).getValue())[0][0];
    }
  }

  /** The A/A control. */
  @Benchmark
  public float bareSessionControl() throws OrtException {
    return bareSessionFirstRun();
  }

  /** kserve4j: one request at zero replicas, answered once a replica has loaded. */
  @Benchmark
  public float firstPredictionAtZero() {
    CompletableFuture<InferResponse> f = service.predictAsync(InferRequest.of("input", row));
    while (!f.isDone()) {
      time.runPending(); // loads the replica once the request has poked the autoscaler
      Thread.onSpinWait();
    }
    return f.join().outputs().get(0).asFloats()[0];
  }

  /** A burst of 64 requests at zero replicas; the time until the last is answered. */
  @Benchmark
  public float burstOf64AtZero() {
    List<CompletableFuture<InferResponse>> fs = new ArrayList<>(64);
    for (int i = 0; i < 64; i++) {
      fs.add(service.predictAsync(InferRequest.of("input", row)));
    }
    for (CompletableFuture<InferResponse> f : fs) {
      while (!f.isDone()) {
        time.runPending();
        Thread.onSpinWait();
      }
    }
    float s = 0;
    for (CompletableFuture<InferResponse> f : fs) {
      s += f.join().outputs().get(0).asFloats()[0];
    }
    return s;
  }
}
