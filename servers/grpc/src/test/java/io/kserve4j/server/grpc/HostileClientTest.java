package io.kserve4j.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.testkit.AlarmLog;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.kserve4j.server.grpc.internal.proto.InferTensorContents;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferInputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferRequestedOutputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import io.kserve4j.server.grpc.internal.proto.ModelMetadataRequest;
import io.kserve4j.server.grpc.internal.proto.ModelReadyRequest;
import io.kserve4j.server.grpc.internal.proto.ServerLiveRequest;
import io.kserve4j.server.grpc.internal.proto.ServerMetadataRequest;
import io.kserve4j.server.grpc.internal.proto.ServerReadyRequest;
import io.netty.handler.codec.http2.Http2Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a hostile or careless client can do to the gRPC server, one test per finding of the
 * hardening probe (rows of the issue that concern gRPC) and per class of attack the probe found
 * held. Real sockets on loopback; each test asserts the status, that the answer came within a time
 * bound, that nothing was logged as a warning or with a stack trace, and that a good request
 * succeeds after. Limits are set small so that the bounds are proved without gigabytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientTest {
  // Generous for a loaded 2-core CI machine; what these rows cost before was seconds to minutes.
  private static final Duration QUICK = Duration.ofSeconds(3);
  private static final Metadata.Key<String> KSERVE4J_STATUS =
      Metadata.Key.of("kserve4j-status", Metadata.ASCII_STRING_MARSHALLER);

  private TestModels models;
  private GrpcServer server;
  private ManagedChannel channel;
  private AlarmLog log;

  @BeforeAll
  void start() {
    models = new TestModels();
    server = GrpcServer.builder().host("127.0.0.1").port(0).handler(models).build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  void stop() {
    models.release();
    channel.shutdownNow();
    server.close();
  }

  @BeforeEach
  void captureLogs() {
    log = new AlarmLog("io.kserve4j", "io.grpc", "io.netty");
  }

  @AfterEach
  void quietLogs_andAGoodRequestSucceeds() {
    try {
      assertThat(log.alarming()).as("warnings or stack traces").isEmpty();
    } finally {
      log.close();
    }
    goodRequestSucceeds(server.port());
  }

  static void goodRequestSucceeds(int port) {
    try (GrpcClient c = GrpcClient.create("127.0.0.1", port)) {
      InferResponse r = c.infer("doubler", InferRequest.of("x", new float[] {1, 2}, 1, 2));
      assertThat(r.output("y").asFloats()).containsExactly(2, 4);
    }
  }

  private GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  interface Call<T> {
    T call() throws Exception;
  }

  static <T> T timed(Duration bound, Call<T> call) throws Exception {
    long start = System.nanoTime();
    T t = call.call();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("answered within %s", bound)
        .isLessThan(bound);
    return t;
  }

  /** The status a call fails with, its time asserted. */
  private StatusRuntimeException failure(Call<?> call) throws Exception {
    return timed(QUICK, () -> assertThrows(StatusRuntimeException.class, call::call));
  }

  private static InferInputTensor.Builder input(String name, String datatype, long... shape) {
    InferInputTensor.Builder b = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      b.addShape(d);
    }
    return b;
  }

  private static ModelInferRequest doubler(String id) {
    return ModelInferRequest.newBuilder()
        .setModelName("doubler")
        .setId(id)
        .addInputs(
            input("x", "FP32", 1, 2)
                .setContents(
                    InferTensorContents.newBuilder().addFp32Contents(1).addFp32Contents(2)))
        .build();
  }

  // ------------------------------------------------------------------- the probe's findings

  @Test
  void row01_anEightMegabyteMessageOfInputs_isInvalidArgumentAtTheLimit_inMilliseconds()
      throws Exception {
    ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("echo");
    for (int i = 0; i < 390_000; i++) {
      b.addInputs(input("i" + i, "BOOL", 0));
    }
    ModelInferRequest many = b.build();
    assertThat(many.getSerializedSize()).isGreaterThan(7_000_000).isLessThan(8_388_608);

    // Sending, parsing and refusing 8 MB (12 minutes of pairwise name checks before).
    StatusRuntimeException e =
        timed(
            Duration.ofSeconds(10),
            () -> assertThrows(StatusRuntimeException.class, () -> stub().modelInfer(many)));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "model 'echo': the request has more than 256 input tensors, this server's limit"
                + " (send the model's inputs only, each once; or raise the server's maxInputs)");
  }

  @Test
  void row02_anOutputNamedTwice_isInvalidArgument_beforeTheModelRuns() throws Exception {
    ModelInferRequest.Builder b = doubler("twice").toBuilder();
    for (int i = 0; i < 1100; i++) {
      b.addOutputs(InferRequestedOutputTensor.newBuilder().setName("y"));
    }
    ModelInferRequest twice = b.build();

    StatusRuntimeException e = failure(() -> stub().modelInfer(twice));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': the request names more than 256 outputs, this server's limit (name"
                + " each output once, or none to get every output; or raise the server's"
                + " maxOutputs)");
    ModelInferRequest two =
        doubler("twice").toBuilder()
            .addOutputs(InferRequestedOutputTensor.newBuilder().setName("y"))
            .addOutputs(InferRequestedOutputTensor.newBuilder().setName("y"))
            .build();
    assertThat(failure(() -> stub().modelInfer(two)).getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': output 'y' is asked for twice (name each requested output once;"
                + " the answer holds it once)");
    assertThat(models.lastRequest().id()).isNotEqualTo("twice");
  }

  @Test
  void row03_row10_aReplyOfGigabytes_isResourceExhausted_neverCancelled() throws Exception {
    for (boolean raw : new boolean[] {false, true}) {
      ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("huge");
      if (raw) {
        b.addInputs(input("x", "FP32", 1)).addRawInputContents(ByteString.copyFrom(new byte[4]));
      }
      ModelInferRequest huge = b.build();

      StatusRuntimeException e = failure(() -> stub().modelInfer(huge));

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(e.getStatus().getDescription())
          .startsWith("model 'huge': the reply is at least 22")
          .endsWith(
              "bytes, more than the server's max message size of 8388608 (ask for fewer or"
                  + " smaller outputs; or raise GrpcServer.Builder.maxMessageSize)");
      assertThat(e.getTrailers().get(KSERVE4J_STATUS)).isEqualTo("PAYLOAD_TOO_LARGE");
    }
  }

  @Test
  void row04_aFloodOfCalls_isRefusedWithinMilliseconds_onAFewThreads() throws Exception {
    TestModels blocking = new TestModels();
    try (GrpcServer s =
        GrpcServer.builder()
            .host("127.0.0.1")
            .port(0)
            .handler(blocking)
            .inferenceThreads(1)
            .maxQueuedRequests(2)
            .build()
            .start()) {
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
      try {
        long serverThreadsBefore = threads("kserve4j-grpc-");
        long inferThreadsBefore = threads("kserve4j-grpc-infer-");
        GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub stub =
            GRPCInferenceServiceGrpc.newFutureStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
        ModelInferRequest block = ModelInferRequest.newBuilder().setModelName("blocking").build();
        List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
          calls.add(stub.modelInfer(block));
        }
        // Three are taken (one runs, two wait); which three is up to the server's threads.
        long deadline = start + QUICK.toNanos();
        while (calls.stream().filter(java.util.concurrent.Future::isDone).count() < 297
            && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("297 refusals within")
            .isLessThan(QUICK);
        List<ListenableFuture<ModelInferResponse>> admitted = new ArrayList<>();
        for (ListenableFuture<ModelInferResponse> f : calls) {
          if (!f.isDone()) {
            admitted.add(f);
            continue;
          }
          ExecutionException e = assertThrows(ExecutionException.class, f::get);
          Status status = Status.fromThrowable(e.getCause());
          assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(status.getDescription()).contains("inference queue is full");
        }
        assertThat(admitted).hasSize(3);
        // One more inference thread, a few to start calls and answer health: not one per call.
        assertThat(threads("kserve4j-grpc-infer-") - inferThreadsBefore).isLessThanOrEqualTo(1);
        assertThat(threads("kserve4j-grpc-") - serverThreadsBefore).isLessThanOrEqualTo(11);
        blocking.release();
        for (ListenableFuture<ModelInferResponse> f : admitted) {
          assertThat(f.get(10, TimeUnit.SECONDS).getModelName()).isEqualTo("blocking");
        }
      } finally {
        blocking.release();
        ch.shutdownNow();
      }
      goodRequestSucceeds(s.port());
    }
  }

  private static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .count();
  }

  @Test
  void row05_healthAndMetadata_answerWithin1s_whileTheInferenceQueueIsFull() throws Exception {
    TestModels blocking = new TestModels();
    ThreadPoolExecutor two =
        new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
    try (GrpcServer s =
        GrpcServer.builder()
            .host("127.0.0.1")
            .port(0)
            .handler(blocking)
            .executor(two)
            .build()
            .start()) {
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
      try {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub async =
            GRPCInferenceServiceGrpc.newFutureStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
        List<ListenableFuture<ModelInferResponse>> blocked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          blocked.add(
              async.modelInfer(ModelInferRequest.newBuilder().setModelName("blocking").build()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((two.getActiveCount() < 2 || two.getQueue().remainingCapacity() > 0)
            && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(two.getQueue().remainingCapacity()).as("the inference queue is full").isZero();

        GRPCInferenceServiceBlockingStub stub =
            GRPCInferenceServiceGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS);
        Duration second = Duration.ofSeconds(1);
        assertThat(timed(second, () -> stub.serverLive(ServerLiveRequest.getDefaultInstance())))
            .matches(r -> r.getLive());
        assertThat(timed(second, () -> stub.serverReady(ServerReadyRequest.getDefaultInstance())))
            .matches(r -> r.getReady());
        assertThat(
                timed(
                    second,
                    () ->
                        stub.modelReady(ModelReadyRequest.newBuilder().setName("doubler").build())))
            .matches(r -> r.getReady());
        assertThat(
                timed(
                    second,
                    () ->
                        stub.modelMetadata(
                            ModelMetadataRequest.newBuilder().setName("doubler").build())))
            .matches(r -> r.getName().equals("doubler"));
        assertThat(
                timed(
                    second, () -> stub.serverMetadata(ServerMetadataRequest.getDefaultInstance())))
            .matches(r -> r.getName().equals("kserve4j-test"));
        StatusRuntimeException refused =
            timed(
                second,
                () ->
                    assertThrows(
                        StatusRuntimeException.class, () -> stub.modelInfer(doubler("r"))));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        blocking.release();
        for (ListenableFuture<ModelInferResponse> f : blocked) {
          assertThat(f.get(10, TimeUnit.SECONDS).getModelName()).isEqualTo("blocking");
        }
        goodRequestSucceeds(s.port());
      } finally {
        blocking.release();
        ch.shutdownNow();
      }
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void row06_aMegabyteModelName_isNotFound_echoedAsAShortPrefix() throws Exception {
    String name = "m".repeat(1 << 20);

    StatusRuntimeException e =
        failure(
            () -> stub().modelMetadata(ModelMetadataRequest.newBuilder().setName(name).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).hasSizeLessThan(1100).contains("characters cut)");
  }

  @Test
  void row07_aRequestIdThatCannotBeAHeader_isInvalidArgument_beforeTheModelRuns() throws Exception {
    for (String id : new String[] {"a\r\nSet-Cookie: evil=1", "a\u0000b", "x".repeat(100_000)}) {
      StatusRuntimeException e = failure(() -> stub().modelInfer(doubler(id)));

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).startsWith("model 'doubler': the request id");
      assertThat(e.getStatus().getDescription()).hasSizeLessThan(1100);
    }
    assertThat(models.lastRequest().id()).isNull();
  }

  @Test
  void row09_anEmptyBatch_isAnEmptyAnswer_notAModelFailure() throws Exception {
    ModelInferRequest empty =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(input("x", "FP32", 0, 4).setContents(InferTensorContents.newBuilder()))
            .build();

    ModelInferResponse r = timed(QUICK, () -> stub().modelInfer(empty));

    assertThat(r.getOutputs(0).getShapeList()).containsExactly(0L, 4L);
  }

  @Test
  void row12_aPrefixClaiming2GB_isResourceExhausted_quietly() throws Exception {
    Http2Headers trailers =
        timed(
            QUICK,
            () -> {
              try (RawHttp2 h2 = new RawHttp2(server.port())) {
                h2.call(
                    1,
                    "/inference.GRPCInferenceService/ModelInfer",
                    new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                    false);
                return h2.trailers(1);
              }
            });
    assertThat(trailers).isNotNull();
    assertThat(String.valueOf(trailers.get("grpc-status"))).isEqualTo("8"); // RESOURCE_EXHAUSTED
  }

  @Test
  void row12_garbageOnTheGrpcPort_isClosed_quietly() throws Exception {
    byte[] garbage = new byte[4096];
    new java.util.Random(12).nextBytes(garbage);
    boolean closed =
        timed(
            QUICK,
            () -> {
              try (java.net.Socket socket =
                  new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(garbage);
                socket.getOutputStream().flush();
                java.io.InputStream in = socket.getInputStream();
                byte[] buf = new byte[4096];
                try {
                  while (in.read(buf) >= 0) {
                    // the server may say GOAWAY first
                  }
                } catch (java.net.SocketException reset) {
                  // closed with a reset
                }
                return true;
              }
            });
    assertThat(closed).isTrue();
  }

  @Test
  void row13_megabyteDatatypesAndNames_areEchoedAsAShortPrefix() throws Exception {
    String big = "Q".repeat(3_000_000);
    ModelInferRequest datatype =
        ModelInferRequest.newBuilder().setModelName("echo").addInputs(input("x", big, 1)).build();
    ModelInferRequest name =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(
                input(big, "FP32", 1)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1)))
            .build();
    for (ModelInferRequest r : List.of(datatype, name)) {
      StatusRuntimeException e = failure(() -> stub().modelInfer(r));

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).hasSizeLessThan(1100);
    }
  }

  // ----------------------------------------------------------- classes the probe found held

  @Test
  void oversizeMessage_isResourceExhausted() throws Exception {
    ModelInferRequest big =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(input("x", "UINT8", 9_000_000))
            .addRawInputContents(ByteString.copyFrom(new byte[9_000_000]))
            .build();

    StatusRuntimeException e = failure(() -> stub().modelInfer(big));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void shapesThatDoNotMatchTheContents_areInvalidArgument() throws Exception {
    ModelInferRequest wrong =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(
                input("x", "FP32", Long.MAX_VALUE, Long.MAX_VALUE)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1)))
            .build();

    StatusRuntimeException e = failure(() -> stub().modelInfer(wrong));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).contains("more elements than one Java array holds");
  }

  @Test
  void bytesThatAreNoMessage_areInvalidArgument() throws Exception {
    Http2Headers trailers =
        timed(
            QUICK,
            () -> {
              try (RawHttp2 h2 = new RawHttp2(server.port())) {
                // A message of 3 bytes that are no ModelInferRequest (a field with wire type 7).
                h2.call(
                    1,
                    "/inference.GRPCInferenceService/ModelInfer",
                    new byte[] {0, 0, 0, 0, 3, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                    true);
                return h2.trailers(1);
              }
            });
    assertThat(trailers).isNotNull();
    assertThat(String.valueOf(trailers.get("grpc-status"))).isEqualTo("3"); // INVALID_ARGUMENT
    assertThat(String.valueOf(trailers.get("grpc-message"))).contains("does not parse");
  }
}
