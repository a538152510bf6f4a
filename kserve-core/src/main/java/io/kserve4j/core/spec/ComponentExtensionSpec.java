package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields every component (predictor, transformer, explainer) has, inline in KServe YAML:
 * KServe's {@code ComponentExtensionSpec}. Every field is {@code null} when unset, so that absent
 * fields stay absent on export; the {@code ...OrDefault} methods give KServe's defaults.
 *
 * @param minReplicas fewest replicas; unset means 1, 0 allows scale to zero
 * @param maxReplicas most replicas; unset or 0 means no explicit maximum
 * @param scaleTarget the autoscaling metric's target per replica
 * @param scaleMetric {@code concurrency} (default), {@code rps}, {@code cpu} or {@code memory}
 * @param containerConcurrency hard limit of concurrent requests per replica; 0 means unlimited
 * @param timeout request timeout in seconds
 * @param canaryTrafficPercent share of traffic for the latest revision during a canary rollout
 * @param batcher request batching, or {@code null} for none
 * @param logger request logging, or {@code null} for none
 * @param labels labels for the component
 * @param annotations annotations for the component
 */
public record ComponentExtensionSpec(
    @Nullable Integer minReplicas,
    @Nullable Integer maxReplicas,
    @Nullable Integer scaleTarget,
    @Nullable String scaleMetric,
    @Nullable Long containerConcurrency,
    @Nullable Long timeout,
    @Nullable Long canaryTrafficPercent,
    @Nullable BatcherSpec batcher,
    @Nullable LoggerSpec logger,
    Map<String, String> labels,
    Map<String, String> annotations) {
  /** Copies the maps. */
  public ComponentExtensionSpec {
    labels = Specs.copy(labels);
    annotations = Specs.copy(annotations);
  }

  /** Every field unset. */
  public static ComponentExtensionSpec empty() {
    return new ComponentExtensionSpec(
        null, null, null, null, null, null, null, null, null, Map.of(), Map.of());
  }

  /** {@code minReplicas}, or KServe's default 1 when unset. */
  public int minReplicasOrDefault() {
    return minReplicas == null ? 1 : minReplicas;
  }

  /** {@code maxReplicas}, or 0 (no explicit maximum) when unset. */
  public int maxReplicasOrDefault() {
    return maxReplicas == null ? 0 : maxReplicas;
  }

  /** {@code containerConcurrency}, or 0 (unlimited) when unset. */
  public long containerConcurrencyOrDefault() {
    return containerConcurrency == null ? 0 : containerConcurrency;
  }
}
