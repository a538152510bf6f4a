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
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.OverloadedException;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.internal.wire.ClientErrorLog;
import io.kserve4j.protocol.internal.wire.Echo;
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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code inference.GRPCInferenceService} over an {@link InferenceHandler}: each RPC decodes its
 * message, asks the handler, and answers with the reply or with the status of the failure.
 *
 * <p>ModelInfer is handed to the inference executor, which is bounded: when it cannot take a call
 * at once the call is answered RESOURCE_EXHAUSTED within milliseconds, never parked on a thread of
 * its own. The other RPCs (health, readiness, metadata) answer on the thread gRPC calls them on,
 * which {@link ServerRuntime} keeps apart from inference.
 *
 * <p>Requests are parsed by lenient marshallers, so bytes that are no valid message are answered
 * INVALID_ARGUMENT. A handler's {@link InferenceException} becomes its status (KServe's mapping);
 * any other exception becomes INTERNAL with the exception's class and message, logged once. Client
 * errors are logged through a {@link ClientErrorLog}, without a stack trace.
 */
public final class InferenceEndpoint {
  private static final System.Logger LOG = System.getLogger(InferenceEndpoint.class.getName());

  private static final Context.Key<Metadata> HEADERS = Context.key("kserve4j-headers");

  /** The full name of the ModelInfer method, which {@link ServerRuntime} runs apart. */
  static final String MODEL_INFER =
      GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName();

  private final InferenceHandler handler;
  private final int maxMessageSize;
  private final RequestLimits limits;
  private final Executor inference;
  private final ClientErrorLog clientErrors;

  /**
   * An endpoint over {@code handler}.
   *
   * @param maxMessageSize the largest reply, in bytes; a larger one is answered RESOURCE_EXHAUSTED
   * @param limits what one request may ask
   * @param inference where model calls run; a call it rejects is answered RESOURCE_EXHAUSTED
   */
  public InferenceEndpoint(
      InferenceHandler handler,
      int maxMessageSize,
      RequestLimits limits,
      Executor inference,
      ClientErrorLog clientErrors) {
    this.handler = handler;
    this.maxMessageSize = maxMessageSize;
    this.limits = limits;
    this.inference = inference;
    this.clientErrors = clientErrors;
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
                ServerCalls.asyncUnaryCall(this::infer))
            .build();
    return ServerInterceptors.intercept(service, new HeadersInterceptor());
  }

  /** Runs on gRPC's thread: hands the call to the inference executor, or refuses it at once. */
  private void infer(Incoming<ModelInferRequest> in, StreamObserver<ModelInferResponse> out) {
    ModelInferRequest r = in.message();
    if (r == null) {
      fail(out, new InvalidInputException(null, String.valueOf(in.error())), null);
      return;
    }
    String model = r.getModelName();
    Map<String, String> headers = headers();
    Context context = Context.current();
    try {
      inference.execute(
          () -> {
            if (context.isCancelled()) {
              return; // the client gave up (deadline, cancel) while the call waited
            }
            answer(out, r, model, headers);
          });
    } catch (RejectedExecutionException e) {
      fail(
          out,
          new OverloadedException(
              InferenceStatus.TOO_MANY_REQUESTS,
              model.isEmpty() ? null : model,
              "the server is overloaded: its inference queue is full (retry later, or give"
                  + " GrpcServer more inferenceThreads or maxQueuedRequests)"),
          model);
    }
  }

  /** Runs on the inference executor. */
  private void answer(
      StreamObserver<ModelInferResponse> out,
      ModelInferRequest r,
      String model,
      Map<String, String> headers) {
    ModelInferResponse reply;
    try {
      InferRequest request = WireMessages.toInferRequest(r, limits);
      String tag = WireMessages.revisionTag(r.getModelVersion());
      InferResponse response =
          tag == null
              ? handler.infer(model, request, headers)
              : handler.infer(model, tag, request, headers);
      reply = WireMessages.toProto(model, r, request, response, maxMessageSize);
    } catch (InferenceException e) {
      fail(out, e, model);
      return;
    } catch (RuntimeException e) {
      unexpected(out, e, model);
      return;
    }
    send(out, reply, model);
  }

  private <Q extends Message, R extends Message> ServerCallHandler<Incoming<Q>, R> unary(
      Function<Q, R> method, Function<Q, @Nullable String> modelOf) {
    return ServerCalls.asyncUnaryCall(
        (Incoming<Q> in, StreamObserver<R> out) -> {
          Q message = in.message();
          if (message == null) {
            fail(out, new InvalidInputException(null, String.valueOf(in.error())), null);
            return;
          }
          R reply;
          try {
            reply = method.apply(message);
          } catch (InferenceException e) {
            fail(out, e, modelOf.apply(message));
            return;
          } catch (RuntimeException e) {
            unexpected(out, e, modelOf.apply(message));
            return;
          }
          send(out, reply, modelOf.apply(message));
        });
  }

  private <R extends Message> void send(StreamObserver<R> out, R reply, @Nullable String model) {
    // The exact size, checked in long: a reply over 2 GiB overflows protobuf's int size.
    long size = reply.getSerializedSize();
    if (size < 0 || size > maxMessageSize) {
      fail(
          out,
          WireMessages.tooLarge(
              model == null ? "" : model, size < 0 ? "over 2 GiB" : "" + size, maxMessageSize),
          model);
      return;
    }
    try {
      out.onNext(reply);
      out.onCompleted();
    } catch (StatusRuntimeException e) {
      LOG.log(Level.DEBUG, () -> "the call ended before its reply: " + e.getStatus());
    }
  }

  private void fail(StreamObserver<?> out, InferenceException e, @Nullable String model) {
    StatusRuntimeException status = WireStatus.toStatus(e, model);
    if (e.httpStatus() == 500) {
      // The model's or the server's fault: every one is worth a line.
      LOG.log(Level.WARNING, () -> "gRPC call failed: " + status.getStatus().getDescription());
    } else {
      // A client's mistake, or a refusal (not found, not ready, overloaded): once per interval.
      clientErrors.log(
          status.getStatus().getCode() + " " + e.status().name().toLowerCase(Locale.ROOT),
          () -> String.valueOf(status.getStatus().getDescription()));
    }
    try {
      out.onError(status);
    } catch (StatusRuntimeException gone) {
      LOG.log(Level.DEBUG, () -> "the call ended before its status: " + gone.getStatus());
    }
  }

  private static void unexpected(
      StreamObserver<?> out, RuntimeException e, @Nullable String model) {
    String prefix = model == null || model.isEmpty() ? "" : "model '" + model + "': ";
    LOG.log(Level.WARNING, Echo.message(prefix) + "gRPC call failed unexpectedly", e);
    try {
      out.onError(
          Status.INTERNAL
              .withDescription(
                  Echo.message(prefix + e.getClass().getName() + ": " + e.getMessage()))
              .asRuntimeException());
    } catch (StatusRuntimeException gone) {
      LOG.log(Level.DEBUG, () -> "the call ended before its status: " + gone.getStatus());
    }
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
