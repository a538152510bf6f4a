package io.kserve4j.jmh.core;

import io.kserve4j.core.CallContext;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.internal.Revision;
import io.kserve4j.core.internal.Router;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Headers;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
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
 * The router's added cost per {@code predict} with one revision: {@code InferenceService.predict}
 * (the service's gate, the stop check, the call context, the router's choice, the deadline, the
 * answer's model name) against calling the one revision directly with a call context of its own.
 * {@link #revisionControl} repeats the baseline: the A/A control.
 *
 * <p>With {@code model=handmade_mlp} both sides run the shared ONNX model (B1's), so the ratio is
 * the router's share of a real prediction. With {@code model=java} the predictor is a Java function
 * that returns its input, so the difference is the router's cost alone, in nanoseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RouterBenchmark {
  /** The predictor: B1's ONNX model, or a Java function. */
  @Param({"handmade_mlp", "java"})
  public String model;

  private InferenceService service;
  private Revision revision;
  private InferRequest request;

  /** Builds the service and finds its one revision. */
  @Setup(Level.Trial)
  public void setUp() throws ReflectiveOperationException {
    if (model.equals("java")) {
      service =
          InferenceService.builder()
              .name("echo")
              .predictor(Predictor.function(r -> InferResponse.of("echo", r.inputs())))
              .build();
      request = InferRequest.of("x", new float[] {1, 2, 3, 4}, 1, 4);
    } else {
      java.nio.file.Path file = SharedModels.model(model);
      int width = SharedModels.inputWidth(model);
      ByteBuffer input = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < width; i++) {
        input.putFloat(i * 4, (i % 7) * 0.25f);
      }
      service =
          InferenceService.builder()
              .name(model.replace('_', '-'))
              .predictor(Predictor.model("onnx", file.toString()))
              .runtimeOptions(OnnxRuntimeOptions.ofDefaults())
              .build();
      String inputName = service.metadata().inputs().get(0).name();
      request = InferRequest.of(Tensor.of(inputName, DataType.FP32, input, new long[] {1, width}));
    }
    // The revision is internal: reach it the way a test inside the package would.
    Field f = InferenceService.class.getDeclaredField("router");
    f.setAccessible(true);
    revision = ((Router) f.get(service)).primary();
  }

  /** Closes the service. */
  @TearDown(Level.Trial)
  public void tearDown() {
    service.close();
  }

  /** The baseline: the revision called directly, with a call context of its own. */
  @Benchmark
  public Object revision() {
    return direct();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public Object revisionControl() {
    return direct();
  }

  /** kserve4j: through the service and its router. */
  @Benchmark
  public Object predict() {
    return service.predict(request).outputs().get(0);
  }

  private Object direct() {
    CallContext context =
        CallContext.of(
            service.name(), CallContext.Operation.PREDICT, Headers.empty(), Duration.ofSeconds(60));
    return revision.predict(request, context).outputs().get(0);
  }
}
