package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec} of a {@code serving.kserve.io/v1beta1} InferenceService.
 *
 * @param predictor the predictor (required)
 * @param transformer the transformer, or {@code null}
 * @param explainer the explainer, or {@code null}
 * @param extra other spec fields (e.g. {@code canary}), kept as read for export
 */
public record InferenceServiceSpec(
    PredictorSpec predictor,
    @Nullable TransformerSpec transformer,
    @Nullable ExplainerSpec explainer,
    Map<String, Object> extra) {
  /** Copies the extra fields. */
  public InferenceServiceSpec {
    extra = Specs.copy(extra);
  }
}
