package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code spec.canary[]} of an InferenceService in KServe's Standard mode (0.20): a
 * canary predictor, deep-merged over the stable predictor, and its share of traffic (KSERVE-FACTS
 * §h2).
 *
 * @param predictor the fields that differ from the stable predictor (its {@code name} is required
 *     and unique); fields it leaves unset come from the stable predictor
 * @param trafficPercent its share of traffic, 0 to 100 (0 is a dark launch), or {@code null} when
 *     unset (the schema requires it; validation reports it)
 * @param extra other fields of the entry, kept as read for export
 */
public record CanarySpec(
    PredictorSpec predictor, @Nullable Long trafficPercent, Map<String, Object> extra) {
  /** Copies the extra fields. */
  public CanarySpec {
    extra = Specs.copy(extra);
  }

  /** A canary with this override and share. */
  public static CanarySpec of(PredictorSpec predictor, long trafficPercent) {
    return new CanarySpec(predictor, trafficPercent, Map.of());
  }
}
