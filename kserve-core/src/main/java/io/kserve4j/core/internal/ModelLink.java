package io.kserve4j.core.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.ModelFailureException;
import java.util.Map;

/** The chain's last link: one loaded model instance. */
public final class ModelLink implements Link {
  private final String service;
  private final Model model;

  /** A link that runs {@code model}. */
  public ModelLink(String service, Model model) {
    this.service = service;
    this.model = model;
  }

  @Override
  public InferResponse proceed(InferRequest request, Map<String, String> headers) {
    try {
      return model.predict(request);
    } catch (InferenceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFailureException(service, "the model failed: " + e, e);
    }
  }
}
