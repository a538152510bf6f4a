package io.kserve4j.server.rest;

import static io.kserve4j.protocol.testkit.Samples.assertSameTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.client.RestClient;
import io.kserve4j.protocol.testkit.Samples;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RestServerTest {
  private static final String DOUBLE_JSON =
      "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2]}]}";

  static TestHandler handler;
  static RestServer server;
  static int port;
  static RestClient json;
  static RestClient binary;

  @BeforeAll
  static void start() {
    handler = new TestHandler();
    server =
        RestServer.builder(handler)
            .host("127.0.0.1")
            .port(0)
            .maxBodyBytes(64 * 1024)
            .readTimeout(Duration.ofMillis(500))
            .build()
            .start();
    port = server.port();
    URI base = URI.create("http://127.0.0.1:" + port);
    json = RestClient.builder(base).timeout(Duration.ofSeconds(20)).build();
    binary = RestClient.builder(base).binary(true).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    handler.slowRelease.countDown();
    server.close();
  }

  /** The good request that must succeed after every bad one. */
  private static void goodRequestSucceeds() throws Exception {
    HttpResponse<String> r =
        Wire.post(port, "/v2/models/double/infer", "application/json", DOUBLE_JSON);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"data\":[3.0,4.0]");
  }

  // -------------------------------------------------------------------------------- routes

  @Test
  void healthAndMetadataRoutes_answerAsKServe() throws Exception {
    assertThat(Wire.get(port, "/").body()).isEqualTo("{\"status\":\"alive\"}");
    assertThat(Wire.get(port, "/v2/health/live").body()).isEqualTo("{\"live\":true}");
    assertThat(Wire.get(port, "/v2/health/ready").body()).isEqualTo("{\"ready\":true}");
    assertThat(Wire.get(port, "/v2").body())
        .isEqualTo(
            "{\"name\":\"kserve4j\",\"version\":\"test\",\"extensions\":"
                + "[\"model_repository_extension\"]}");
    String models =
        "{\"models\":[\"cold\",\"crash\",\"double\",\"echo\",\"fail\",\"huge\",\"slow\"]}";
    assertThat(Wire.get(port, "/v2/models").body()).isEqualTo(models);
    assertThat(Wire.get(port, "/v1/models").body()).isEqualTo(models);
    assertThat(Wire.get(port, "/v1/models/double").body())
        .isEqualTo("{\"name\":\"double\",\"ready\":true}");
    assertThat(Wire.get(port, "/v2/models/double/ready").body())
        .isEqualTo("{\"name\":\"double\",\"ready\":true}");
    HttpResponse<String> meta = Wire.get(port, "/v2/models/double");
    assertThat(meta.statusCode()).isEqualTo(200);
    assertThat(meta.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(meta.body())
        .isEqualTo(
            "{\"name\":\"double\",\"platform\":\"java\",\"inputs\":[{\"name\":\"x\",\"datatype\":"
                + "\"FP32\",\"shape\":[-1,-1]}],\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\","
                + "\"shape\":[-1,-1]}]}");
  }

  @Test
  void unknownModel_is404_onEveryModelRoute() throws Exception {
    for (String path : List.of("/v1/models/nope", "/v2/models/nope", "/v2/models/nope/ready")) {
      HttpResponse<String> r = Wire.get(port, path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).startsWith("{\"error\":\"model 'nope': Model with name nope does not");
    }
    assertThat(
            Wire.post(port, "/v2/models/nope/infer", "application/json", DOUBLE_JSON).statusCode())
        .isEqualTo(404);
    assertThat(
            Wire.post(port, "/v1/models/nope:predict", "application/json", "{\"instances\":[]}")
                .statusCode())
        .isEqualTo(404);
    goodRequestSucceeds();
  }

  @Test
  void notReadyModel_is503_andVersions_areTheModel_orItsTaggedRevision() throws Exception {
    HttpResponse<String> r = Wire.get(port, "/v2/models/cold/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("Model with name cold is not ready.");
    assertThat(Wire.get(port, "/v1/models/cold").statusCode()).isEqualTo(503);
    assertThat(
            Wire.post(port, "/v2/models/cold/infer", "application/json", DOUBLE_JSON).statusCode())
        .isEqualTo(503);
    // A numeric version (as Triton's clients send) is the model itself; a tag is a revision tag,
    // and this handler has no revisions: 404 (kserve4j's tag routing; KServe answers 501).
    assertThat(Wire.get(port, "/v2/models/double/versions/1").body())
        .contains("\"name\":\"double\"");
    assertThat(Wire.get(port, "/v2/models/double/versions/1/ready").statusCode()).isEqualTo(200);
    assertThat(
            Wire.post(port, "/v2/models/double/versions/1/infer", "application/json", DOUBLE_JSON)
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> tagged =
        Wire.post(port, "/v2/models/double/versions/latest/infer", "application/json", DOUBLE_JSON);
    assertThat(tagged.statusCode()).isEqualTo(404);
    assertThat(tagged.body()).contains("no revision is tagged 'latest'");
  }

  @Test
  void unknownRoute_is404_andWrongMethod_is405() throws Exception {
    HttpResponse<String> r = Wire.get(port, "/v3/anything");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no route for GET /v3/anything");
    HttpResponse<String> m = Wire.get(port, "/v2/models/double/infer");
    assertThat(m.statusCode()).isEqualTo(405);
    assertThat(m.headers().firstValue("allow")).hasValue("POST");
    assertThat(Wire.post(port, "/v2/health/ready", "application/json", "{}").statusCode())
        .isEqualTo(405);
  }

  // --------------------------------------------------------------------------- inference

  @Test
  void v2Infer_json_echoesRequestIdAndGeneratesOne() throws Exception {
    HttpResponse<String> r =
        Wire.HTTP.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v2/models/double/infer"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-42")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(DOUBLE_JSON))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-request-id")).hasValue("req-42");
    assertThat(r.body())
        .isEqualTo(
            "{\"model_name\":\"double\",\"id\":\"req-42\",\"outputs\":[{\"name\":\"y\","
                + "\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[3.0,4.0]}]}");
    assertThat(handler.lastHeaders.get()).containsEntry("x-request-id", "req-42");

    HttpResponse<String> noId =
        Wire.post(port, "/v2/models/double/infer", "application/json", DOUBLE_JSON);
    String id = noId.headers().firstValue("x-request-id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(noId.body()).contains("\"id\":\"" + id + "\"");

    HttpResponse<String> bodyId =
        Wire.post(
            port,
            "/v2/models/double/infer",
            "application/json",
            DOUBLE_JSON.replace("{\"inputs\"", "{\"id\":\"mine\",\"inputs\""));
    assertThat(bodyId.body()).contains("\"id\":\"mine\"");
  }

  @ParameterizedTest
  @EnumSource(
      value = DataType.class,
      names = {"FP16", "BF16"},
      mode = EnumSource.Mode.EXCLUDE)
  void client_jsonRoundTrip_everyDatatype(DataType type) {
    Tensor t = Samples.tensor("t", type);
    InferResponse r = json.infer("echo", InferRequest.builder().id("j").input(t).build());
    assertThat(r.modelName()).isEqualTo("echo");
    assertThat(r.id()).isEqualTo("j");
    assertThat(r.parameters()).containsEntry("echoed", 1L);
    assertSameTensor(r.output("t"), t);
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void client_binaryRoundTrip_everyDatatype(DataType type) {
    Tensor t = Samples.tensor("t", type);
    InferResponse r = binary.infer("echo", InferRequest.of(t));
    assertSameTensor(r.output("t"), t);
    assertThat(r.output("t").isBufferBacked()).isEqualTo(type != DataType.BYTES);
    assertThat(
            java.util.Objects.requireNonNull(handler.lastRequest.get()).input("t").isBufferBacked())
        .isEqualTo(type != DataType.BYTES);
  }

  @Test
  void fp16Output_asJson_is400_butFp16InputsTravelBinary() {
    Tensor h = Samples.tensor("h", DataType.FP16);
    assertThatThrownBy(() -> json.infer("echo", InferRequest.of(h)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("FP16, which JSON cannot carry");
    InferResponse r =
        json.infer(
            "echo",
            InferRequest.builder()
                .input(h)
                .output(new RequestedOutput("h", Map.of("binary_data", true)))
                .build());
    assertSameTensor(r.output("h"), h);
  }

  @Test
  void requestedOutputs_andBinaryDataOutput_selectWhatComesBack() throws Exception {
    Tensor a = Samples.tensor("a", DataType.INT32);
    Tensor b = Samples.tensor("b", DataType.FP64);
    InferResponse onlyB =
        json.infer("echo", InferRequest.builder().input(a).input(b).output("b").build());
    assertThat(onlyB.outputs()).extracting(Tensor::name).containsExactly("b");

    String mixed =
        "{\"inputs\":[{\"name\":\"a\",\"shape\":[2],\"datatype\":\"INT32\",\"data\":[1,2]},"
            + "{\"name\":\"b\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[0.5]}],"
            + "\"outputs\":[{\"name\":\"b\"},{\"name\":\"a\",\"parameters\":{\"binary_data\":true}}]}";
    try (Wire.Raw raw = new Wire.Raw(port, 10_000)) {
      raw.post("/v2/models/echo/infer", "application/json", mixed.getBytes(StandardCharsets.UTF_8));
      Wire.Answer r = raw.read();
      assertThat(r.status()).isEqualTo(200);
      int jsonLength = Integer.parseInt(r.headers().get("inference-header-content-length"));
      assertThat(r.headers().get("content-type")).isEqualTo("application/octet-stream");
      assertThat(r.body().length).isEqualTo(jsonLength + 8);
      String head = new String(r.body(), 0, jsonLength, StandardCharsets.UTF_8);
      assertThat(head)
          .contains(
              "\"outputs\":[{\"name\":\"b\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[0.5]},"
                  + "{\"name\":\"a\",\"datatype\":\"INT32\",\"shape\":[2],"
                  + "\"parameters\":{\"binary_data_size\":8}}]");
      assertThat(r.body()[jsonLength]).isEqualTo((byte) 1);
      assertThat(r.body()[jsonLength + 4]).isEqualTo((byte) 2);

      String all =
          "{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\"a\","
              + "\"shape\":[2],\"datatype\":\"INT32\",\"data\":[1,2]}]}";
      raw.post("/v2/models/echo/infer", "application/json", all.getBytes(StandardCharsets.UTF_8));
      Wire.Answer r2 = raw.read();
      assertThat(r2.headers()).containsKey("inference-header-content-length");
      assertThat(r2.text()).contains("\"binary_data_size\":8");
    }
    assertThatThrownBy(
            () -> json.infer("echo", InferRequest.builder().input(a).output("zz").build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("asks for output 'zz'");
  }

  @Test
  void v1Predict_andExplain() throws Exception {
    HttpResponse<String> r =
        Wire.post(
            port, "/v1/models/double:predict", "application/json", "{\"instances\":[[1,2],[3,4]]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"predictions\":[[2.0,4.0],[6.0,8.0]]}");
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
    HttpResponse<String> octet =
        Wire.post(
            port, "/v1/models/double:predict", "application/octet-stream", "{\"inputs\":[[1]]}");
    assertThat(octet.body()).isEqualTo("{\"predictions\":[[2.0]]}");
    HttpResponse<String> nonList =
        Wire.post(port, "/v1/models/double:predict", "application/json", "{\"instances\":3}");
    assertThat(nonList.statusCode()).isEqualTo(400);
    assertThat(nonList.body()).contains("Expected \\\"instances\\\" to be a list");
    HttpResponse<String> noExplainer =
        Wire.post(port, "/v1/models/double:explain", "application/json", "{\"instances\":[[1]]}");
    assertThat(noExplainer.statusCode()).isEqualTo(501);
    assertThat(noExplainer.body()).contains("this model has no explainer");
    HttpResponse<String> explained =
        Wire.post(port, "/v1/models/echo:explain", "application/json", "{\"instances\":[1,2]}");
    assertThat(explained.body()).isEqualTo("{\"explanations\":[1,2]}");
    goodRequestSucceeds();
  }

  @Test
  void v1Predict_withAnotherContentType_handsTheModelRawBytes() throws Exception {
    HttpResponse<String> r =
        Wire.post(port, "/v1/models/echo:predict", "text/plain", "hello model");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"predictions\":[\"hello model\"]}");
    Tensor raw = java.util.Objects.requireNonNull(handler.lastRequest.get()).input("input-0");
    assertThat(raw.parameters()).containsEntry("content_type", "text/plain");
  }

  // ------------------------------------------------------------------------------ errors

  @Test
  void modelFailures_are500_withTheMessage() throws Exception {
    HttpResponse<String> fail =
        Wire.post(port, "/v2/models/fail/infer", "application/json", DOUBLE_JSON);
    assertThat(fail.statusCode()).isEqualTo(500);
    assertThat(fail.body()).isEqualTo("{\"error\":\"model 'fail': the model failed on purpose\"}");
    HttpResponse<String> crash =
        Wire.post(port, "/v2/models/crash/infer", "application/json", DOUBLE_JSON);
    assertThat(crash.statusCode()).isEqualTo(500);
    assertThat(crash.body()).isEqualTo("{\"error\":\"IllegalStateException : boom\"}");
    assertThatThrownBy(() -> json.infer("fail", InferRequest.of(Tensor.of("x", new float[] {1}))))
        .isInstanceOf(ModelFailureException.class)
        .hasMessageContaining("HTTP 500: model 'fail': the model failed on purpose");
    goodRequestSucceeds();
  }

  @Test
  void malformedJson_is400_namingLineAndColumn() throws Exception {
    HttpResponse<String> r =
        Wire.post(port, "/v2/models/double/infer", "application/json", "{\"inputs\": [}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("malformed JSON at line 1, column 13");
    goodRequestSucceeds();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/octet-stream", "text/plain", "application/x-www-form-urlencoded"})
  void v2Infer_nonJsonContentTypeWithoutBinaryHeader_is400(String contentType) throws Exception {
    HttpResponse<String> r = Wire.post(port, "/v2/models/double/infer", contentType, DOUBLE_JSON);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("without the 'inference-header-content-length' header");
    assertThat(
            Wire.post(
                    port, "/v2/models/double/infer", "application/json; charset=utf-8", DOUBLE_JSON)
                .statusCode())
        .isEqualTo(200);
    assertThat(Wire.post(port, "/v2/models/double/infer", null, DOUBLE_JSON).statusCode())
        .isEqualTo(200); // no Content-Type at all is read as JSON, as KServe does
    goodRequestSucceeds();
  }

  @Test
  void bodyOverTheLimit_is413() throws Exception {
    String big = "{\"inputs\":[],\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
    try (Wire.Raw raw = new Wire.Raw(port, 10_000)) {
      raw.post("/v2/models/double/infer", "application/json", big.getBytes(StandardCharsets.UTF_8));
      Wire.Answer r = raw.read();
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.text()).contains("larger than this server's limit of 65536 bytes");
      // The connection stays usable: the rest of the body was skipped.
      raw.post(
          "/v2/models/double/infer",
          "application/json",
          DOUBLE_JSON.getBytes(StandardCharsets.UTF_8));
      assertThat(raw.read().status()).isEqualTo(200);
    }
    goodRequestSucceeds();
  }

  @Test
  void binarySizesThatDoNotMatchTheBody_are400() throws Exception {
    String head =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":8}}]}";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    try (Wire.Raw raw = new Wire.Raw(port, 10_000)) {
      byte[] shortBody = java.util.Arrays.copyOf(h, h.length + 4);
      raw.post(
          "/v2/models/double/infer",
          "application/octet-stream",
          shortBody,
          "Inference-Header-Content-Length: " + h.length);
      Wire.Answer r = raw.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.text()).contains("binary_data_size' = 8 but only 4 bytes");
      raw.post(
          "/v2/models/double/infer",
          "application/octet-stream",
          shortBody,
          "Inference-Header-Content-Length: " + (h.length + 99));
      assertThat(raw.read().text()).contains("but the body has");
      byte[] good =
          java.nio.ByteBuffer.allocate(h.length + 8)
              .order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .put(h)
              .putFloat(1)
              .putFloat(2)
              .array();
      raw.post(
          "/v2/models/double/infer",
          "application/octet-stream",
          good,
          "Inference-Header-Content-Length: " + h.length);
      Wire.Answer ok = raw.read();
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.text()).contains("\"data\":[2.0,4.0]");
    }
    goodRequestSucceeds();
  }

  @Test
  void badShapesInputsAndDatatypes_are400() throws Exception {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {DOUBLE_JSON.replace("[1,2]", "[4294967296,4294967296]"), "overflows"});
    cases.add(
        new String[] {DOUBLE_JSON.replace("[1,2]", "[1,3]"), "has 2 elements but its shape has 3"});
    cases.add(new String[] {DOUBLE_JSON.replace("\"x\"", "\"z\""), "unknown input 'z'"});
    cases.add(
        new String[] {
          DOUBLE_JSON.replace("FP32", "FP64"), "input 'x' is FP64 but the model takes FP32"
        });
    for (String[] c : cases) {
      HttpResponse<String> r = Wire.post(port, "/v2/models/double/infer", "application/json", c[0]);
      assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
      assertThat(r.body()).startsWith("{\"error\":\"model 'double': ").contains(c[1]);
      goodRequestSucceeds();
    }
  }

  @Test
  void requestThatStopsMidBody_isAnswered408AndClosed_withoutHarmingOthers() throws Exception {
    try (Wire.Raw raw = new Wire.Raw(port, 10_000)) {
      String head =
          "POST /v2/models/double/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1000\r\n\r\n{\"inputs\":";
      raw.out.write(head.getBytes(StandardCharsets.US_ASCII));
      raw.out.flush();
      goodRequestSucceeds(); // another connection is served meanwhile
      String rest = new String(raw.readToEnd(), StandardCharsets.US_ASCII);
      assertThat(rest).startsWith("HTTP/1.1 408").contains("read timeout of 500 ms");
    }
    goodRequestSucceeds();
  }

  @Test
  void slowClientTricklingHeaders_isClosed_withoutHarmingOthers() throws Exception {
    RestServer quick =
        RestServer.builder(handler)
            .host("127.0.0.1")
            .port(0)
            .idleTimeout(Duration.ofMillis(300))
            .build()
            .start();
    try (quick;
        Wire.Raw raw = new Wire.Raw(quick.port(), 10_000)) {
      raw.out.write(
          "GET /v2/health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      raw.out.flush();
      assertThat(Wire.get(quick.port(), "/v2/health/live").statusCode()).isEqualTo(200);
      assertThat(raw.readToEnd()).isEmpty(); // closed: the request never ended
    }
    goodRequestSucceeds();
  }

  @Test
  void slowModel_blocksNoOtherRequest() throws Exception {
    handler.slowStarted = new CountDownLatch(1);
    handler.slowRelease = new CountDownLatch(1);
    try (Wire.Raw raw = new Wire.Raw(port, 20_000)) {
      raw.post(
          "/v2/models/slow/infer",
          "application/json",
          DOUBLE_JSON.getBytes(StandardCharsets.UTF_8));
      assertThat(handler.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(Wire.get(port, "/v2/health/ready").statusCode()).isEqualTo(200);
      goodRequestSucceeds();
      handler.slowRelease.countDown();
      assertThat(raw.read().status()).isEqualTo(200);
    }
  }

  @Test
  void fullInferenceQueue_is503_andTheServerRecovers() throws Exception {
    handler.slowStarted = new CountDownLatch(1);
    handler.slowRelease = new CountDownLatch(1);
    java.util.concurrent.ThreadPoolExecutor one =
        new java.util.concurrent.ThreadPoolExecutor(
            1, 1, 0, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1));
    try (RestServer s =
            RestServer.builder(handler).host("127.0.0.1").port(0).executor(one).build().start();
        Wire.Raw slow = new Wire.Raw(s.port(), 20_000);
        Wire.Raw queued = new Wire.Raw(s.port(), 20_000)) {
      slow.post(
          "/v2/models/slow/infer",
          "application/json",
          DOUBLE_JSON.getBytes(StandardCharsets.UTF_8));
      assertThat(handler.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
      queued.post(
          "/v2/models/double/infer",
          "application/json",
          DOUBLE_JSON.getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> rejected =
          Wire.post(s.port(), "/v2/models/double/infer", "application/json", DOUBLE_JSON);
      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(rejected.body()).contains("inference queue is full");
      // Health and metadata never wait behind inference.
      assertThat(Wire.get(s.port(), "/v2/health/ready").statusCode()).isEqualTo(200);
      handler.slowRelease.countDown();
      assertThat(slow.read().status()).isEqualTo(200);
      assertThat(queued.read().status()).isEqualTo(200);
      assertThat(Wire.get(s.port(), "/v2/health/ready").statusCode()).isEqualTo(200);
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() throws Exception {
    try (Wire.Raw raw = new Wire.Raw(port, 10_000)) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        String body = DOUBLE_JSON.replace("{\"inputs\"", "{\"id\":\"p" + i + "\",\"inputs\"");
        all.append(
                "POST /v2/models/double/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
            .append("Content-Length: ")
            .append(body.length())
            .append("\r\n\r\n")
            .append(body);
      }
      raw.out.write(all.toString().getBytes(StandardCharsets.UTF_8));
      raw.out.flush();
      for (int i = 0; i < 5; i++) {
        assertThat(raw.read().text()).contains("\"id\":\"p" + i + "\"");
      }
    }
  }

  // -------------------------------------------------------------------------------- client

  @Test
  void client_healthMetadataAndErrors() {
    assertThat(json.isServerLive()).isTrue();
    assertThat(json.isServerReady()).isTrue();
    assertThat(json.serverMetadata().name()).isEqualTo("kserve4j");
    ModelMetadata m = json.modelMetadata("double");
    assertThat(m.inputs().get(0).name()).isEqualTo("x");
    assertThat(json.isModelReady("double")).isTrue();
    assertThat(json.isModelReady("cold")).isFalse();
    assertThatThrownBy(() -> json.isModelReady("nope"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("HTTP 404: model 'nope': Model with name nope does not exist");
    assertThatThrownBy(() -> json.modelMetadata("nope")).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> json.infer("cold", InferRequest.of(Tensor.of("x", new float[] {1}))))
        .isInstanceOf(ModelNotReadyException.class);
    InferResponse r = binary.infer("double", InferRequest.of("x", new float[][] {{1, 2}}));
    assertThat(r.output("y").asFloats()).containsExactly(2f, 4f);
  }

  @Test
  void client_unreachableServer_isNotLive_andInferIsUnavailable() throws Exception {
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      free = s.getLocalPort();
    }
    try (RestClient c =
        RestClient.builder(URI.create("http://127.0.0.1:" + free))
            .connectTimeout(Duration.ofSeconds(2))
            .build()) {
      assertThat(c.isServerLive()).isFalse();
      assertThatThrownBy(() -> c.infer("m", InferRequest.of(Tensor.of("x", new float[] {1}))))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.status()).isEqualTo(InferenceStatus.UNAVAILABLE));
    }
  }

  @Test
  void server_portInUse_failsToStart_andNeedsStartBeforePort() {
    RestServer unstarted = RestServer.builder(handler).port(0).build();
    assertThatThrownBy(unstarted::port).hasMessageContaining("not started");
    RestServer clash = RestServer.builder(handler).host("127.0.0.1").port(port).build();
    assertThatThrownBy(clash::start)
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
    assertThatThrownBy(() -> RestServer.builder(handler).maxBodyBytes(0))
        .hasMessageContaining("maxBodyBytes = 0");
  }
}
