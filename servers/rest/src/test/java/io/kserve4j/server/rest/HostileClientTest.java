package io.kserve4j.server.rest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.testkit.AlarmLog;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless client can do to the REST server, one test per finding of the
 * hardening probe (rows 1-15 of the issue) and per class of attack the probe found held. Real
 * sockets on loopback; each test asserts the status, that the answer came within a time bound, that
 * nothing was logged as a warning or with a stack trace, and that a good request succeeds after.
 * Limits are set small so that the bounds are proved without allocating gigabytes.
 */
class HostileClientTest {
  private static final String GOOD =
      "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2]}]}";
  // Generous for a loaded 2-core CI machine; what these rows cost before was seconds to minutes.
  private static final Duration QUICK = Duration.ofSeconds(3);

  static TestHandler handler;
  static RestServer server;
  static int port;
  AlarmLog log;

  @BeforeAll
  static void start() {
    handler = new TestHandler();
    server =
        RestServer.builder(handler)
            .host("127.0.0.1")
            .port(0)
            .maxBodyBytes(4 * 1024 * 1024)
            .maxResponseBytes(256 * 1024)
            .readTimeout(Duration.ofMillis(500))
            .idleTimeout(Duration.ofMillis(500))
            .build()
            .start();
    port = server.port();
  }

  @AfterAll
  static void stop() {
    handler.slowRelease.countDown();
    server.close();
  }

  @BeforeEach
  void captureLogs() {
    log = new AlarmLog("io.kserve4j", "io.netty");
  }

  @AfterEach
  void quietLogs_andAGoodRequestSucceeds() throws Exception {
    try {
      assertThat(log.alarming()).as("warnings or stack traces").isEmpty();
    } finally {
      log.close();
    }
    goodRequestSucceeds(port);
  }

