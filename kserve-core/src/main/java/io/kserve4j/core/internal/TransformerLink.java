package io.kserve4j.core.internal;

import io.kserve4j.core.CallContext;
import io.kserve4j.core.Transformer;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;

/** Runs a transformer's preprocess before, and postprocess after, the rest of the chain. */
public final class TransformerLink implements Link {
  private final String service;
  private final Transformer transformer;
  private final Link next;

  /** A link that transforms around {@code next}. */
  public TransformerLink(String service, Transformer transformer, Link next) {
    this.service = service;
    this.transformer = transformer;
    this.next = next;
  }

  @Override
  public InferResponse proceed(InferRequest request, CallContext context) {
    java.util.Map<String, String> headers = context.headers();
    InferRequest transformed;
    try {
      transformed = transformer.preprocess(request, headers);
    } catch (InferenceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InferenceException(
          InferenceStatus.INTERNAL, service, "the transformer's preprocess failed: " + e, e);
    }
    InferResponse response = next.proceed(transformed, context);
    try {
      return transformer.postprocess(response, headers);
    } catch (InferenceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InferenceException(
          InferenceStatus.INTERNAL, service, "the transformer's postprocess failed: " + e, e);
    }
  }
}
