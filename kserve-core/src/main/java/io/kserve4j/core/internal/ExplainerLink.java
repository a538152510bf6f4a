package io.kserve4j.core.internal;

import io.kserve4j.core.CallContext;
import io.kserve4j.core.Explainer;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.ModelFailureException;

/** The explain chain's last link: the explainer, calling the predictor link for predictions. */
public final class ExplainerLink implements Link {
  private final String service;
  private final Explainer explainer;
  private final Link predictor;

  /** A link that explains with {@code explainer}, which calls {@code predictor}. */
  public ExplainerLink(String service, Explainer explainer, Link predictor) {
    this.service = service;
    this.explainer = explainer;
    this.predictor = predictor;
  }

  @Override
  public InferResponse proceed(InferRequest request, CallContext context) {
    try {
      return explainer.explain(request, context.headers(), r -> predictor.proceed(r, context));
    } catch (InferenceException e) {
      throw e;
    } catch (Exception e) {
      throw new ModelFailureException(service, "the explainer failed: " + e, e);
    }
  }
}
