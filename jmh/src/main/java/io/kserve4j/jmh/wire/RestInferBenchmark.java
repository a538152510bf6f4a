package io.kserve4j.jmh.wire;

import com.sun.net.httpserver.HttpServer;
import io.kserve4j.server.rest.RestServer;
import java.net.URI;
import java.net.http.HttpClient;
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
 * B8: one v2 REST JSON inference of a 1x784 FP32 tensor, client to server and back over loopback,
 * through kserve4j's {@link RestServer} against a bare JDK {@code HttpServer} handler doing the
 * same decode, run and encode with the same codec. Both sides use the same JDK HttpClient setup and
 * one keep-alive connection. {@link #bareHandlerControl} repeats the baseline (A/A control).
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.kserve4j.jmh.Ratios \
 *     io.kserve4j.jmh.wire.RestInferBenchmark bareHandler restServer bareHandlerControl rounds=3
 * </pre>
 *
 * Target: restServer / bareHandler p50 at most 1.15.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class RestInferBenchmark {
  private RestServer rest;
  private HttpServer bare;
  private HttpClient restClient;
  private HttpClient bareClient;
  private URI restUri;
  private URI bareUri;
  private byte[] body;

  /** Starts both servers. */
  @Setup(Level.Trial)
  public void setUp() {
    body = Wire.requestBody();
    rest = Wire.restServer();
    bare = Wire.bareServer();
    restUri = Wire.inferUri(rest.port());
    bareUri = Wire.inferUri(bare.getAddress().getPort());
    restClient = Wire.client();
    bareClient = Wire.client();
  }

  /** Stops both servers. */
  @TearDown(Level.Trial)
  public void tearDown() {
    rest.close();
    bare.stop(0);
  }

  /** The baseline: the bare JDK HttpServer handler. */
  @Benchmark
  public byte[] bareHandler() {
    return Wire.post(bareClient, bareUri, body);
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public byte[] bareHandlerControl() {
    return Wire.post(bareClient, bareUri, body);
  }

  /** kserve4j: RestServer on Netty. */
  @Benchmark
  public byte[] restServer() {
    return Wire.post(restClient, restUri, body);
  }
}