  /**
   * A good request on a fresh connection: this server closes idle connections after 500 ms, so a
   * pooled one could be closed under the client's feet.
   */
  static void goodRequestSucceeds(int port) throws Exception {
    try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
      raw.post("/v2/models/double/infer", "application/json", GOOD.getBytes(US_ASCII));
      Wire.Answer a = raw.read();
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.text()).contains("\"data\":[3.0,4.0]");
    }
  }

  /** One call on a fresh connection, its time asserted. */
  private static Wire.Answer post(String path, byte[] body, String... headers) throws Exception {
    return timed(QUICK, () -> once(path, "application/json", body, headers));
  }

  private static Wire.Answer once(String path, String contentType, byte[] body, String... headers)
      throws Exception {
    try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
      raw.post(path, contentType, body, headers);
      return raw.read();
    }
  }

  /** Raw bytes on a fresh connection; the first answer, its time asserted. */
  private static Wire.Answer raw(String request) throws Exception {
    return timed(
        QUICK,
        () -> {
          try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
            raw.out.write(request.getBytes(US_ASCII));
            raw.out.flush();
            return raw.read();
          }
        });
  }

  interface Call<T> {
    T call() throws Exception;
  }

  static <T> T timed(Duration bound, Call<T> call) throws Exception {
    long start = System.nanoTime();
    T t = call.call();
    long took = System.nanoTime() - start;
    assertThat(Duration.ofNanos(took)).as("answered within %s", bound).isLessThan(bound);
    return t;
  }

  private static String tensor(String name, String datatype, String shape, String data) {
    return "{\"name\":\""
        + name
        + "\",\"datatype\":\""
        + datatype
        + "\",\"shape\":"
        + shape
        + ",\"data\":"
        + data
        + "}";
  }

  // ------------------------------------------------------------------- the probe's findings

  @Test
  void row01_fortyThousandInputs_is400AtTheLimit_inMilliseconds() throws Exception {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    for (int i = 0; i < 40_000; i++) {
      b.append(i == 0 ? "" : ",").append(tensor(String.format("i%05d", i), "BOOL", "[0]", "[]"));
    }
    byte[] body = b.append("]}").toString().getBytes(UTF_8);
    assertThat(body.length).isGreaterThan(2_000_000);

    Wire.Answer a = post("/v2/models/echo/infer", body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text())
        .isEqualTo(
            "{\"error\":\"model 'echo': the request has more than 256 input tensors, this"
                + " server's limit (send the model's inputs only, each once; or raise the server's"
                + " maxInputs)\"}");
  }

  @Test
  void row02_anOutputNamedTwice_is400_beforeTheModelRuns() throws Exception {
    String big = "a".repeat(100_000);
    StringBuilder outputs = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      outputs.append(i == 0 ? "" : ",").append("{\"name\":\"y\"}");
    }
    String json =
        "{\"inputs\":["
            + tensor("y", "BYTES", "[2]", "[\"" + big + "\",\"" + big + "\"]")
            + "],\"outputs\":["
            + outputs
            + "]}";
    handler.lastRequest.set(null);

    Wire.Answer a = post("/v2/models/echo/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text())
        .isEqualTo(
            "{\"error\":\"model 'echo': output 'y' is asked for twice (name each requested output"
                + " once; the answer holds it once)\"}");
    assertThat(handler.lastRequest.get()).as("the model never ran").isNull();
  }

  @Test
  void row02_anAnswerOverTheResponseLimit_is413_namingTheSetting() throws Exception {
    String big = "a".repeat(150_000);
    String json =
        "{\"inputs\":[" + tensor("y", "BYTES", "[2]", "[\"" + big + "\",\"" + big + "\"]") + "]}";

    Wire.Answer a = post("/v2/models/echo/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.text())
        .isEqualTo(
            "{\"error\":\"model 'echo': the answer is at least 300079 bytes, more than this"
                + " server's response limit of 262144 bytes (ask for fewer or smaller outputs, or"
                + " for outputs in binary; or raise RestServer.Builder.maxResponseBytes)\"}");
  }

  @Test
  void row03_aBinaryAnswerOverTheLimit_is413_beforeItIsCopied() throws Exception {
    String big = "b".repeat(150_000);
    String json =
        "{\"parameters\":{\"binary_data_output\":true},\"inputs\":["
            + tensor("y", "BYTES", "[2]", "[\"" + big + "\",\"" + big + "\"]")
            + "]}";

    Wire.Answer a = post("/v2/models/echo/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.text()).contains("the answer is at least 300").contains("maxResponseBytes");
  }

  @Test
  void row03_row10_anAnswerOfGigabytes_is413_withoutBuildingIt() throws Exception {
    // 2,100 x 1 MiB: 2.2 GB as JSON or binary, over 2 GiB; the model holds 1 MiB.
    for (String params : new String[] {"", "\"parameters\":{\"binary_data_output\":true},"}) {
      Wire.Answer a =
          post("/v2/models/huge/infer", ("{" + params + "\"inputs\":[]}").getBytes(UTF_8));

      assertThat(a.status()).isEqualTo(413);
      assertThat(a.text()).contains("the answer is at least 22").contains("262144 bytes");
    }
  }

  @Test
  void row05_healthReadinessAndMetadata_answerWithin1s_whileTheInferenceQueueIsFull()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    handler.slowStarted = new CountDownLatch(1);
    handler.slowRelease = release;
    ThreadPoolExecutor two =
        new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
    List<Wire.Raw> blocked = new ArrayList<>();
    try (RestServer s =
        RestServer.builder(handler).host("127.0.0.1").port(0).executor(two).build().start()) {
      for (int i = 0; i < 6; i++) {
        Wire.Raw r = new Wire.Raw(s.port(), 20_000);
        blocked.add(r);
        r.post("/v2/models/slow/infer", "application/json", GOOD.getBytes(UTF_8));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((two.getActiveCount() < 2 || two.getQueue().remainingCapacity() > 0)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(two.getQueue().remainingCapacity()).as("the inference queue is full").isZero();

      for (String path :
          List.of(
              "/v2/health/live",
              "/v2/health/ready",
              "/v2/models/double",
              "/v2/models/double/ready",
              "/v1/models/double",
              "/v2",
              "/")) {
        HttpResponse<String> r = timed(Duration.ofSeconds(1), () -> Wire.get(s.port(), path));
        assertThat(r.statusCode()).as(path).isEqualTo(200);
      }
      HttpResponse<String> rejected =
          timed(
              Duration.ofSeconds(1),
              () -> Wire.post(s.port(), "/v2/models/double/infer", "application/json", GOOD));
      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(rejected.body()).contains("inference queue is full");

      release.countDown();
      for (Wire.Raw r : blocked) {
        assertThat(r.read().status()).isEqualTo(200);
      }
      goodRequestSucceeds(s.port());
    } finally {
      release.countDown();
      for (Wire.Raw r : blocked) {
        r.close();
      }
      two.shutdownNow();
    }
  }

  @Test
  void row07_aRequestIdThatCannotBeAHeader_is400_beforeTheModelRuns() throws Exception {
    handler.lastRequest.set(null);
    for (String id : new String[] {"a\\r\\nSet-Cookie: evil=1", "a\\u0000b", "\\ud800"}) {
      String json = "{\"id\":\"" + id + "\"," + GOOD.substring(1);

      Wire.Answer a = post("/v2/models/double/infer", json.getBytes(UTF_8));

      assertThat(a.status()).as(id).isEqualTo(400);
      assertThat(a.text())
          .containsAnyOf("the request id ('id') holds", "'id' holds an unpaired UTF-16 surrogate");
      assertThat(a.headers()).doesNotContainKey("set-cookie").doesNotContainKey("x-request-id");
    }
    assertThat(handler.lastRequest.get()).as("the model never ran").isNull();
  }

  @Test
  void row07_aLongRequestId_is400_andAPrintableOneComesBackSafely() throws Exception {
    String json = "{\"id\":\"" + "x".repeat(100_000) + "\"," + GOOD.substring(1);
    Wire.Answer tooLong = post("/v2/models/double/infer", json.getBytes(UTF_8));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.text())
        .contains("the request id ('id') is 100000 characters long; this server takes at most 256");
    assertThat(tooLong.body().length).isLessThan(1024);

    Wire.Answer header =
        post("/v2/models/double/infer", GOOD.getBytes(UTF_8), "X-Request-Id: a\u0001b");
    assertThat(header.status()).isEqualTo(400);
    // Netty's header validation refuses it before the request is routed.
    assertThat(header.text()).contains("Validation failed for header 'X-Request-Id'");

    String unicode = "{\"id\":\"caf\u00e9 \ud83d\ude00\"," + GOOD.substring(1);
    Wire.Answer ok = post("/v2/models/double/infer", unicode.getBytes(UTF_8));
    assertThat(ok.status()).isEqualTo(200);
    // Jackson writes a character outside the BMP as its JSON escape pair.
    assertThat(ok.text()).contains("\"id\":\"caf\u00e9 \\uD83D\\uDE00\"");
    assertThat(ok.headers()).containsEntry("x-request-id", "caf%C3%A9%20%F0%9F%98%80");
  }

  @Test
  void row08_aBadPercentEscape_is400_withoutAStackTrace() throws Exception {
    for (String path : new String[] {"/v2/models/%zz/ready", "/v2/models/%/infer", "/v2/%4"}) {
      Wire.Answer a = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(a.status()).as(path).isEqualTo(400);
      assertThat(a.text()).contains("is not a valid path").contains("percent-encode");
    }
  }

  @Test
  void row09_anEmptyBatch_isAnEmptyAnswer_notAModelFailure() throws Exception {
    String json = "{\"inputs\":[" + tensor("x", "FP32", "[0,4]", "[]") + "]}";

    Wire.Answer a = post("/v2/models/double/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).contains("\"shape\":[0,4],\"data\":[]");
  }

  @Test
  void row11_raggedNesting_is400() throws Exception {
    String json = "{\"inputs\":[" + tensor("x", "FP32", "[1,4]", "[[1,2],[3,[4]]]") + "]}";

    Wire.Answer a = post("/v2/models/double/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("'inputs[0].data' is ragged");
  }

  @Test
  void row12_garbageOnThePort_is400AndClosed_quietly() throws Exception {
    byte[] garbage = new byte[4096];
    new java.util.Random(12).nextBytes(garbage);
    garbage[0] = 'G';
    String answer =
        timed(
            QUICK,
            () -> {
              try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
                try {
                  raw.out.write(garbage);
                  raw.out.write("\r\n\r\n".getBytes(US_ASCII));
                  raw.out.flush();
                } catch (java.net.SocketException closedWhileWriting) {
                  // The server may answer 400 and close before the client has sent it all.
                }
                return new String(raw.readToEnd(), US_ASCII);
              }
            });
    assertThat(answer).startsWith("HTTP/1.1 400");
  }

  @Test
  void row13_megabyteDatatypesAndNames_areEchoedAsAShortPrefix() throws Exception {
    String big = "Q".repeat(3_000_000);
    for (String json :
        new String[] {
          "{\"inputs\":[" + tensor("x", big, "[1]", "[1]") + "]}",
          "{\"inputs\":[" + tensor(big, "FP32", "[1]", "[1]") + "]}",
          "{\"inputs\":["
              + tensor("x", "FP32", "[1]", "[1]")
              + "],\"outputs\":[{\"name\":\""
              + big
              + "\"}]}"
        }) {
      Wire.Answer a = post("/v2/models/double/infer", json.getBytes(UTF_8));

      assertThat(a.status()).isEqualTo(400);
      // The codec cuts what it echoes; a model's own message is cut as a whole.
      assertThat(a.text()).containsAnyOf("QQQ...(3000000 characters)", "characters cut)...");
      assertThat(a.body().length).isLessThan(1200);
    }
  }

  @Test
  void row14_bytesThatAreNotText_areNeverChangedSilently() throws Exception {
    String lone = "{\"inputs\":[" + tensor("s", "BYTES", "[1]", "[\"\\ud800\"]") + "]}";
    Wire.Answer a = post("/v2/models/echo/infer", lone.getBytes(UTF_8));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("unpaired UTF-16 surrogate");

    byte[] notText = {(byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc};
    for (boolean binaryAnswer : new boolean[] {false, true}) {
      String head =
          "{"
              + (binaryAnswer ? "\"parameters\":{\"binary_data_output\":true}," : "")
              + "\"inputs\":[{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1],"
              + "\"parameters\":{\"binary_data_size\":8}}]}";
      ByteBuffer body = ByteBuffer.allocate(head.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
      body.put(head.getBytes(US_ASCII)).putInt(4).put(notText);
      Wire.Answer r =
          timed(
              QUICK,
              () ->
                  once(
                      "/v2/models/echo/infer",
                      "application/octet-stream",
                      body.array(),
                      "Inference-Header-Content-Length: " + head.length()));
      if (binaryAnswer) {
        assertThat(r.status()).isEqualTo(200);
        byte[] b = r.body();
        assertThat(java.util.Arrays.copyOfRange(b, b.length - 4, b.length)).isEqualTo(notText);
      } else {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text())
            .contains(
                "element 0 is not UTF-8 text, which JSON cannot carry (ask for this tensor"
                    + " in binary");
      }
    }
  }

  @Test
  void row15_plainHttpSanity() throws Exception {
    Wire.Answer absolute = raw("GET http://evil.com/v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(absolute.status()).as("absolute-form is served as its path").isEqualTo(200);

    Wire.Answer version = raw("GET /v2/health/live HTTP/9.9\r\nHost: x\r\n\r\n");
    assertThat(version.status()).isEqualTo(505);
    assertThat(version.text()).contains("HTTP version 'HTTP/9.9' is not supported");

    Wire.Answer noHost = raw("GET /v2/health/live HTTP/1.1\r\n\r\n");
    assertThat(noHost.status()).isEqualTo(400);
    assertThat(noHost.text()).contains("must carry exactly one Host header");

    Wire.Answer twoHosts = raw("GET /v2/health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    assertThat(twoHosts.status()).isEqualTo(400);

    Wire.Answer http10 = raw("GET /v2/health/live HTTP/1.0\r\n\r\n");
    assertThat(http10.status()).as("HTTP/1.0 needs no Host").isEqualTo(200);
  }

  @Test
  void row15_h2cPriorKnowledge_isRefusedWithGoaway() throws Exception {
    byte[] frames =
        timed(
            QUICK,
            () -> {
              try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
                raw.out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(US_ASCII));
                raw.out.flush();
                return raw.readToEnd();
              }
            });
    // An empty SETTINGS frame, then GOAWAY(last stream 0, HTTP_1_1_REQUIRED), then close.
    assertThat(frames)
        .containsExactly(
            0, 0, 0, 4, 0, 0, 0, 0, 0, //
            0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xd);
  }

  // ----------------------------------------------------------- classes the probe found held

  @Test
  void oversizeBody_is413() throws Exception {
    Wire.Answer a = post("/v2/models/double/infer", new byte[5 * 1024 * 1024]);

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.text()).contains("larger than this server's limit of 4194304 bytes");
  }

  @Test
  void overflowingShape_is400() throws Exception {
    String json =
        "{\"inputs\":["
            + tensor("x", "FP32", "[9223372036854775807,9223372036854775807]", "[1]")
            + "]}";

    Wire.Answer a = post("/v2/models/double/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("overflows");
  }

  @Test
  void binarySizesPastTheBody_are400() throws Exception {
    String head =
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,2],"
            + "\"parameters\":{\"binary_data_size\":2147483647}}]}";

    Wire.Answer a =
        timed(
            QUICK,
            () ->
                once(
                    "/v2/models/double/infer",
                    "application/octet-stream",
                    (head + "12345678").getBytes(US_ASCII),
                    "Inference-Header-Content-Length: " + head.length()));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("binary_data_size' = 2147483647 but only 8 bytes");
  }

  @Test
  void parserLimits_deepNesting_is400() throws Exception {
    String json =
        "{\"inputs\":["
            + tensor("x", "FP32", "[1]", "[".repeat(5000) + "1" + "]".repeat(5000))
            + "]}";

    Wire.Answer a = post("/v2/models/double/infer", json.getBytes(UTF_8));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.text()).contains("malformed JSON").contains("nesting depth");
  }

  @Test
  void slowloris_tricklingHeaders_isClosedByTheIdleTimeout() throws Exception {
    byte[] rest =
        timed(
            QUICK,
            () -> {
              try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
                raw.out.write("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n".getBytes(US_ASCII));
                raw.out.flush();
                goodRequestSucceeds(port); // served meanwhile
                return raw.readToEnd();
              }
            });
    assertThat(rest).isEmpty();
  }

  @Test
  void pipelining_manyRequestsOnOneConnection_answeredInOrder() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < 50; i++) {
      String body = "{\"id\":\"p" + i + "\"," + GOOD.substring(1);
      all.writeBytes(
          ("POST /v2/models/double/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(US_ASCII));
    }
    timed(
        Duration.ofSeconds(5),
        () -> {
          try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
            raw.out.write(all.toByteArray());
            raw.out.flush();
            for (int i = 0; i < 50; i++) {
              assertThat(raw.read().text()).contains("\"id\":\"p" + i + "\"");
            }
          }
          return null;
        });
  }
}
