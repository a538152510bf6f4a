package io.kserve4j.core.spec;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec} of a {@code serving.kserve.io/v1beta1} InferenceService.
 *
 * @param predictor the predictor (required)
 * @param transformer the transformer, or {@code null}
 * @param explainer the explainer, or {@code null}
 * @param canary KServe 0.20's Standard-mode canary predictors ({@code spec.canary[]}), in order;
 *     empty when there are none
 * @param extra other spec fields, kept as read for export
 */
public record InferenceServiceSpec(
    PredictorSpec predictor,
    @Nullable TransformerSpec transformer,
    @Nullable ExplainerSpec explainer,
    List<CanarySpec> canary,
    Map<String, Object> extra) {
  /** Copies the collections. */
  public InferenceServiceSpec {
    canary = List.copyOf(canary);
    extra = Specs.copy(extra);
  }

  /** A spec without canaries. */
  public InferenceServiceSpec(
      PredictorSpec predictor,
      @Nullable TransformerSpec transformer,
      @Nullable ExplainerSpec explainer,
      Map<String, Object> extra) {
    this(predictor, transformer, explainer, List.of(), extra);
  }
}
