package io.kserve4j.server.grpc.internal;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import io.kserve4j.server.grpc.internal.proto.ModelMetadataRequest;
import io.kserve4j.server.grpc.internal.proto.ModelMetadataResponse;
import io.kserve4j.server.grpc.internal.proto.ModelReadyRequest;
import io.kserve4j.server.grpc.internal.proto.ModelReadyResponse;
import io.kserve4j.server.grpc.internal.proto.ServerLiveRequest;
import io.kserve4j.server.grpc.internal.proto.ServerLiveResponse;
import io.kserve4j.server.grpc.internal.proto.ServerMetadataRequest;
import io.kserve4j.server.grpc.internal.proto.ServerMetadataResponse;
import io.kserve4j.server.grpc.internal.proto.ServerReadyRequest;
import io.kserve4j.server.grpc.internal.proto.ServerReadyResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A plaintext channel to a {@code GRPCInferenceService} and its six calls, each with a deadline.
 */
public final class ClientRuntime {
  private static final MethodDescriptor<ServerLiveRequest, ServerLiveResponse> SERVER_LIVE =
      strict(
          GRPCInferenceServiceGrpc.getServerLiveMethod(), ServerLiveResponse.getDefaultInstance());
  private static final MethodDescriptor<ServerReadyRequest, ServerReadyResponse> SERVER_READY =
      strict(
          GRPCInferenceServiceGrpc.getServerReadyMethod(),
          ServerReadyResponse.getDefaultInstance());
  private static final MethodDescriptor<ModelReadyRequest, ModelReadyResponse> MODEL_READY =
      strict(
          GRPCInferenceServiceGrpc.getModelReadyMethod(), ModelReadyResponse.getDefaultInstance());
  private static final MethodDescriptor<ServerMetadataRequest, ServerMetadataResponse>
      SERVER_METADATA =
          strict(
              GRPCInferenceServiceGrpc.getServerMetadataMethod(),
              ServerMetadataResponse.getDefaultInstance());
  private static final MethodDescriptor<ModelMetadataRequest, ModelMetadataResponse>
      MODEL_METADATA =
          strict(
              GRPCInferenceServiceGrpc.getModelMetadataMethod(),
              ModelMetadataResponse.getDefaultInstance());
  private static final MethodDescriptor<ModelInferRequest, ModelInferResponse> MODEL_INFER =
      strict(
          GRPCInferenceServiceGrpc.getModelInferMethod(), ModelInferResponse.getDefaultInstance());

  private final ManagedChannel channel;
  private final String target;
  private final Duration timeout;
  private final boolean raw;

  private ClientRuntime(ManagedChannel channel, String target, Duration timeout, boolean raw) {
    this.channel = channel;
    this.target = target;
    this.timeout = timeout;
    this.raw = raw;
  }

  /** A client of {@code host:port}; the channel connects on the first call. */
  public static ClientRuntime open(
      String host, int port, int maxMessageSize, Duration timeout, boolean raw) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .maxInboundMessageSize(maxMessageSize)
            .build();
    return new ClientRuntime(channel, host + ":" + port, timeout, raw);
  }

  /** ServerLive. */
  public boolean isServerLive() {
    return call(SERVER_LIVE, ServerLiveRequest.getDefaultInstance(), null).getLive();
  }

  /** ServerReady. */
  public boolean isServerReady() {
    return call(SERVER_READY, ServerReadyRequest.getDefaultInstance(), null).getReady();
  }

  /** ServerMetadata. */
  public ServerMetadata serverMetadata() {
    return WireMessages.fromProto(
        call(SERVER_METADATA, ServerMetadataRequest.getDefaultInstance(), null));
  }

  /** ModelMetadata. */
  public ModelMetadata modelMetadata(String model) {
    return WireMessages.fromProto(
        call(MODEL_METADATA, ModelMetadataRequest.newBuilder().setName(model).build(), model));
  }

  /** ModelReady. */
  public boolean isModelReady(String model) {
    return call(MODEL_READY, ModelReadyRequest.newBuilder().setName(model).build(), model)
        .getReady();
  }

  /** ModelInfer. */
  public InferResponse infer(String model, InferRequest request) {
    ModelInferRequest message = WireMessages.toProto(model, request, raw);
    return WireMessages.toInferResponse(call(MODEL_INFER, message, model));
  }

  /** Closes the channel, waiting briefly for calls in flight. */
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private <Q, R> R call(MethodDescriptor<Q, R> method, Q request, @Nullable String model) {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return ClientCalls.blockingUnaryCall(channel, method, options, request);
    } catch (StatusRuntimeException e) {
      throw WireStatus.toException(e, model, target);
    }
  }

  private static <Q, R extends Message> MethodDescriptor<Q, R> strict(
      MethodDescriptor<Q, R> generated, R prototype) {
    return generated.toBuilder(generated.getRequestMarshaller(), WireMarshaller.strict(prototype))
        .build();
  }
}
