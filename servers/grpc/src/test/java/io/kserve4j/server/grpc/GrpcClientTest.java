package io.kserve4j.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GrpcClient} against a server that is not kserve4j's (the generated service base, as any
 * KServe or Triton server answers: a status code and a message, no kserve4j trailers), against no
 * server, and past its deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcClientTest {
  private Server foreign;
  private GrpcClient client;

  /** Answers ModelInfer with the status code named by the model name, or echoes the id. */
  static final class ForeignServer extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    @Override
    public void modelInfer(
        ModelInferRequest request, StreamObserver<ModelInferResponse> responseObserver) {
      String model = request.getModelName();
      if (model.equals("ok")) {
        responseObserver.onNext(
            ModelInferResponse.newBuilder().setModelName("ok").setId(request.getId()).build());
        responseObserver.onCompleted();
        return;
      }
      responseObserver.onError(
          Status.fromCode(Status.Code.valueOf(model))
              .withDescription("foreign says " + model)
              .asRuntimeException());
    }
  }

  @BeforeAll
  void start() throws IOException {
    foreign =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new ForeignServer())
            .build()
            .start();
    client = GrpcClient.create("127.0.0.1", foreign.getPort());
  }

  @AfterAll
  void stop() {
    client.close();
    foreign.shutdownNow();
  }

  @ParameterizedTest
  @CsvSource({
    "INVALID_ARGUMENT, io.kserve4j.protocol.InvalidInputException, INVALID_INPUT",
    "NOT_FOUND, io.kserve4j.protocol.ModelNotFoundException, MODEL_NOT_FOUND",
    "UNAVAILABLE, io.kserve4j.protocol.ModelNotReadyException, UNAVAILABLE",
    "RESOURCE_EXHAUSTED, io.kserve4j.protocol.OverloadedException, TOO_MANY_REQUESTS",
    "DEADLINE_EXCEEDED, io.kserve4j.protocol.InferenceTimeoutException, TIMEOUT",
    "UNIMPLEMENTED, io.kserve4j.protocol.InferenceException, NOT_IMPLEMENTED",
    "INTERNAL, io.kserve4j.protocol.InferenceException, INTERNAL",
    "UNKNOWN, io.kserve4j.protocol.InferenceException, INTERNAL",
  })
  void statusCodes_mapToTheInferenceExceptionsWithTheServersMessage(
      String code, Class<?> type, InferenceStatus status) {
    assertThatThrownBy(() -> client.infer(code, InferRequest.of()))
        .isExactlyInstanceOf(type)
        .hasMessage("model '" + code + "': foreign says " + code)
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.modelName()).isEqualTo(code);
            });
  }

  @Test
  void okReply_isDecoded() {
    assertThat(client.infer("ok", InferRequest.builder().id("i-1").build()).id()).isEqualTo("i-1");
  }

  @Test
  void unimplementedRpc_isNotImplemented() {
    assertThatThrownBy(client::isServerLive)
        .isExactlyInstanceOf(InferenceException.class)
        .satisfies(
            e ->
                assertThat(((InferenceException) e).status())
                    .isEqualTo(InferenceStatus.NOT_IMPLEMENTED));
  }

  @Test
  void noServer_isUnavailable_notAModelProblem() {
    GrpcServer s =
        GrpcServer.builder().host("127.0.0.1").port(0).handler(new TestModels()).build().start();
    int port = s.port();
    s.close();
    try (GrpcClient c = GrpcClient.builder().host("127.0.0.1").port(port).build()) {
      assertThatThrownBy(() -> c.infer("doubler", InferRequest.of("x", new float[] {1}, 1)))
          .isExactlyInstanceOf(InferenceException.class)
          .hasMessageStartingWith(
              "model 'doubler': cannot reach the gRPC server at 127.0.0.1:" + port + " (")
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.status()).isEqualTo(InferenceStatus.UNAVAILABLE));
    }
  }

  @Test
  void callPastItsDeadline_isATimeout_andTheClientStaysUsable() {
    TestModels models = new TestModels();
    try (GrpcServer s =
            GrpcServer.builder()
                .host("127.0.0.1")
                .port(0)
                .handler(models)
                .shutdownGracePeriod(Duration.ZERO)
                .build()
                .start();
        GrpcClient c =
            GrpcClient.builder()
                .host("127.0.0.1")
                .port(s.port())
                .timeout(Duration.ofMillis(300))
                .build()) {
      assertThatThrownBy(() -> c.infer("blocking", InferRequest.of()))
          .isInstanceOf(InferenceTimeoutException.class)
          .hasMessageContaining("deadline");
      models.release();
      assertThat(c.infer("blocking", InferRequest.of()).modelName()).isEqualTo("blocking");
    }
  }

  @Test
  void builder_refusesBadSettings() {
    assertThatThrownBy(() -> GrpcClient.builder().port(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port = 0: must be in 1..65535");
    assertThatThrownBy(() -> GrpcClient.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout = PT0S: must be > 0");
    assertThatThrownBy(() -> GrpcClient.builder().maxMessageSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    try (GrpcClient c = GrpcClient.builder().raw(true).build()) {
      assertThat(c.toString()).isEqualTo("GrpcClient{localhost:8081, raw}");
    }
  }
}
