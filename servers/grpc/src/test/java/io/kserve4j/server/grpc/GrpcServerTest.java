package io.kserve4j.server.grpc;

import static io.kserve4j.server.grpc.GrpcTensors.assertSameTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
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
import io.kserve4j.protocol.OverloadedException;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.server.grpc.internal.WireMessages;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.kserve4j.server.grpc.internal.proto.InferTensorContents;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferInputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import io.kserve4j.server.grpc.internal.proto.ModelReadyRequest;
import io.kserve4j.server.grpc.internal.proto.ServerLiveRequest;
import io.kserve4j.server.grpc.internal.proto.ServerReadyRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real {@link GrpcServer} on 127.0.0.1, called by {@link GrpcClient} (typed and raw) and by the
 * generated stub, as a KServe or Triton client would call it. After every test a normal request
 * still succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcServerTest {
  private TestModels models;
  private GrpcServer server;
  private GrpcClient client;
  private GrpcClient rawClient;
  private ManagedChannel channel;

  @BeforeAll
  void start() {
    models = new TestModels();
    server = GrpcServer.builder().host("127.0.0.1").port(0).handler(models).build().start();
    client = GrpcClient.create("127.0.0.1", server.port());
    rawClient = GrpcClient.builder().host("127.0.0.1").port(server.port()).raw(true).build();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  void stop() {
    models.release();
    channel.shutdownNow();
    client.close();
    rawClient.close();
    server.close();
  }

  @AfterEach
  void aGoodRequestStillSucceeds() {
    InferResponse r = client.infer("doubler", InferRequest.of("x", new float[] {1, 2}, 1, 2));
    assertThat(r.output("y").asFloats()).containsExactly(2, 4);
  }

  private GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static InferInputTensor.Builder input(String name, String datatype, long... shape) {
    InferInputTensor.Builder b = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    for (long d : shape) {
      b.addShape(d);
    }
    return b;
  }

  private static ByteString floatsLe(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return ByteString.copyFrom(b.array());
  }

  private StatusRuntimeException failure(ModelInferRequest request) {
    StatusRuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class, () -> stub().modelInfer(request));
    return e;
  }

  // ------------------------------------------------------------------------------ server

  @Test
  void builder_defaultsAreKServes() {
    GrpcServer s = GrpcServer.builder().handler(models).build();
    assertThat(s.port()).isEqualTo(8081).isEqualTo(GrpcServer.DEFAULT_PORT);
    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.maxMessageSize())
        .isEqualTo(8_388_608)
        .isEqualTo(GrpcServer.DEFAULT_MAX_MESSAGE_SIZE);
    assertThat(s.isRunning()).isFalse();
    s.close();
  }

  @Test
  void port0_picksAFreePortThatPortReports() {
    assertThat(server.port()).isPositive().isNotEqualTo(8081);
    assertThat(server.isRunning()).isTrue();
    assertThat(server.toString()).contains("127.0.0.1:" + server.port(), "running");
  }

  @Test
  void builder_refusesBadSettings() {
    assertThatThrownBy(() -> GrpcServer.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a handler");
    assertThatThrownBy(() -> GrpcServer.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port = 70000: must be in 0..65535");
    assertThatThrownBy(() -> GrpcServer.builder().maxMessageSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMessageSize = 0: must be > 0");
    assertThatThrownBy(
            () -> GrpcServer.builder().shutdownGracePeriod(java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startTwice_orAfterClose_isRefused_andCloseIsIdempotent() {
    GrpcServer s = GrpcServer.builder().host("127.0.0.1").port(0).handler(models).build().start();
    assertThatThrownBy(s::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("started already");
    s.close();
    s.close();
    assertThat(s.isRunning()).isFalse();
    assertThatThrownBy(s::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void start_onATakenPort_saysSo() {
    GrpcServer s =
        GrpcServer.builder().host("127.0.0.1").port(server.port()).handler(models).build();
    assertThatThrownBy(s::start)
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("cannot serve gRPC on 127.0.0.1:" + server.port());
    s.close();
  }

  // ------------------------------------------------------------------------ health, metadata

  @Test
  void serverLive_andReady_areTrue() {
    assertThat(client.isServerLive()).isTrue();
    assertThat(client.isServerReady()).isTrue();
    assertThat(stub().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
  }

  @Test
  void serverMetadata_isTheHandlers() {
    assertThat(client.serverMetadata())
        .isEqualTo(
            new ServerMetadata("kserve4j-test", "0.1.0", List.of("model_repository_extension")));
  }

  @Test
  void modelReady_isTheModelsReadiness() {
    assertThat(client.isModelReady("doubler")).isTrue();
    assertThat(client.isModelReady("sleepy")).isFalse();
  }

  @Test
  void modelReady_unknownModel_isNotFound() {
    assertThatThrownBy(() -> client.isModelReady("nope"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageStartingWith("model 'nope': no such model");
    StatusRuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class,
            () -> stub().modelReady(ModelReadyRequest.newBuilder().setName("nope").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).startsWith("model 'nope': no such model");
  }

  @Test
  void modelMetadata_carriesNameVersionsPlatformAndTensors() {
    ModelMetadata m = client.modelMetadata("doubler");
    assertThat(m.name()).isEqualTo("doubler");
    assertThat(m.versions()).containsExactly("1");
    assertThat(m.platform()).isEqualTo("java");
    assertThat(m.inputs()).containsExactly(TensorMetadata.of("x", DataType.FP32, -1, -1));
    assertThat(m.outputs())
        .containsExactly(
            TensorMetadata.of("y", DataType.FP32, -1, -1),
            TensorMetadata.of("sum", DataType.FP32, 1));
    // The proto has no field for metadata parameters.
    assertThat(m.parameters()).isEmpty();
  }

  @Test
  void modelMetadata_unknownModel_isNotFound() {
    assertThatThrownBy(() -> client.modelMetadata("nope"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("no such model");
  }

  // -------------------------------------------------------------------------------- infer

  @Test
  void infer_typed_runsTheModel() {
    InferResponse r = client.infer("doubler", InferRequest.of("x", new float[] {1, 2, 3, 4}, 2, 2));
    assertThat(r.modelName()).isEqualTo("doubler");
    assertThat(r.output("y").asFloats()).containsExactly(2, 4, 6, 8);
    assertThat(r.output("y").shape()).containsExactly(2, 2);
    assertThat(r.output("sum").asFloats()).containsExactly(10);
    assertThat(models.lastRequest().input("x").isBufferBacked()).isFalse();
  }

  @Test
  void infer_raw_readsTheReceivedBytesInPlace_andRepliesRaw() {
    InferResponse r =
        rawClient.infer("doubler", InferRequest.of("x", new float[] {1, 2, 3, 4}, 2, 2));
    assertThat(r.output("y").asFloats()).containsExactly(2, 4, 6, 8);
    assertThat(models.lastRequest().input("x").isBufferBacked()).isTrue();
    assertThat(r.output("y").isBufferBacked()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void everyDatatype_roundTripsTyped(DataType type) {
    Tensor t = GrpcTensors.sample(type);
    InferResponse r = client.infer("echo", InferRequest.of(t));
    assertSameTensor(r.output(t.name()), t);
    // FP16 and BF16 have no typed field: the client sends them raw.
    boolean raw = type == DataType.FP16 || type == DataType.BF16;
    assertThat(models.lastRequest().inputs().get(0).isBufferBacked())
        .isEqualTo(raw && type.isFixedWidth());
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void everyDatatype_roundTripsRaw(DataType type) {
    Tensor t = GrpcTensors.sample(type);
    InferResponse r = rawClient.infer("echo", InferRequest.of(t));
    assertSameTensor(r.output(t.name()), t);
  }

  @ParameterizedTest
  @EnumSource(
      value = DataType.class,
      names = {"FP16", "BF16"},
      mode = EnumSource.Mode.EXCLUDE)
  void typedContents_useKServesFieldForEachDatatype(DataType type) {
    ModelInferRequest m =
        WireMessages.toProto("echo", InferRequest.of(GrpcTensors.sample(type)), false);
    InferTensorContents c = m.getInputs(0).getContents();
    int[] counts = {
      c.getBoolContentsCount(), c.getIntContentsCount(), c.getInt64ContentsCount(),
      c.getUintContentsCount(), c.getUint64ContentsCount(), c.getFp32ContentsCount(),
      c.getFp64ContentsCount(), c.getBytesContentsCount()
    };
    int expected =
        switch (type) {
          case BOOL -> 0;
          case INT8, INT16, INT32 -> 1;
          case INT64 -> 2;
          case UINT8, UINT16, UINT32 -> 3;
          case UINT64 -> 4;
          case FP32 -> 5;
          case FP64 -> 6;
          default -> 7;
        };
    for (int f = 0; f < counts.length; f++) {
      assertThat(counts[f]).as("field %d for %s", f, type).isEqualTo(f == expected ? 6 : 0);
    }
    assertThat(m.getRawInputContentsCount()).isZero();
    // The reply comes back in the same form, typed.
    ModelInferResponse reply = stub().modelInfer(m);
    assertThat(reply.getRawOutputContentsCount()).isZero();
    assertThat(reply.getOutputs(0).getContents()).isEqualTo(c);
  }

  @Test
  void aModelVersion_naming_aRevisionTag_reachesTheHandlerAsTheTag_aNumberDoesNot() {
    ModelInferRequest.Builder m =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(
                input("a", "INT32", 1)
                    .setContents(InferTensorContents.newBuilder().addIntContents(5)));

    ModelInferResponse tagged = stub().modelInfer(m.setModelVersion("latest").build());
    assertThat(tagged.getOutputs(0).getName()).isEqualTo("tag");
    assertThat(tagged.getOutputs(0).getContents().getBytesContents(0).toStringUtf8())
        .isEqualTo("latest");

    ModelInferResponse numbered = stub().modelInfer(m.setModelVersion("3").build());
    assertThat(numbered.getOutputs(0).getName())
        .as("a numeric version, as Triton's clients send, is the default split")
        .isEqualTo("a");
  }

  @Test
  void typedValues_areReadAsKServeDefinesThem() {
    // UINT8 255 and UINT32 2^32-1 travel in uint_contents as unsigned numbers.
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(
                input("a", "UINT8", 2)
                    .setContents(
                        InferTensorContents.newBuilder().addUintContents(255).addUintContents(0)))
            .addInputs(
                input("b", "UINT32", 1)
                    .setContents(InferTensorContents.newBuilder().addUintContents(-1)))
            .build();
    stub().modelInfer(m);
    InferRequest seen = models.lastRequest();
    assertThat(seen.input("a").asInts()).containsExactly(255, 0);
    assertThat(seen.input("b").asLongs()).containsExactly(4_294_967_295L);
  }

  @Test
  void rawRequest_getsRawReply_andTypedOutputsStayTypedOtherwise() {
    ModelInferRequest raw =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(input("x", "FP32", 1, 2))
            .addRawInputContents(floatsLe(1, 2))
            .build();
    ModelInferResponse reply = stub().modelInfer(raw);
    assertThat(reply.getRawOutputContentsCount()).isEqualTo(2);
    assertThat(reply.getOutputs(0).hasContents()).isFalse();
    assertThat(reply.getRawOutputContents(0)).isEqualTo(floatsLe(2, 4));
  }

  @Test
  void fp16Output_makesTheWholeReplyRaw_evenForATypedRequest() {
    ModelInferRequest m =
        WireMessages.toProto("half", InferRequest.of("x", new float[] {1.5f}, 1), false);
    assertThat(m.getRawInputContentsCount()).isZero();
    ModelInferResponse reply = stub().modelInfer(m);
    assertThat(reply.getRawOutputContentsCount()).isEqualTo(2);
    assertThat(reply.getOutputs(0).hasContents()).isFalse();
    assertThat(reply.getOutputs(1).getDatatype()).isEqualTo("FP16");
    assertThat(reply.getRawOutputContents(0)).isEqualTo(floatsLe(1.5f));
    assertThat(reply.getRawOutputContents(1).toByteArray()).containsExactly(0x00, 0x3C);
    InferResponse r = client.infer("half", InferRequest.of("x", new float[] {1.5f}, 1));
    assertThat(r.output("h").asFloats()).containsExactly(1.0f);
  }

  @Test
  void scalars_keepTheirEmptyShape_typedAndRaw() {
    ModelInferRequest typed =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(
                input("s", "INT64")
                    .setContents(InferTensorContents.newBuilder().addInt64Contents(7)))
            .build();
    ModelInferResponse reply = stub().modelInfer(typed);
    assertThat(reply.getOutputs(0).getShapeCount()).isZero();
    assertThat(reply.getOutputs(0).getContents().getInt64ContentsList()).containsExactly(7L);
    assertThat(models.lastRequest().input("s").rank()).isZero();
    InferResponse raw =
        rawClient.infer(
            "echo",
            InferRequest.of(
                Tensor.of(
                    "s",
                    DataType.FP64,
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0, 2.5),
                    new long[0])));
    assertThat(raw.output("s").rank()).isZero();
    assertThat(raw.output("s").asDoubles()).containsExactly(2.5);
  }

  @Test
  void requestedOutputs_areTheOnlyOnes_inTheOrderAsked() {
    InferRequest request =
        InferRequest.builder()
            .input(Tensor.of("x", new float[] {1, 2}, 1, 2))
            .output("sum")
            .build();
    InferResponse r = client.infer("doubler", request);
    assertThat(r.outputs()).extracting(Tensor::name).containsExactly("sum");

    InferResponse both = client.infer("doubler", request.toBuilder().output("y").build());
    assertThat(both.outputs()).extracting(Tensor::name).containsExactly("sum", "y");
  }

  @Test
  void requestedOutput_theModelDoesNotGive_isInvalid() {
    InferRequest request =
        InferRequest.builder().input(Tensor.of("x", new float[] {1}, 1)).output("z").build();
    assertThatThrownBy(() -> client.infer("doubler", request))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "model 'doubler': the request asks for output 'z' but the model gives [y, sum] (ask"
                + " for one of those, or for none to get all)");
  }

  @Test
  void requestId_isEchoed_andMadeUpWhenAbsent() {
    InferRequest request =
        InferRequest.builder().id("req-42").input(Tensor.of("x", new float[] {1}, 1)).build();
    assertThat(client.infer("doubler", request).id()).isEqualTo("req-42");
    String made = client.infer("doubler", InferRequest.of("x", new float[] {1}, 1)).id();
    assertThat(made).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void parameters_travelBothWays() {
    Tensor t = Tensor.of("x", new int[] {1}, 1).withParameters(Map.of("content_type", "np"));
    InferRequest request =
        InferRequest.builder()
            .parameters(Map.of("flag", true, "count", 7L, "name", "n", "ratio", 0.5))
            .input(t)
            .build();
    InferResponse r = client.infer("echo", request);
    assertThat(r.parameters())
        .containsEntry("flag", true)
        .containsEntry("count", 7L)
        .containsEntry("name", "n")
        // The proto has no floating point parameter: it travels as a string.
        .containsEntry("ratio", "0.5");
    assertThat(r.output("x").parameters()).containsEntry("content_type", "np");
    assertThat(r.modelVersion()).isEqualTo("7");
  }

  @Test
  void callHeaders_reachTheHandler() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("X-Trace", Metadata.ASCII_STRING_MARSHALLER), "abc");
    ModelInferRequest m =
        WireMessages.toProto("echo", InferRequest.of(Tensor.of("x", new int[] {1}, 1)), false);
    stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).modelInfer(m);
    assertThat(models.lastHeaders()).containsEntry("x-trace", "abc");
  }

  // ------------------------------------------------------------------------------- errors

  @Test
  void infer_unknownModel_isNotFound() {
    assertThatThrownBy(() -> client.infer("nope", InferRequest.of("x", new float[] {1}, 1)))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageStartingWith("model 'nope': no such model");
    assertThat(
            failure(WireMessages.toProto("nope", InferRequest.of("x", new float[] {1}, 1), false))
                .getStatus()
                .getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void infer_badInput_isInvalidArgument() {
    assertThatThrownBy(() -> client.infer("doubler", InferRequest.of("z", new float[] {1}, 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("model 'doubler': the request has no input 'x' (its inputs are [z])");
    assertThatThrownBy(
            () -> client.infer("doubler", InferRequest.of(Tensor.of("x", new int[] {1}, 1))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("model 'doubler': input 'x' must be FP32, not INT32 (send FP32)");
    StatusRuntimeException e =
        failure(WireMessages.toProto("doubler", InferRequest.of("z", new float[] {1}, 1), false));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("model 'doubler': the request has no input 'x' (its inputs are [z])");
  }

  @Test
  void modelFailure_isInvalidArgumentAsKServe_butAModelFailureForOurClient() {
    InferRequest request = InferRequest.of("x", new float[] {1}, 1);
    assertThatThrownBy(() -> client.infer("failing", request))
        .isInstanceOfSatisfying(
            ModelFailureException.class,
            e -> assertThat(e.status()).isEqualTo(InferenceStatus.INFERENCE_ERROR))
        .hasMessage("model 'failing': the model ran out of luck");
    StatusRuntimeException e = failure(WireMessages.toProto("failing", request, false));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("model 'failing': the model ran out of luck");
  }

  @Test
  void unexpectedException_isInternal_withItsClassAndMessage() {
    InferRequest request = InferRequest.of("x", new float[] {1}, 1);
    assertThatThrownBy(() -> client.infer("crashing", request))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.status()).isEqualTo(InferenceStatus.INTERNAL))
        .hasMessage("model 'crashing': java.lang.IllegalStateException: a bug in the model");
    assertThat(failure(WireMessages.toProto("crashing", request, false)).getStatus().getCode())
        .isEqualTo(Status.Code.INTERNAL);
  }

  @Test
  void modelNotReady_isUnavailable() {
    InferRequest request = InferRequest.of("x", new float[] {1}, 1);
    assertThatThrownBy(() -> client.infer("sleepy", request))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'sleepy': still loading");
    assertThat(failure(WireMessages.toProto("sleepy", request, false)).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void contentsAndRawTogether_isInvalidArgument() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(
                input("x", "FP32", 1)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(1)))
            .addRawInputContents(floatsLe(1))
            .build();
    StatusRuntimeException e = failure(m);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': input 'x' sets contents but the request carries raw_input_contents"
                + " (send each input either way, not both)");
  }

  @Test
  void rawCountMismatch_isInvalidArgument() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(input("x", "FP32", 1))
            .addRawInputContents(floatsLe(1))
            .addRawInputContents(floatsLe(2))
            .build();
    StatusRuntimeException e = failure(m);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': raw_input_contents has 2 entries but the request has 1 inputs (send"
                + " one entry per input, in the order of inputs)");
  }

  @Test
  void shapeAndElementCountMismatch_isInvalidArgument() {
    ModelInferRequest typed =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(
                input("x", "FP32", 2, 2)
                    .setContents(
                        InferTensorContents.newBuilder()
                            .addFp32Contents(1)
                            .addFp32Contents(2)
                            .addFp32Contents(3)))
            .build();
    assertThat(failure(typed).getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': input 'x': shape [2, 2] has 4 elements but fp32_contents holds 3 values");
    ModelInferRequest raw =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(input("x", "FP32", 2, 2))
            .addRawInputContents(floatsLe(1, 2, 3))
            .build();
    StatusRuntimeException e = failure(raw);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': input 'x': shape [2, 2] of FP32 needs 16 bytes (4 elements) but its"
                + " raw_input_contents entry holds 12");
    ModelInferRequest negative =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(input("x", "FP32", -1))
            .addRawInputContents(floatsLe(1))
            .build();
    assertThat(failure(negative).getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': input 'x': shape [-1] has a negative dimension (every dimension must"
                + " be >= 0)");
    ModelInferRequest huge =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(input("x", "FP32", 1L << 40, 1L << 40))
            .addRawInputContents(floatsLe(1))
            .build();
    assertThat(failure(huge).getStatus().getDescription())
        .contains("has more elements than one Java array holds");
  }

  @Test
  void valuesInAnotherFieldThanTheDatatypes_areInvalid() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("doubler")
            .addInputs(
                input("x", "FP32", 1)
                    .setContents(InferTensorContents.newBuilder().addIntContents(1)))
            .build();
    assertThat(failure(m).getStatus().getDescription())
        .isEqualTo(
            "model 'doubler': input 'x' is FP32, which takes its values from fp32_contents, but"
                + " int_contents holds 1 values");
  }

  @Test
  void fp16InTypedContents_isInvalid() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(input("h", "FP16", 1).setContents(InferTensorContents.newBuilder()))
            .build();
    StatusRuntimeException e = failure(m);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "model 'echo': input 'h' is FP16: FP16 values travel only as raw contents (send"
                + " raw_input_contents)");
  }

  @Test
  void outOfRangeNarrowValue_isInvalid() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(
                input("b", "INT8", 2)
                    .setContents(
                        InferTensorContents.newBuilder().addIntContents(1).addIntContents(300)))
            .build();
    assertThat(failure(m).getStatus().getDescription())
        .isEqualTo(
            "model 'echo': input 'b': value 300 at index 1 is out of range for INT8 (-128..127)");
  }

  @Test
  void unknownDatatype_isInvalidArgument() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(input("x", "FP8", 1))
            .addRawInputContents(ByteString.copyFrom(new byte[] {1}))
            .build();
    StatusRuntimeException e = failure(m);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .startsWith("model 'echo': input 'x': unknown datatype 'FP8' (use one of BOOL,");
  }

  @Test
  void malformedRawBytes_areInvalid() {
    ByteBuffer b = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).put((byte) 'a').putInt(10); // second element says 10 bytes, none follow
    ModelInferRequest truncated =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(input("s", "BYTES", 2))
            .addRawInputContents(ByteString.copyFrom(b.array()))
            .build();
    assertThat(failure(truncated).getStatus().getDescription())
        .isEqualTo(
            "model 'echo': input 's': BYTES element 1 says it has 10 bytes but only 0 follow in its"
                + " raw_input_contents entry");
    ModelInferRequest trailing =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(input("s", "BYTES", 1))
            .addRawInputContents(ByteString.copyFrom(b.array(), 0, 9))
            .build();
    assertThat(failure(trailing).getStatus().getDescription())
        .isEqualTo(
            "model 'echo': input 's': 4 bytes follow the last of its 1 BYTES elements in its"
                + " raw_input_contents entry (the shape and the data disagree)");
  }

  @Test
  void duplicateInputNames_areInvalid() {
    ModelInferRequest m =
        ModelInferRequest.newBuilder()
            .setModelName("echo")
            .addInputs(input("x", "FP32", 1))
            .addInputs(input("x", "FP32", 1))
            .addRawInputContents(floatsLe(1))
            .addRawInputContents(floatsLe(2))
            .build();
    StatusRuntimeException e = failure(m);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).contains("input 'x' is given twice");
  }

  @Test
  void requestOverTheMessageLimit_isResourceExhausted() {
    // 2.2 M floats = 8.8 MB raw, over the 8 MiB default.
    InferRequest big = InferRequest.of("x", new float[2_200_000], 1, 2_200_000);
    assertThatThrownBy(() -> rawClient.infer("doubler", big))
        .isInstanceOfSatisfying(
            OverloadedException.class,
            e -> assertThat(e.status()).isEqualTo(InferenceStatus.TOO_MANY_REQUESTS))
        .hasMessageContaining("8388608");
  }

  @Test
  void replyOverTheMessageLimit_isResourceExhausted() {
    InferRequest request = InferRequest.of("x", new float[100], 1, 100);
    int requestSize = WireMessages.toProto("doubler", request, true).getSerializedSize();
    try (GrpcServer small =
            GrpcServer.builder()
                .host("127.0.0.1")
                .port(0)
                .handler(models)
                .maxMessageSize(requestSize + 5)
                .build()
                .start();
        GrpcClient c =
            GrpcClient.builder().host("127.0.0.1").port(small.port()).raw(true).build()) {
      // RESOURCE_EXHAUSTED, with kserve4j's trailers: too large, not overloaded (retrying the
      // same call does not help).
      assertThatThrownBy(() -> c.infer("doubler", request))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.status()).isEqualTo(InferenceStatus.PAYLOAD_TOO_LARGE))
          .hasMessageContaining("more than the server's max message size of " + (requestSize + 5))
          .hasMessageContaining("GrpcServer.Builder.maxMessageSize");
      // A request that fits in and out still works there.
      assertThat(c.infer("echo", InferRequest.of("x", new float[] {1}, 1)).outputs()).hasSize(1);
    }
  }
}
