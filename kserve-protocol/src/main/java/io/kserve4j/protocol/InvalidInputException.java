package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The request does not fit the model: unknown input, wrong datatype, shape or element count,
 * malformed payload (400).
 */
public class InvalidInputException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   */
  public InvalidInputException(@Nullable String modelName, String message) {
    super(InferenceStatus.INVALID_INPUT, modelName, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param modelName the model concerned, or {@code null}
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public InvalidInputException(
      @Nullable String modelName, String message, @Nullable Throwable cause) {
    super(InferenceStatus.INVALID_INPUT, modelName, message, cause);
  }
}
