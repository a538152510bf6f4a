package io.kserve4j.core;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;

/**
 * A predictor written as plain Java code: a function from request to response. Build a predictor
 * from one with {@link Predictor#function(ModelFunction)}, or name a class implementing it (public,
 * with a public no-argument constructor) in the predictor annotation {@code
 * serving.kserve4j.io/class} with {@code modelFormat: {name: java}} in YAML.
 *
 * <p>It is called from many threads at once, so it must be thread-safe. The service sets the
 * response's model name and id; a function may return {@code InferResponse.of("any", outputs)}.
 * Throw {@link io.kserve4j.protocol.InvalidInputException} for input the function cannot take
 * (400); any other exception is reported as a model failure (500).
 */
@FunctionalInterface
public interface ModelFunction {
  /**
   * Computes the response to one request.
   *
   * @throws Exception if the model fails; reported to the caller as a 500 model failure
   */
  InferResponse predict(InferRequest request) throws Exception;
}
