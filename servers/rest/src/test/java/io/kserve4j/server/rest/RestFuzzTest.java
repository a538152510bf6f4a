package io.kserve4j.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.json.JsonCodec;
import io.kserve4j.protocol.testkit.Samples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends 10,000 mutated JSON and binary requests (fixed seed) over keep-alive connections, with
 * Netty's leak detector at PARANOID: no 5xx (no model here fails), no hang (every answer within the
 * socket timeout), no leaked buffer, and a normal request succeeds after.
 */
class RestFuzzTest {
  private static final long SEED = 0x5EEDL;
  private static final int REQUESTS = 10_000;
  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "-1",
    "0",
    "1e999",
    "-0.0",
    "null",
    "true",
    "NaN",
    "18446744073709551616",
    "9223372036854775808",
    "\"FP16\"",
    "\"BYTES\"",
    "\"UINT8\"",
    "\"binary_data_size\"",
    "\"data\"",
    "\"shape\"",
    "[[[[[[[[",
    "\\u0000",
    "\u00ff",
    "\"\u00e9\""
  };

  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final Logger leakLogger = Logger.getLogger("io.netty.util.ResourceLeakDetector");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String m = String.valueOf(r.getMessage());
          if (m.contains("LEAK")) {
            leaks.add(m);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private ResourceLeakDetector.Level previous = ResourceLeakDetector.Level.SIMPLE;

  @BeforeEach
  void paranoid() {
    previous = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    leakLogger.addHandler(capture);
  }

  @AfterEach
  void restore() {
    leakLogger.removeHandler(capture);
    ResourceLeakDetector.setLevel(previous);
  }

  /** A seed request: its path, content type, extra header and body. */
  private record Seed(String path, String contentType, int jsonLength, byte[] body) {}

  private static Seed v2(String model, InferRequest request, boolean binary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<ByteBuffer> parts = JsonCodec.writeInferRequest(request, binary, out);
    int jsonLength = out.size();
    for (ByteBuffer p : parts) {
      byte[] b = new byte[p.remaining()];
      p.duplicate().get(b);
      out.writeBytes(b);
    }
    boolean hasBinary = !parts.isEmpty();
    return new Seed(
        "/v2/models/" + model + "/infer",
        hasBinary ? "application/octet-stream" : "application/json",
        hasBinary ? jsonLength : -1,
        out.toByteArray());
  }

  private static List<Seed> seeds() {
    List<Seed> seeds = new ArrayList<>();
    seeds.add(v2("double", InferRequest.of("x", new float[][] {{1, 2, 3}, {4, 5, 6}}), false));
    seeds.add(v2("double", InferRequest.of("x", new float[][] {{1, 2, 3}, {4, 5, 6}}), true));
    for (DataType type : DataType.values()) {
      seeds.add(v2("echo", InferRequest.of(Samples.tensor("t", type)), true));
      if (type != DataType.FP16 && type != DataType.BF16) {
        seeds.add(v2("echo", InferRequest.of(Samples.tensor("t", type)), false));
      }
    }
    seeds.add(
        new Seed(
            "/v1/models/double:predict",
            "application/json",
            -1,
            "{\"instances\": [[1.0, 2.0], [3.0, 4.0]]}".getBytes(StandardCharsets.UTF_8)));
    seeds.add(
        new Seed(
            "/v1/models/echo:predict",
            "application/json",
            -1,
            "{\"inputs\": [[\"a\", \"b\"], [\"c\", \"d\"]]}".getBytes(StandardCharsets.UTF_8)));
    return seeds;
  }

  private static byte[] mutate(byte[] body, Random rnd) {
    byte[] b = body.clone();
    int ops = 1 + rnd.nextInt(3);
    for (int op = 0; op < ops && b.length > 0; op++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(6)) {
        case 0 -> b[at] = (byte) rnd.nextInt(256);
        case 1 -> b = java.util.Arrays.copyOf(b, at);
        case 2 -> {
          byte[] t = TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
          b = splice(b, at, 0, t);
        }
        case 3 -> b = splice(b, at, Math.min(b.length - at, 1 + rnd.nextInt(8)), new byte[0]);
        case 4 -> {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
          b = splice(b, at, 0, java.util.Arrays.copyOfRange(b, at, at + len));
        }
        default -> {
          // A digit changed: shapes, sizes and values that no longer agree.
          for (int i = at; i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
              b[i] = (byte) ('0' + rnd.nextInt(10));
              break;
            }
          }
        }
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  @Test
  void mutatedRequests_neverGet5xx_neverHang_neverLeak() throws Exception {
    Random rnd = new Random(SEED);
    List<Seed> seeds = seeds();
    TestHandler handler = new TestHandler();
    try (RestServer server =
        RestServer.builder(handler)
            .host("127.0.0.1")
            .port(0)
            .maxBodyBytes(16 * 1024)
            .readTimeout(Duration.ofSeconds(5))
            .build()
            .start()) {
      int port = server.port();
      int[] byStatus = new int[600];
      Wire.Raw raw = new Wire.Raw(port, 10_000);
      try {
        for (int i = 0; i < REQUESTS; i++) {
          Seed s = seeds.get(rnd.nextInt(seeds.size()));
          byte[] body = rnd.nextInt(10) == 0 ? s.body() : mutate(s.body(), rnd);
          List<String> headers = new ArrayList<>();
          if (s.jsonLength() >= 0) {
            int declared = s.jsonLength();
            if (rnd.nextInt(4) == 0) {
              declared += rnd.nextInt(9) - 4;
            }
            headers.add("Inference-Header-Content-Length: " + declared);
          }
          Wire.Answer a;
          try {
            raw.post(s.path(), s.contentType(), body, headers.toArray(new String[0]));
            a = raw.read();
          } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError(
                "request " + i + " hung: " + new String(body, StandardCharsets.UTF_8), e);
          } catch (IOException e) {
            // The server may close after an error it cannot recover from; reconnect and retry.
            raw.close();
            raw = new Wire.Raw(port, 10_000);
            raw.post(s.path(), s.contentType(), body, headers.toArray(new String[0]));
            a = raw.read();
          }
          byStatus[a.status()]++;
          if (a.status() >= 500) {
            fail(
                "request %d to %s answered %d: %s%nbody: %s",
                i, s.path(), a.status(), a.text(), new String(body, StandardCharsets.UTF_8));
          }
          if ("close".equalsIgnoreCase(a.headers().get("connection"))) {
            raw.close();
            raw = new Wire.Raw(port, 10_000);
          }
        }
      } finally {
        raw.close();
      }
      assertThat(byStatus[200]).isGreaterThan(REQUESTS / 20);
      assertThat(byStatus[400]).isGreaterThan(REQUESTS / 2);
      // A normal request succeeds after.
      assertThat(
              Wire.post(
                      port,
                      "/v2/models/double/infer",
                      "application/json",
                      "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[2]}]}")
                  .body())
          .contains("\"data\":[4.0]");
      // Leaks surface when a leaked buffer is collected and another is tracked.
      for (int round = 0; round < 3; round++) {
        System.gc();
        for (int i = 0; i < 50; i++) {
          assertThat(Wire.get(port, "/v2/health/ready").statusCode()).isEqualTo(200);
        }
      }
    }
    assertThat(leaks).as("Netty leak reports").isEmpty();
    assertThat(detectorReportsAPlantedLeak()).as("the leak capture works").isTrue();
  }

  /** Leaks one buffer on purpose and checks that the capture sees the report. */
  private boolean detectorReportsAPlantedLeak() {
    leak();
    for (int i = 0; i < 200 && leaks.isEmpty(); i++) {
      System.gc();
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
      probe.release();
    }
    boolean seen = !leaks.isEmpty();
    leaks.clear();
    return seen;
  }

  private static void leak() {
    PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(1);
  }
}
