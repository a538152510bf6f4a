package io.kserve4j.jmh.gpu;

import io.kserve4j.core.InferenceService;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
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
 * B10: 32 concurrent callers, each sending one row, to a service on CUDA with the batcher
 * (maxBatchSize 32, maxLatency 5 ms) against the same callers on the same model on CUDA unbatched,
 * in the same run. On a GPU a call costs about the same for 1 row as for 32, so batching should win
 * on throughput; {@link #unbatchedControl} is the A/A control.
 *
 * <p>Without a GPU the setup throws with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(32)
public class CudaBatcherBenchmark {
  /** The model. */
  @Param({"mlp784"})
  public String model;

  private InferenceService batched;
  private InferenceService unbatched;
  private String inputName;
  private long[] shape;

  /** Per-caller input, pre-filled. */
  @State(Scope.Thread)
  public static class Input {
    ByteBuffer bytes;

    /** Fills the row. */
    @Setup
    public void setUp(CudaBatcherBenchmark b) {
      int width = (int) b.shape[1];
      bytes = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.LITTLE_ENDIAN);
      FloatBuffer floats = bytes.asFloatBuffer();
      for (int i = 0; i < width; i++) {
        floats.put(i, (i % 11) * 0.1f);
      }
    }
  }

  /** Both services on the GPU: one with the batcher, one without. */
  @Setup(Level.Trial)
  public void setUp() {
    CudaServices.requireGpu("B10 (CudaBatcherBenchmark)");
    Path file = SharedModels.model(model);
    shape = new long[] {1, SharedModels.inputWidth(model)};
    batched =
        CudaServices.build(
            CudaServices.spec("batched", file, "batcher: {maxBatchSize: 32, maxLatency: 5}"));
    unbatched = CudaServices.build(CudaServices.spec("unbatched", file, ""));
    inputName = batched.metadata().inputs().get(0).name();
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void tearDown() {
    batched.close();
    unbatched.close();
  }

  /** The baseline: every caller runs its row on CUDA by itself. */
  @Benchmark
  public float[] unbatched(Input in) {
    return call(unbatched, in);
  }

  /** The A/A control. */
  @Benchmark
  public float[] unbatchedControl(Input in) {
    return call(unbatched, in);
  }

  /** The callers' rows batched together on CUDA. */
  @Benchmark
  public float[] batched(Input in) {
    return call(batched, in);
  }

  private float[] call(InferenceService s, Input in) {
    InferRequest r = InferRequest.of(Tensor.of(inputName, DataType.FP32, in.bytes, shape));
    return s.predict(r).outputs().get(0).asFloats();
  }
}
