package io.kserve4j.core.internal;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import java.util.Map;

/**
 * One link of a service's request chain (DESIGN.md "One predict"): transformer, batcher, replica
 * pool and predictor are links, each holding the next. The chain is built once per service, so a
 * call allocates nothing to walk it.
 */
@FunctionalInterface
public interface Link {
  /**
   * Handles the request, usually by calling the next link.
   *
   * @param request the request as it reaches this link
   * @param headers the call's headers
   */
  InferResponse proceed(InferRequest request, Map<String, String> headers);
}
