package io.kserve4j.core;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import java.util.Map;

/**
 * Pre- and postprocessing around the predictor, as Java code: KServe's transformer component.
 *
 * <p>{@link #preprocess} turns the caller's request into the predictor's; {@link #postprocess}
 * turns the predictor's response into the caller's. Both see the call's headers. By default each
 * passes its argument through unchanged, so a transformer overrides only what it needs; the request
 * id and parameters pass through unless the transformer changes them. Implementations are called
 * from many threads at once and must be thread-safe.
 *
 * <p>In YAML, name a class implementing it (public, with a public no-argument constructor) in the
 * transformer's annotation {@code serving.kserve4j.io/class}.
 */
public interface Transformer {
  /**
   * Turns the caller's request into the predictor's request.
   *
   * @param request the caller's request
   * @param headers the call's headers (case-insensitive names; empty in-process unless given)
   * @return the request for the predictor
   * @throws io.kserve4j.protocol.InvalidInputException for input it cannot take (400); any other
   *     exception is reported as a 500
   */
  default InferRequest preprocess(InferRequest request, Map<String, String> headers) {
    return request;
  }

  /**
   * Turns the predictor's response into the caller's response.
   *
   * @param response the predictor's response
   * @param headers the call's headers
   * @return the response for the caller
   */
  default InferResponse postprocess(InferResponse response, Map<String, String> headers) {
    return response;
  }
}
