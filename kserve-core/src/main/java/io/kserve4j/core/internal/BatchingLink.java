package io.kserve4j.core.internal;

import io.kserve4j.autoscale.Batcher;
import io.kserve4j.autoscale.Clock;
import io.kserve4j.core.CallContext;
import io.kserve4j.protocol.Headers;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.TensorMetadata;
import java.time.Duration;
import java.util.List;

/**
 * Batches requests before the pool: each request is checked against the model's inputs first (so a
 * bad request fails alone, before it joins a batch), then stacked with others by the {@link
 * Batcher}, run once, and its slice of the answer returned.
 */
public final class BatchingLink implements Link {
  private final String service;
  private final List<TensorMetadata> inputs;
  private final Batcher<InferRequest, InferResponse> batcher;

  /** A link batching into {@code batcher}, checking requests against {@code inputs}. */
  public BatchingLink(
      String service, List<TensorMetadata> inputs, Batcher<InferRequest, InferResponse> batcher) {
    this.service = service;
    this.inputs = inputs;
    this.batcher = batcher;
  }

  /**
   * The batcher's runner: stack, run the rest of the chain once as one call of the service (no
   * headers; at most {@code timeout} waiting for a replica), split.
   */
  public static Batcher.Runner<InferRequest, InferResponse> runner(
      String service, Link next, Clock clock, Duration timeout) {
    return requests ->
        TensorBatching.split(
            next.proceed(
                TensorBatching.stack(requests),
                CallContext.of(
                    service, CallContext.Operation.PREDICT, Headers.empty(), clock, timeout)),
            requests);
  }

  @Override
  public InferResponse proceed(InferRequest request, CallContext context) {
    if (!inputs.isEmpty()) {
      SignatureCheck.check(service, inputs, request);
    }
    try {
      return batcher.call(request);
    } catch (Batcher.BatchTimeoutException e) {
      throw new InferenceTimeoutException(service, String.valueOf(e.getMessage()));
    }
  }
}
