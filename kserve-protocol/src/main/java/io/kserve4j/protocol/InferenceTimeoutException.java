package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/** The request did not finish within its timeout (504). */
public class InferenceTimeoutException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   */
  public InferenceTimeoutException(@Nullable String modelName, String message) {
    super(InferenceStatus.TIMEOUT, modelName, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public InferenceTimeoutException(
      @Nullable String modelName, String message, @Nullable Throwable cause) {
    super(InferenceStatus.TIMEOUT, modelName, message, cause);
  }
}
