package io.kserve4j.core.spec;

import java.util.LinkedHashMap;
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

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's fields. */
  public Builder toBuilder() {
    return new Builder()
        .minReplicas(minReplicas)
        .maxReplicas(maxReplicas)
        .scaleTarget(scaleTarget)
        .scaleMetric(scaleMetric)
        .containerConcurrency(containerConcurrency)
        .timeout(timeout)
        .canaryTrafficPercent(canaryTrafficPercent)
        .batcher(batcher)
        .logger(logger)
        .labels(labels)
        .annotations(annotations);
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

  /**
   * Builds a {@link ComponentExtensionSpec}. Every field starts unset ({@code null} or empty),
   * which is what KServe YAML without the field means; each method says what unset means.
   */
  public static final class Builder {
    private @Nullable Integer minReplicas;
    private @Nullable Integer maxReplicas;
    private @Nullable Integer scaleTarget;
    private @Nullable String scaleMetric;
    private @Nullable Long containerConcurrency;
    private @Nullable Long timeout;
    private @Nullable Long canaryTrafficPercent;
    private @Nullable BatcherSpec batcher;
    private @Nullable LoggerSpec logger;
    private Map<String, String> labels = new LinkedHashMap<>();
    private Map<String, String> annotations = new LinkedHashMap<>();

    private Builder() {}

    /** Fewest replicas; 0 allows scale to zero. By default unset, which KServe reads as 1. */
    public Builder minReplicas(@Nullable Integer minReplicas) {
      this.minReplicas = minReplicas;
      return this;
    }

    /** Most replicas. By default unset, like 0: no explicit maximum. */
    public Builder maxReplicas(@Nullable Integer maxReplicas) {
      this.maxReplicas = maxReplicas;
      return this;
    }

    /**
     * The autoscaling metric's target per replica. By default unset: Knative's default (100
     * concurrent requests, or 200 rps) or HPA's 80% cpu.
     */
    public Builder scaleTarget(@Nullable Integer scaleTarget) {
      this.scaleTarget = scaleTarget;
      return this;
    }

    /**
     * {@code concurrency}, {@code rps}, {@code cpu} or {@code memory}. By default unset: {@code
     * concurrency} in Knative mode, {@code cpu} with HPA.
     */
    public Builder scaleMetric(@Nullable String scaleMetric) {
      this.scaleMetric = scaleMetric;
      return this;
    }

    /** Hard limit of concurrent requests per replica. By default unset, like 0: no limit. */
    public Builder containerConcurrency(@Nullable Long containerConcurrency) {
      this.containerConcurrency = containerConcurrency;
      return this;
    }

    /** Request timeout in seconds. By default unset: Knative's 300 s, or 60 s in Standard mode. */
    public Builder timeout(@Nullable Long timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * The latest revision's share of traffic in percent (0 to 100). By default unset: the latest
     * ready revision takes all traffic.
     */
    public Builder canaryTrafficPercent(@Nullable Long canaryTrafficPercent) {
      this.canaryTrafficPercent = canaryTrafficPercent;
      return this;
    }

    /** Request batching. By default unset: no batching. */
    public Builder batcher(@Nullable BatcherSpec batcher) {
      this.batcher = batcher;
      return this;
    }

    /** Request logging. By default unset: no logging. */
    public Builder logger(@Nullable LoggerSpec logger) {
      this.logger = logger;
      return this;
    }

    /** Replaces the labels. By default there are none. */
    public Builder labels(Map<String, String> labels) {
      this.labels = new LinkedHashMap<>(labels);
      return this;
    }

    /** Adds one label. By default there are none. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** Replaces the annotations. By default there are none. */
    public Builder annotations(Map<String, String> annotations) {
      this.annotations = new LinkedHashMap<>(annotations);
      return this;
    }

    /** Adds one annotation, e.g. {@code serving.kserve4j.io/class}. By default there are none. */
    public Builder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    /** The spec. */
    public ComponentExtensionSpec build() {
      return new ComponentExtensionSpec(
          minReplicas,
          maxReplicas,
          scaleTarget,
          scaleMetric,
          containerConcurrency,
          timeout,
          canaryTrafficPercent,
          batcher,
          logger,
          labels,
          annotations);
    }
  }
}
