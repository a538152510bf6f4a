package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class InferenceExceptionTest {

  @ParameterizedTest
  @CsvSource({
    "INVALID_INPUT, 400, INVALID_ARGUMENT",
    "MODEL_NOT_FOUND, 404, NOT_FOUND",
    "TOO_MANY_REQUESTS, 429, RESOURCE_EXHAUSTED",
    "PAYLOAD_TOO_LARGE, 413, RESOURCE_EXHAUSTED",
    "INFERENCE_ERROR, 500, INVALID_ARGUMENT",
    "NOT_IMPLEMENTED, 501, UNIMPLEMENTED",
    "UNAVAILABLE, 503, UNAVAILABLE",
    "TIMEOUT, 504, DEADLINE_EXCEEDED",
    "INTERNAL, 500, INTERNAL",
  })
  void status_hasKServesHttpStatusAndGrpcCode(InferenceStatus status, int http, String grpc) {
    assertThat(status.httpStatus()).isEqualTo(http);
    assertThat(status.grpcCode()).isEqualTo(grpc);
  }

  @Test
  void everyStatusIsCovered() {
    assertThat(InferenceStatus.values()).hasSize(9);
  }

  static Stream<Arguments> subclasses() {
    Throwable cause = new IOException("disk");
    return Stream.of(
        Arguments.of(
            new InvalidInputException("iris", "bad shape"),
            new InvalidInputException("iris", "bad shape", cause),
            InferenceStatus.INVALID_INPUT,
            400,
            "INVALID_ARGUMENT"),
        Arguments.of(
            new ModelNotFoundException("iris", "bad shape"),
            new ModelNotFoundException("iris", "bad shape", cause),
            InferenceStatus.MODEL_NOT_FOUND,
            404,
            "NOT_FOUND"),
        Arguments.of(
            new ModelNotReadyException("iris", "bad shape"),
            new ModelNotReadyException("iris", "bad shape", cause),
            InferenceStatus.UNAVAILABLE,
            503,
            "UNAVAILABLE"),
        Arguments.of(
            new InferenceTimeoutException("iris", "bad shape"),
            new InferenceTimeoutException("iris", "bad shape", cause),
            InferenceStatus.TIMEOUT,
            504,
            "DEADLINE_EXCEEDED"),
        Arguments.of(
            new ModelFailureException("iris", "bad shape"),
            new ModelFailureException("iris", "bad shape", cause),
            InferenceStatus.INFERENCE_ERROR,
            500,
            "INVALID_ARGUMENT"));
  }

  @ParameterizedTest
  @MethodSource("subclasses")
  void subclass_carriesItsStatusModelAndPrefixedMessage(
      InferenceException plain,
      InferenceException withCause,
      InferenceStatus status,
      int http,
      String grpc) {
    for (InferenceException e : new InferenceException[] {plain, withCause}) {
      assertThat(e).isInstanceOf(RuntimeException.class);
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.httpStatus()).isEqualTo(http);
      assertThat(e.status().grpcCode()).isEqualTo(grpc);
      assertThat(e.modelName()).isEqualTo("iris");
      assertThat(e.getMessage()).isEqualTo("model 'iris': bad shape");
      assertThat(e.getLocalizedMessage()).isEqualTo("model 'iris': bad shape");
      assertThat(e).hasToString(e.getClass().getName() + ": model 'iris': bad shape");
      assertThat(e.getStackTrace()).isNotEmpty();
    }
    assertThat(plain.getCause()).isNull();
    assertThat(withCause.getCause()).isInstanceOf(IOException.class).hasMessage("disk");
  }

  @Test
  void withoutModel_messageHasNoPrefix() {
    InvalidInputException e = new InvalidInputException(null, "unknown datatype 'X'");

    assertThat(e.modelName()).isNull();
    assertThat(e.getMessage()).isEqualTo("unknown datatype 'X'");
  }

  @Test
  void root_canCarryAnyStatus() {
    InferenceException e =
        new InferenceException(
            InferenceStatus.NOT_IMPLEMENTED, "iris", "model versions are not supported", null);

    assertThat(e.httpStatus()).isEqualTo(501);
    assertThat(e.status().grpcCode()).isEqualTo("UNIMPLEMENTED");
    assertThat(e.getMessage()).isEqualTo("model 'iris': model versions are not supported");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void overloaded_hasNoStackTrace() {
    OverloadedException busy =
        new OverloadedException(
            InferenceStatus.TOO_MANY_REQUESTS, "iris", "queue full (maxQueueSize 32)");
    OverloadedException unavailable =
        new OverloadedException(InferenceStatus.UNAVAILABLE, null, "no replica ready");

    assertThat(busy.getStackTrace()).isEmpty();
    assertThat(busy.getCause()).isNull();
    assertThat(busy.httpStatus()).isEqualTo(429);
    assertThat(busy.status().grpcCode()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(busy.getMessage()).isEqualTo("model 'iris': queue full (maxQueueSize 32)");
    assertThat(busy).isInstanceOf(InferenceException.class);
    assertThat(unavailable.getStackTrace()).isEmpty();
    assertThat(unavailable.httpStatus()).isEqualTo(503);
    assertThat(unavailable.status().grpcCode()).isEqualTo("UNAVAILABLE");
    assertThat(unavailable.getMessage()).isEqualTo("no replica ready");
  }

  @Test
  void overloaded_staysWithoutStackTraceWhenRethrown() {
    OverloadedException e = new OverloadedException(InferenceStatus.TOO_MANY_REQUESTS, "m", "full");

    try {
      throw e;
    } catch (OverloadedException caught) {
      assertThat(caught.fillInStackTrace().getStackTrace()).isEmpty();
    }
  }
}
