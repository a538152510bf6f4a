package io.kserve4j.jmh.wire;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.ModelServer;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.server.grpc.GrpcClient;
import io.kserve4j.server.grpc.GrpcServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B-wire: one gRPC ModelInfer with raw contents of a 1x784 FP32 tensor, through {@link GrpcServer}
 * and {@link GrpcClient} over loopback, against in-process {@code InferenceService.predict()} of
 * the same trivial Java model (the input handed back as output {@code y}). The difference at p50 is
 * what the wire costs: encoding, two loopback hops, Netty, HTTP/2, the server's executor hand-off
 * and decoding. {@link #predictControl} repeats the baseline: the A/A control.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.kserve4j.jmh.Ratios \
 *     io.kserve4j.jmh.wire.GrpcInferBenchmark predict grpcInfer predictControl rounds=3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GrpcInferBenchmark {
  private static final int WIDTH = 784;
  private static final String MODEL = "identity784";

  private InferenceService service;
  private ModelServer modelServer;
  private GrpcServer server;
  private GrpcClient client;
  private ByteBuffer input;
  private long[] shape;

  /** Starts the service, a gRPC server over it on a free loopback port, and a raw client. */
  @Setup(Level.Trial)
  public void setUp() {
    shape = new long[] {1, WIDTH};
    input = ByteBuffer.allocate(WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < WIDTH; i++) {
      input.putFloat(i * 4, (i % 7) * 0.25f);
    }
    service =
        InferenceService.builder()
            .name(MODEL)
            .predictor(
                Predictor.function(
                    request ->
                        InferResponse.of(MODEL, List.of(request.inputs().get(0).withName("y")))))
            .build();
    modelServer = new ModelServer().add(service);
    server = GrpcServer.builder().host("127.0.0.1").port(0).handler(modelServer).build().start();
    client = GrpcClient.builder().host("127.0.0.1").port(server.port()).raw(true).build();
  }

  /** Stops client, server and service. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    server.close();
    modelServer.close();
  }

  private InferRequest request() {
    return InferRequest.of(Tensor.of("x", DataType.FP32, input, shape));
  }

  /** The baseline: in-process predict. */
  @Benchmark
  public float[] predict() {
    return service.predict(request()).outputs().get(0).asFloats();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public float[] predictControl() {
    return service.predict(request()).outputs().get(0).asFloats();
  }

  /** The same call over gRPC with raw contents. */
  @Benchmark
  public float[] grpcInfer() {
    return client.infer(MODEL, request()).outputs().get(0).asFloats();
  }
}
