package io.kserve4j.jmh.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kserve4j.graph.gjson.GjsonPath;
import io.kserve4j.graph.gjson.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One InferenceGraph condition tested on one v2 response (three outputs, 320 FP32 values, the
 * {@code label} output last, about 2.6 KB): kserve4j's GJSON ({@link #gjsonExists}, {@link
 * #gjsonGet}) against Jackson's tree ({@code readTree} then {@code JsonPointer}; for the query, a
 * loop over {@code outputs} by hand) and against Jackson's streaming parser (navigation by hand,
 * skipping what the path does not need; for the query, the loop by hand too, relying on {@code
 * name} coming before {@code data} as KServe writes it).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar GjsonBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GjsonBenchmark {
  /** The condition: two dotted paths (first and last output) and a query by output name. */
  @Param({"outputs.0.data.0", "outputs.2.data.0", "outputs.#(name==\"label\").data.0"})
  public String path = "outputs.0.data.0";

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = new JsonFactory();
  private byte[] body = new byte[0];
  private GjsonPath compiled = GjsonPath.compile("@this");
  private @Nullable JsonPointer pointer;
  private String[] steps = new String[0];

  /** A v2 response as a model server writes it. */
  static byte[] v2Response() {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"model_name\":\"classifier\",\"model_version\":\"1\",")
        .append("\"id\":\"6f1e2d3c-9a8b-4c7d-8e6f-5a4b3c2d1e0f\",\"parameters\":{},\"outputs\":[");
    sb.append("{\"name\":\"probabilities\",\"shape\":[1,300],\"datatype\":\"FP32\",\"data\":[");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 300; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", random.nextFloat()));
    }
    sb.append("]},{\"name\":\"embedding\",\"shape\":[1,16],\"datatype\":\"FP32\",\"data\":[");
    for (int i = 0; i < 16; i++) {
      sb.append(i == 0 ? "" : ",")
          .append(String.format(Locale.ROOT, "%.6f", random.nextFloat() * 2 - 1));
    }
    sb.append("]},{\"name\":\"label\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"cat\"]}]}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Builds the body and compiles the condition for each side. */
  @Setup(Level.Trial)
  public void setUp() {
    body = v2Response();
    compiled = GjsonPath.compile(path);
    if (path.contains("#(")) {
      pointer = null;
      steps = new String[0];
    } else {
      steps = path.split("\\.");
      pointer = JsonPointer.compile("/" + String.join("/", steps));
    }
    // The three sides must find the same value.
    try {
      JsonNode expected = mapper.readTree(gjsonGet().raw());
      String streamed = jacksonStreaming();
      if (!expected.equals(jacksonTree())
          || streamed == null
          || !expected.equals(mapper.readTree(streamed))) {
        throw new IllegalStateException(
            "the sides disagree on "
                + path
                + ": "
                + expected
                + ", "
                + jacksonTree()
                + ", "
                + streamed);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** kserve4j: does the condition hold (what KServe's router asks). */
  @Benchmark
  public boolean gjsonExists() {
    return compiled.existsIn(body);
  }

  /** kserve4j: the condition's result, copied out as a {@code Result}. */
  @Benchmark
  public Result gjsonGet() {
    return compiled.get(body);
  }

  /** Baseline: Jackson's tree, then {@code JsonPointer} (the query: a loop by hand). */
  @Benchmark
  public @Nullable JsonNode jacksonTree() {
    try {
      JsonNode root = mapper.readTree(body);
      JsonPointer p = pointer;
      if (p != null) {
        return root.at(p);
      }
      for (JsonNode output : root.path("outputs")) {
        if ("label".equals(output.path("name").asText())) {
          return output.path("data").path(0);
        }
      }
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Baseline: Jackson's streaming parser, navigating by hand and skipping the rest. */
  @Benchmark
  public @Nullable String jacksonStreaming() {
    try (JsonParser p = factory.createParser(body)) {
      p.nextToken();
      if (steps.length > 0) {
        for (String step : steps) {
          if (!enter(p, step)) {
            return null;
          }
        }
        return raw(p);
      }
      if (!enter(p, "outputs") || p.currentToken() != JsonToken.START_ARRAY) {
        return null;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        boolean label = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("name")) {
            label = "label".equals(p.getText());
          } else if (label && field.equals("data")) {
            return p.nextToken() == JsonToken.END_ARRAY ? null : raw(p);
          } else {
            p.skipChildren();
          }
        }
      }
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Moves the parser onto the value of {@code step} inside the current container. */
  private static boolean enter(JsonParser p, String step) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean match = p.currentName().equals(step);
        p.nextToken();
        if (match) {
          return true;
        }
        p.skipChildren();
      }
      return false;
    }
    if (p.currentToken() == JsonToken.START_ARRAY) {
      int index = Integer.parseInt(step);
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        if (i == index) {
          return true;
        }
        p.skipChildren();
      }
    }
    return false;
  }

  private static String raw(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
  }
}
