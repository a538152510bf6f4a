package io.kserve4j.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A request rejected because a bounded queue or limit is full (429 or 503). It carries no stack
 * trace: rejections are cheap and expected under overload, and the message names the limit.
 */
public class OverloadedException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param status {@link InferenceStatus#TOO_MANY_REQUESTS} or {@link InferenceStatus#UNAVAILABLE}
   * @param modelName the model concerned, or {@code null}
   * @param message which limit was hit and its value
   */
  public OverloadedException(InferenceStatus status, @Nullable String modelName, String message) {
    super(status, modelName, message, false);
  }
}
