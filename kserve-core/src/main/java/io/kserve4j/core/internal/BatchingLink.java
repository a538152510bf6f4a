package io.kserve4j.core.internal;

import io.kserve4j.autoscale.Batcher;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;

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

  /** The batcher's runner: stack, run the rest of the chain once, split. */
  public static Batcher.Runner<InferRequest, InferResponse> runner(Link next) {
    return requests ->
        TensorBatching.split(next.proceed(TensorBatching.stack(requests), Map.of()), requests);
  }

  @Override
  public InferResponse proceed(InferRequest request, Map<String, String> headers) {
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
