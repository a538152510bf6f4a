package io.kserve4j.jmh.gpu;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.jmh.RawRun;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * B9: {@code InferenceService.predict()} on CUDA against a raw {@code OrtSession.run} on CUDA, in
 * the same run.
 *
 * <p>Both sessions have the same session options and the same CUDA execution provider on the same
 * device (cuda:0), in the same {@code OrtEnvironment}: kserve4j's service is built first (it
 * decides the natives and registers the CUDA provider with the shared environment), then the
 * baseline session adds the {@code CUDAExecutionProvider} device itself with ONNX Runtime's public
 * API ({@code addCUDA(0)} with Microsoft's CUDA 12 build). The baseline does per call what code
 * that hands a result back must: a tensor over a reused direct buffer, one {@code run}, the output
 * copied into a {@code float[]}. {@link #rawRunControl} is the A/A control. Inputs and outputs
 * travel between host and device on both sides alike.
 *
 * <p>Without a GPU the setup throws with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CudaPredictBenchmark {
  /** The model: a 784-128-10 MLP built for the benchmark, or the shared LeNet. */
  @Param({"mlp784"})
  public String model;

  /** Rows per call. */
  @Param({"1", "64"})
  public int batch;

  private InferenceService service;
  private OrtSession session;
  private OrtEnvironment env;
  private String inputName;
  private long[] shape;
  private ByteBuffer bytes;
  private FloatBuffer floats;

  /** Builds the service on CUDA, then the baseline session on the same device. */
  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    CudaServices.requireGpu("B9 (CudaPredictBenchmark)");
    Path file = SharedModels.model(model);
    OnnxRuntimeOptions options = OnnxRuntimeOptions.ofDefaults();
    service =
        InferenceService.builder()
            .resource(CudaServices.spec(model, file, ""))
            .runtimeOptions(options)
            .runtimeOptions(CudaOptions.builder().deviceId(0).build())
            .build();
    env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = options.toSessionOptions()) {
      List<OrtEpDevice> cuda =
          env.getEpDevices().stream()
              .filter(d -> d.getEpName().equals("CUDAExecutionProvider"))
              .toList();
      if (cuda.isEmpty()) {
        so.addCUDA(0); // Microsoft's onnxruntime_gpu (CUDA 12)
      } else {
        so.addExecutionProvider(List.of(cuda.get(0)), Map.of());
      }
      session = env.createSession(file.toString(), so);
    }
    inputName = session.getInputNames().iterator().next();
    int width = SharedModels.inputWidth(model);
    shape = new long[] {batch, width};
    bytes = ByteBuffer.allocateDirect(batch * width * 4).order(ByteOrder.nativeOrder());
    floats = bytes.asFloatBuffer();
    for (int i = 0; i < batch * width; i++) {
      floats.put(i, (i % 11) * 0.1f);
    }
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    service.close();
    session.close();
  }

  /** The baseline: a raw run on the CUDA session. */
  @Benchmark
  public float[] rawRun() throws OrtException {
    return raw();
  }

  /** The A/A control. */
  @Benchmark
  public float[] rawRunControl() throws OrtException {
    return raw();
  }

  /** kserve4j on CUDA. */
  @Benchmark
  public float[] predict() {
    InferRequest r =
        InferRequest.of(
            Tensor.of(inputName, DataType.FP32, bytes.order(ByteOrder.LITTLE_ENDIAN), shape));
    return service.predict(r).outputs().get(0).asFloats();
  }

  private float[] raw() throws OrtException {
    return RawRun.firstOutput(env, session, inputName, floats, shape);
  }
}
