package io.kserve4j.jmh.core;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.jmh.RawRun;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
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
 * B1: {@code InferenceService.predict()} against a hand-written best-practice {@code
 * OrtSession.run} on the same model with the same session options, at batch 1.
 *
 * <p>The baseline does per call what code that hands a result back must do: a tensor over a reused,
 * pre-filled direct input buffer, one {@code run}, the output copied into a new {@code float[]},
 * tensor and result closed. The predict side builds its request per call over the same kind of
 * buffer (a zero-copy {@link Tensor}) and reads the output as a {@code float[]}. {@link
 * #rawRunControl} repeats the baseline: the A/A control.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PredictBenchmark {
  /** The model: the shared 4-8-3 MLP, or a 784-128-10 MLP built for the benchmark. */
  @Param({"handmade_mlp", "mlp784"})
  public String model;

  private OrtEnvironment env;
  private OrtSession session;
  private String inputName;
  private ByteBuffer rawInput;
  private FloatBuffer rawInputFloats;
  private long[] shape;

  private InferenceService service;
  private ByteBuffer serviceInput;

  /** Loads the model twice: once as a bare session, once as a service. */
  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    java.nio.file.Path file = SharedModels.model(model);
    int width = SharedModels.inputWidth(model);
    shape = new long[] {1, width};
    env = OrtEnvironment.getEnvironment();
    OnnxRuntimeOptions options = OnnxRuntimeOptions.ofDefaults();
    try (OrtSession.SessionOptions so = options.toSessionOptions()) {
      session = env.createSession(file.toString(), so);
    }
    inputName = session.getInputNames().iterator().next();
    rawInput = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.nativeOrder());
    rawInputFloats = rawInput.asFloatBuffer();
    serviceInput = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < width; i++) {
      float v = (i % 7) * 0.25f;
      rawInputFloats.put(i, v);
      serviceInput.putFloat(i * 4, v);
    }
    service =
        InferenceService.builder()
            .name(model.replace('_', '-'))
            .predictor(Predictor.model("onnx", file.toString()))
            .runtimeOptions(options)
            .build();
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    service.close();
    session.close();
  }

  /** The baseline: best-practice raw ONNX Runtime. */
  @Benchmark
  public float[] rawRun() throws OrtException {
    return raw();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public float[] rawRunControl() throws OrtException {
    return raw();
  }

  /** kserve4j: one in-process prediction. */
  @Benchmark
  public float[] predict() {
    InferRequest request =
        InferRequest.of(Tensor.of(inputName, DataType.FP32, serviceInput, shape));
    return service.predict(request).outputs().get(0).asFloats();
  }

  private float[] raw() throws OrtException {
    return RawRun.firstOutput(env, session, inputName, rawInputFloats, shape);
  }
}
