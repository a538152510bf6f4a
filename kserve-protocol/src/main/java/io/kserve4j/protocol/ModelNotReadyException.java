package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/** The model exists but cannot answer yet, or no longer can (503). */
public class ModelNotReadyException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   */
  public ModelNotReadyException(@Nullable String modelName, String message) {
    super(InferenceStatus.UNAVAILABLE, modelName, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public ModelNotReadyException(
      @Nullable String modelName, String message, @Nullable Throwable cause) {
    super(InferenceStatus.UNAVAILABLE, modelName, message, cause);
  }
}
