package io.kserve4j.server.grpc.internal;

import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import io.kserve4j.server.grpc.internal.proto.ModelMetadataRequest;
import io.kserve4j.server.grpc.internal.proto.ModelReadyRequest;
import io.kserve4j.server.grpc.internal.proto.ModelReadyResponse;
import io.kserve4j.server.grpc.internal.proto.ServerLiveRequest;
import io.kserve4j.server.grpc.internal.proto.ServerLiveResponse;
import io.kserve4j.server.grpc.internal.proto.ServerMetadataRequest;
import io.kserve4j.server.grpc.internal.proto.ServerReadyRequest;
import io.kserve4j.server.grpc.internal.proto.ServerReadyResponse;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code inference.GRPCInferenceService} over an {@link InferenceHandler}: each RPC decodes its
 * message, asks the handler, and answers with the reply or with the status of the failure.
 *
 * <p>Requests are parsed by lenient marshallers, so bytes that are no valid message are answered
 * INVALID_ARGUMENT. A handler's {@link InferenceException} becomes its status (KServe's mapping);
 * any other exception becomes INTERNAL with the exception's class and message, logged once.
 */
public final class InferenceEndpoint {
  private static final System.Logger LOG = System.getLogger(InferenceEndpoint.class.getName());

  private static final Context.Key<Metadata> HEADERS = Context.key("kserve4j-headers");

  private final InferenceHandler handler;
  private final int maxMessageSize;

  /**
   * An endpoint over {@code handler}.
   *
   * @param maxMessageSize the largest reply, in bytes; a larger one is answered RESOURCE_EXHAUSTED
   */
  public InferenceEndpoint(InferenceHandler handler, int maxMessageSize) {
    this.handler = handler;
    this.maxMessageSize = maxMessageSize;
  }

  /** The service definition to add to a server. */
  public ServerServiceDefinition definition() {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(GRPCInferenceServiceGrpc.SERVICE_NAME)
            .addMethod(
                lenient(
                    GRPCInferenceServiceGrpc.getServerLiveMethod(),
                    ServerLiveRequest.getDefaultInstance()),
                unary(
                    (ServerLiveRequest r) ->
                        ServerLiveResponse.newBuilder().setLive(handler.isLive()).build(),
                    r -> null))
            .addMethod(
                lenient(
                    GRPCInferenceServiceGrpc.getServerReadyMethod(),
                    ServerReadyRequest.getDefaultInstance()),
                unary(
                    (ServerReadyRequest r) ->
                        ServerReadyResponse.newBuilder().setReady(handler.isReady()).build(),
                    r -> null))
            .addMethod(
                lenient(
                    GRPCInferenceServiceGrpc.getModelReadyMethod(),
                    ModelReadyRequest.getDefaultInstance()),
                unary(
                    (ModelReadyRequest r) ->
                        ModelReadyResponse.newBuilder()
                            .setReady(handler.isModelReady(r.getName()))
                            .build(),
                    ModelReadyRequest::getName))
            .addMethod(
                lenient(
                    GRPCInferenceServiceGrpc.getServerMetadataMethod(),
                    ServerMetadataRequest.getDefaultInstance()),
                unary(
                    (ServerMetadataRequest r) -> WireMessages.toProto(handler.serverMetadata()),
                    r -> null))
            .addMethod(
                lenient(
                    GRPCInferenceServiceGrpc.getModelMetadataMethod(),
                    ModelMetadataRequest.getDefaultInstance()),
                unary(
                    (ModelMetadataRequest r) ->
                        WireMessages.toProto(handler.modelMetadata(r.getName())),
                    ModelMetadataRequest::getName))
            .addMethod(
                lenient(
                    GRPCInferenceServiceGrpc.getModelInferMethod(),
                    ModelInferRequest.getDefaultInstance()),
                unary(this::infer, ModelInferRequest::getModelName))
            .build();
    return ServerInterceptors.intercept(service, new HeadersInterceptor());
  }

  private ModelInferResponse infer(ModelInferRequest r) {
    String model = r.getModelName();
    InferRequest request = WireMessages.toInferRequest(r);
    InferResponse response = handler.infer(model, request, headers());
    return WireMessages.toProto(model, r, request, response);
  }

  private static Map<String, String> headers() {
    Metadata metadata = HEADERS.get();
    if (metadata == null) {
      return Map.of();
    }
    Map<String, String> headers = new HashMap<>();
    for (String key : metadata.keys()) {
      if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        String value = metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (value != null) {
          headers.put(key.toLowerCase(Locale.ROOT), value);
        }
      }
    }
    return headers;
  }

  private static <Q extends Message, R> MethodDescriptor<Incoming<Q>, R> lenient(
      MethodDescriptor<Q, R> generated, Q prototype) {
    return generated.toBuilder(WireMarshaller.lenient(prototype), generated.getResponseMarshaller())
        .build();
  }

  private <Q extends Message, R extends Message> ServerCallHandler<Incoming<Q>, R> unary(
      Function<Q, R> method, Function<Q, @Nullable String> modelOf) {
    return ServerCalls.asyncUnaryCall(
        (Incoming<Q> in, StreamObserver<R> out) -> {
          Q message = in.message();
          if (message == null) {
            out.onError(
                WireStatus.toStatus(
                    new InvalidInputException(null, String.valueOf(in.error())), null));
            return;
          }
          R reply;
          try {
            reply = method.apply(message);
          } catch (InferenceException e) {
            out.onError(WireStatus.toStatus(e, modelOf.apply(message)));
            return;
          } catch (RuntimeException e) {
            String model = modelOf.apply(message);
            String prefix = model == null || model.isEmpty() ? "" : "model '" + model + "': ";
            LOG.log(Level.WARNING, prefix + "gRPC call failed unexpectedly", e);
            out.onError(
                Status.INTERNAL
                    .withDescription(prefix + e.getClass().getName() + ": " + e.getMessage())
                    .asRuntimeException());
            return;
          }
          int size = reply.getSerializedSize();
          if (size > maxMessageSize) {
            out.onError(
                Status.RESOURCE_EXHAUSTED
                    .withDescription(
                        "the reply is "
                            + size
                            + " bytes, more than the server's max message size of "
                            + maxMessageSize
                            + " (ask for fewer outputs or raise GrpcServer's maxMessageSize)")
                    .asRuntimeException());
            return;
          }
          out.onNext(reply);
          out.onCompleted();
        });
  }

  /** Puts the call's headers where the service reads them. */
  private static final class HeadersInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      return Contexts.interceptCall(
          Context.current().withValue(HEADERS, headers), call, headers, next);
    }
  }
}
