package io.kserve4j.core.internal;

import io.kserve4j.core.CallContext;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;

/**
 * One link of a revision's request chain (docs/architecture.md, "One predict"): transformer,
 * batcher, replica pool and model are links, each holding the next. The chain is built once per
 * revision, so a call allocates nothing to walk it.
 */
@FunctionalInterface
public interface Link {
  /**
   * Handles the request, usually by calling the next link.
   *
   * @param request the request as it reaches this link
   * @param context the call: headers, deadline, attributes
   */
  InferResponse proceed(InferRequest request, CallContext context);
}
