package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception of kserve4j's data plane: a failure with the status KServe would
 * answer with and the model it concerns.
 *
 * <p>Subclasses exist where callers handle failures differently: {@link InvalidInputException}
 * (400), {@link ModelNotFoundException} (404), {@link ModelNotReadyException} (503), {@link
 * OverloadedException} (429/503), {@link InferenceTimeoutException} (504) and {@link
 * ModelFailureException} (500).
 */
public class InferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final InferenceStatus status;
  private final @Nullable String modelName;

  /**
   * Creates an exception.
   *
   * @param status the KServe status class
   * @param modelName the model concerned, or {@code null} when none is
   * @param message what went wrong and, where there is one, the fix
   * @param cause the underlying failure, or {@code null}
   */
  public InferenceException(
      InferenceStatus status,
      @Nullable String modelName,
      String message,
      @Nullable Throwable cause) {
    super(message, cause);
    this.status = status;
    this.modelName = modelName;
  }

  /** Creates an exception without a stack trace, for rejections on a hot path. */
  protected InferenceException(
      InferenceStatus status, @Nullable String modelName, String message, boolean stackTrace) {
    super(message, null, false, stackTrace);
    this.status = status;
    this.modelName = modelName;
  }

  /** The KServe status class of this failure. */
  public InferenceStatus status() {
    return status;
  }

  /** The HTTP status KServe answers with for this failure. */
  public int httpStatus() {
    return status.httpStatus();
  }

  /** The model this failure concerns, or {@code null} when it concerns none. */
  public @Nullable String modelName() {
    return modelName;
  }

  @Override
  public String getMessage() {
    String message = String.valueOf(super.getMessage());
    return modelName == null ? message : "model '" + modelName + "': " + message;
  }
}
