package io.kserve4j.core;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import java.util.Map;

/**
 * Explanations of the predictor's answers: KServe's explainer component, as Java code.
 *
 * <p>{@code InferenceService.explain(request)} takes the same way as {@code predict} with the
 * explainer in the predictor's place; the explainer calls the predictor through {@code predictor},
 * as KServe's explainer calls the predictor service. Built-in explanation methods come in a later
 * release; until then an explainer is user code. Implementations must be thread-safe.
 *
 * <p>In YAML, name a class implementing it (public, with a public no-argument constructor) in the
 * explainer's annotation {@code serving.kserve4j.io/class}.
 */
@FunctionalInterface
public interface Explainer {
  /**
   * Explains the predictor's answer to {@code request}.
   *
   * @param request the request to explain
   * @param headers the call's headers
   * @param predictor calls the service's predictor
   * @return the explanation
   * @throws Exception if the explanation fails; reported as a 500
   */
  InferResponse explain(InferRequest request, Map<String, String> headers, PredictorCall predictor)
      throws Exception;

  /** Calls the predictor of the service an explainer belongs to. */
  @FunctionalInterface
  interface PredictorCall {
    /** Runs the predictor on {@code request}. */
    InferResponse predict(InferRequest request);
  }
}
