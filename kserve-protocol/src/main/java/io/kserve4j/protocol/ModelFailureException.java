package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/** The model itself failed while computing an answer (500). */
public class ModelFailureException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   */
  public ModelFailureException(@Nullable String modelName, String message) {
    super(InferenceStatus.INFERENCE_ERROR, modelName, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public ModelFailureException(
      @Nullable String modelName, String message, @Nullable Throwable cause) {
    super(InferenceStatus.INFERENCE_ERROR, modelName, message, cause);
  }
}
