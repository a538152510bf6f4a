package io.kserve4j.server.grpc.internal;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.OverloadedException;
import io.kserve4j.protocol.internal.wire.Echo;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Failures between {@link InferenceException}s and gRPC statuses, both ways.
 *
 * <p>The server answers with the code {@link InferenceStatus#grpcCode()} names and the exception's
 * message as description, as KServe does. Several statuses share a code (KServe sends a model
 * failure as INVALID_ARGUMENT), so the server also sends two trailers, {@code kserve4j-status} (the
 * {@link InferenceStatus}) and {@code kserve4j-error} (which exception), from which kserve4j's
 * client rebuilds the exact exception. From any other server the client maps the code alone.
 */
public final class WireStatus {
  private WireStatus() {}

  static final Metadata.Key<String> STATUS =
      Metadata.Key.of("kserve4j-status", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ERROR =
      Metadata.Key.of("kserve4j-error", Metadata.ASCII_STRING_MARSHALLER);

  /** Which exception class a failure was, as the {@code kserve4j-error} trailer says it. */
  enum Kind {
    INVALID_INPUT,
    MODEL_NOT_FOUND,
    MODEL_NOT_READY,
    OVERLOADED,
    TIMEOUT,
    MODEL_FAILURE,
    OTHER;

    static Kind of(InferenceException e) {
      if (e instanceof InvalidInputException) {
        return INVALID_INPUT;
      } else if (e instanceof ModelNotFoundException) {
        return MODEL_NOT_FOUND;
      } else if (e instanceof ModelNotReadyException) {
        return MODEL_NOT_READY;
      } else if (e instanceof OverloadedException) {
        return OVERLOADED;
      } else if (e instanceof InferenceTimeoutException) {
        return TIMEOUT;
      } else if (e instanceof ModelFailureException) {
        return MODEL_FAILURE;
      }
      return OTHER;
    }
  }

  /**
   * The status and trailers the server answers a failure with. The description is cut to {@link
   * Echo#MAX_MESSAGE} characters.
   *
   * @param model the model the call concerned, or {@code null}: named in the description when the
   *     exception names none
   */
  public static StatusRuntimeException toStatus(InferenceException e, @Nullable String model) {
    String description = e.getMessage();
    if (e.modelName() == null && model != null && !model.isEmpty()) {
      description = "model '" + model + "': " + description;
    }
    // A client's megabyte model name would otherwise come back whole in grpc-message.
    description = Echo.message(description);
    Status status =
        Status.fromCode(Status.Code.valueOf(e.status().grpcCode())).withDescription(description);
    Metadata trailers = new Metadata();
    trailers.put(STATUS, e.status().name());
    trailers.put(ERROR, Kind.of(e).name());
    return status.asRuntimeException(trailers);
  }

  /**
   * The exception for a failed call, with the server's message.
   *
   * @param model the model the call concerned, or {@code null}
   * @param target the server's {@code host:port}, named when it cannot be reached
   */
  public static InferenceException toException(
      StatusRuntimeException e, @Nullable String model, String target) {
    Status s = e.getStatus();
    Metadata trailers = e.getTrailers();
    InferenceStatus status = null;
    Kind kind = null;
    if (trailers != null) {
      status = parse(InferenceStatus.class, trailers.get(STATUS));
      kind = parse(Kind.class, trailers.get(ERROR));
    }
    if (status == null || kind == null) {
      status = fromCode(s.getCode());
      kind = kindOf(status, s, model);
    }
    String message = message(s, model);
    if (trailers == null || trailers.get(STATUS) == null) {
      if (s.getCode() == Status.Code.UNAVAILABLE && s.getCause() != null) {
        message = "cannot reach the gRPC server at " + target + " (" + message + ")";
      }
    }
    return switch (kind) {
      case INVALID_INPUT -> new InvalidInputException(model, message, e);
      case MODEL_NOT_FOUND -> new ModelNotFoundException(model, message, e);
      case MODEL_NOT_READY -> new ModelNotReadyException(model, message, e);
      case OVERLOADED -> new OverloadedException(status, model, message);
      case TIMEOUT -> new InferenceTimeoutException(model, message, e);
      case MODEL_FAILURE -> new ModelFailureException(model, message, e);
      case OTHER -> new InferenceException(status, model, message, e);
    };
  }

  private static InferenceStatus fromCode(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> InferenceStatus.INVALID_INPUT;
      case NOT_FOUND -> InferenceStatus.MODEL_NOT_FOUND;
      case RESOURCE_EXHAUSTED -> InferenceStatus.TOO_MANY_REQUESTS;
      case UNIMPLEMENTED -> InferenceStatus.NOT_IMPLEMENTED;
      case UNAVAILABLE -> InferenceStatus.UNAVAILABLE;
      case DEADLINE_EXCEEDED -> InferenceStatus.TIMEOUT;
      default -> InferenceStatus.INTERNAL;
    };
  }

  private static Kind kindOf(InferenceStatus status, Status s, @Nullable String model) {
    return switch (status) {
      case INVALID_INPUT -> Kind.INVALID_INPUT;
      case MODEL_NOT_FOUND -> Kind.MODEL_NOT_FOUND;
      case TOO_MANY_REQUESTS -> Kind.OVERLOADED;
      case PAYLOAD_TOO_LARGE -> Kind.OTHER;
      case TIMEOUT -> Kind.TIMEOUT;
      case INFERENCE_ERROR -> Kind.MODEL_FAILURE;
      // A server's UNAVAILABLE about a model means not ready; one made here (no connection)
      // carries its cause and is not about the model.
      case UNAVAILABLE -> model != null && s.getCause() == null ? Kind.MODEL_NOT_READY : Kind.OTHER;
      case NOT_IMPLEMENTED, INTERNAL -> Kind.OTHER;
    };
  }

  /** The server's description, without the {@code model 'x': } prefix the exception adds again. */
  private static String message(Status s, @Nullable String model) {
    String description = s.getDescription();
    if (description == null || description.isEmpty()) {
      description = s.getCode().name();
      if (s.getCause() != null) {
        description += ": " + s.getCause();
      }
    }
    String prefix = "model '" + model + "': ";
    if (model != null && description.startsWith(prefix)) {
      return description.substring(prefix.length());
    }
    return description;
  }

  private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
