package io.kserve4j.jmh.core;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B2 and B3: the batcher against unbatched runs of the same model.
 *
 * <p>Run with {@code -t 1} (B3: a lone request with the batcher on against a raw run; the batcher
 * must not hold it) and {@code -t 8} (B2: 8 concurrent callers batched against the same callers
 * each running the shared session concurrently). {@link #rawRunControl} is the A/A control.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class BatcherBenchmark {
  /** The model. */
  @Param({"mlp784"})
  public String model;

  private OrtEnvironment env;
  private OrtSession session;
  private String inputName;
  private long[] shape;
  private InferenceService batched;

  /** Per-thread input, pre-filled. */
  @State(Scope.Thread)
  public static class Input {
    ByteBuffer bytes;
    FloatBuffer floats;

    /** Fills the buffer. */
    @Setup
    public void setUp(BatcherBenchmark b) {
      int width = (int) b.shape[1];
      bytes = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.nativeOrder());
      floats = bytes.asFloatBuffer();
      for (int i = 0; i < width; i++) {
        floats.put(i, (i % 11) * 0.1f);
      }
    }
  }

  /** The bare session and the batched service, with the same session options. */
  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    java.nio.file.Path file = SharedModels.model(model);
    shape = new long[] {1, SharedModels.inputWidth(model)};
    env = OrtEnvironment.getEnvironment();
    OnnxRuntimeOptions options = OnnxRuntimeOptions.ofDefaults();
    try (OrtSession.SessionOptions so = options.toSessionOptions()) {
      session = env.createSession(file.toString(), so);
    }
    inputName = session.getInputNames().iterator().next();
    batched =
        InferenceService.builder()
            .name(model.replace('_', '-'))
            .predictor(
                Predictor.model("onnx", file.toString())
                    .withComponent(
                        ComponentExtensionSpec.builder()
                            .batcher(new BatcherSpec(32, 5, null))
                            .build()))
            .runtimeOptions(options)
            .build();
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    batched.close();
    session.close();
  }

  /** The baseline: each caller runs the shared session itself. */
  @Benchmark
  public float[] rawRun(Input in) throws OrtException {
    return raw(in);
  }

  /** The A/A control. */
  @Benchmark
  public float[] rawRunControl(Input in) throws OrtException {
    return raw(in);
  }

  /** kserve4j with the batcher on. */
  @Benchmark
  public float[] batched(Input in) {
    InferRequest r =
        InferRequest.of(
            Tensor.of(inputName, DataType.FP32, in.bytes.order(ByteOrder.LITTLE_ENDIAN), shape));
    return batched.predict(r).outputs().get(0).asFloats();
  }

  private float[] raw(Input in) throws OrtException {
    return RawRun.firstOutput(env, session, inputName, in.floats, shape);
  }
}
