package io.kserve4j.jmh.core;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start, in a fresh JVM per measurement: creating a service and its first prediction, against
 * creating a bare ONNX Runtime session and its first run (the ONNX Runtime environment and native
 * library load are inside both). {@link #bareSessionControl} repeats the baseline: the A/A control.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10)
public class ColdStartBenchmark {
  /** The model. */
  @Param({"handmade_mlp"})
  public String model;

  private Path file;
  private float[] input;

  /** Finds the model (outside the measurement). */
  @Setup
  public void setUp() {
    file = SharedModels.model(model);
    input = new float[SharedModels.inputWidth(model)];
  }

  /** The baseline: environment, session, first run. */
  @Benchmark
  public float bareSessionFirstRun() throws OrtException {
    return bare();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public float bareSessionControl() throws OrtException {
    return bare();
  }

  /** kserve4j: build the service, first prediction. */
  @Benchmark
  public float serviceFirstPredict() {
    try (InferenceService s =
        InferenceService.builder()
            .name(model.replace('_', '-'))
            .predictor(Predictor.model("onnx", file.toString()))
            .build()) {
      return s.predict(InferRequest.of(s.metadata().inputs().get(0).name(), new float[][] {input}))
          .outputs()
          .get(0)
          .asFloats()[0];
    }
  }

  private float bare() throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = OnnxRuntimeOptions.ofDefaults().toSessionOptions();
        OrtSession session = env.createSession(file.toString(), so);
        OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {input});
        OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
      return ((float[][]) r.get(0).getValue())[0][0];
    }
  }
}
