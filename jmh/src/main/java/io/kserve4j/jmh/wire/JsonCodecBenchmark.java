package io.kserve4j.jmh.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec: decode the B8 request (1x784 FP32 JSON), run the trivial model, encode the response,
 * with kserve4j's streaming codec against Jackson databind's tree ({@code ObjectMapper.readTree},
 * the data copied into a {@code float[]}, the response built as a tree and written). {@link
 * #databindTreeControl} repeats the baseline (A/A control).
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.kserve4j.jmh.Ratios \
 *     io.kserve4j.jmh.wire.JsonCodecBenchmark databindTree streaming databindTreeControl rounds=3
 * </pre>
 *
 * Target: streaming / databindTree p50 at most 0.5 (2x faster).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonCodecBenchmark {
  private final ObjectMapper mapper = new ObjectMapper();
  private byte[] body;

  /** Builds the request body. */
  @Setup(Level.Trial)
  public void setUp() {
    body = Wire.requestBody();
  }

  /** kserve4j: streaming decode straight into a float[], streaming encode. */
  @Benchmark
  public byte[] streaming() {
    InferRequest request = JsonCodec.readInferRequest(ByteBuffer.wrap(body), body.length);
    InferResponse response = Wire.run(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    JsonCodec.writeInferResponse(response, request, out);
    return out.toByteArray();
  }

  /** The baseline: Jackson databind's tree both ways. */
  @Benchmark
  public byte[] databindTree() throws IOException {
    return tree();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public byte[] databindTreeControl() throws IOException {
    return tree();
  }

  private byte[] tree() throws IOException {
    JsonNode root = mapper.readTree(body);
    JsonNode input = root.get("inputs").get(0);
    JsonNode data = input.get("data");
    float[] x = new float[data.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = data.get(i).floatValue();
    }
    ObjectNode response = mapper.createObjectNode();
    response.put("model_name", Wire.MODEL);
    response.put("id", root.path("id").asText());
    ArrayNode outputs = response.putArray("outputs");
    ObjectNode y = outputs.addObject();
    y.put("name", "y");
    y.put("datatype", "FP32");
    y.set("shape", input.get("shape"));
    ArrayNode values = y.putArray("data");
    for (float v : x) {
      values.add(v * 2);
    }
    return mapper.writeValueAsBytes(response);
  }
}
