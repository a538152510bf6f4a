package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/** No model of that name is served here (404). */
public class ModelNotFoundException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   */
  public ModelNotFoundException(@Nullable String modelName, String message) {
    super(InferenceStatus.MODEL_NOT_FOUND, modelName, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public ModelNotFoundException(
      @Nullable String modelName, String message, @Nullable Throwable cause) {
    super(InferenceStatus.MODEL_NOT_FOUND, modelName, message, cause);
  }
}
