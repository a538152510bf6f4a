package io.kserve4j.core.internal;

import io.kserve4j.core.spec.CanarySpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.DeploymentMode;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.PredictorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * KServe 0.20's Standard-mode canaries (KSERVE-FACTS §h2): a canary is the stable predictor
 * deep-merged with the canary's overrides, deployed apart as {@code <isvc>-<name>-predictor} with
 * fixed replicas: its {@code minReplicas}, else {@code ceil(stableMin × percent / 100)} (at least
 * one in a JVM).
 */
final class Canaries {
  private Canaries() {}

  /** The revision name KServe gives canary {@code name} of {@code service}. */
  static String revisionName(String service, String name) {
    return service + "-" + name + "-predictor";
  }

  /** The spec of one canary as a service of its own: the merged predictor, no canaries. */
  static InferenceServiceResource spec(InferenceServiceResource isvc, CanarySpec canary) {
    PredictorSpec stable = isvc.spec().predictor();
    PredictorSpec merged = merge(stable, canary.predictor());
    long percent = canary.trafficPercent() == null ? 0 : canary.trafficPercent();
    Integer min = canary.predictor().component().minReplicas();
    int stableMin = stable.component().minReplicas() == null ? 1 : stable.component().minReplicas();
    int replicas =
        min != null ? Math.max(1, min) : (int) Math.max(1, Math.ceil(stableMin * percent / 100.0));
    merged =
        merged.withComponent(
            merged.component().toBuilder().minReplicas(replicas).maxReplicas(null).build());
    Map<String, String> annotations = new LinkedHashMap<>(isvc.metadata().annotations());
    annotations.put(DeploymentMode.ANNOTATION, DeploymentMode.STANDARD.kserveName());
    ObjectMeta m = isvc.metadata();
    InferenceServiceSpec s = isvc.spec();
    return new InferenceServiceResource(
        isvc.apiVersion(),
        isvc.kind(),
        new ObjectMeta(m.name(), m.namespace(), m.labels(), annotations, m.extra()),
        new InferenceServiceSpec(merged, s.transformer(), s.explainer(), List.of(), s.extra()),
        Map.of());
  }

  /** {@code override} deep-merged over {@code stable}: what the override sets wins. */
  static PredictorSpec merge(PredictorSpec stable, PredictorSpec override) {
    return new PredictorSpec(
        override.name() != null ? override.name() : stable.name(),
        model(stable.model(), override.model()),
        component(stable.component(), override.component()),
        deep(stable.extra(), override.extra()));
  }

  private static @Nullable ModelSpec model(@Nullable ModelSpec s, @Nullable ModelSpec o) {
    if (o == null) {
      return s;
    }
    if (s == null) {
      return o;
    }
    return new ModelSpec(
        o.modelFormat(),
        pick(s.runtime(), o.runtime()),
        pick(s.runtimeVersion(), o.runtimeVersion()),
        pick(s.protocolVersion(), o.protocolVersion()),
        pick(s.storageUri(), o.storageUri()),
        pick(s.storage(), o.storage()),
        deep(s.extra(), o.extra()));
  }

  private static ComponentExtensionSpec component(
      ComponentExtensionSpec s, ComponentExtensionSpec o) {
    Map<String, String> labels = new LinkedHashMap<>(s.labels());
    labels.putAll(o.labels());
    Map<String, String> annotations = new LinkedHashMap<>(s.annotations());
    annotations.putAll(o.annotations());
    return ComponentExtensionSpec.builder()
        .minReplicas(pick(s.minReplicas(), o.minReplicas()))
        .maxReplicas(pick(s.maxReplicas(), o.maxReplicas()))
        .scaleTarget(pick(s.scaleTarget(), o.scaleTarget()))
        .scaleMetric(pick(s.scaleMetric(), o.scaleMetric()))
        .containerConcurrency(pick(s.containerConcurrency(), o.containerConcurrency()))
        .timeout(pick(s.timeout(), o.timeout()))
        .canaryTrafficPercent(pick(s.canaryTrafficPercent(), o.canaryTrafficPercent()))
        .batcher(pick(s.batcher(), o.batcher()))
        .logger(pick(s.logger(), o.logger()))
        .labels(labels)
        .annotations(annotations)
        .build();
  }

  private static <T> @Nullable T pick(@Nullable T stable, @Nullable T override) {
    return override != null ? override : stable;
  }

  /** Maps merged key by key, nested maps merged again; anything else the override's. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deep(Map<String, Object> stable, Map<String, Object> override) {
    Map<String, Object> out = new LinkedHashMap<>(stable);
    for (Map.Entry<String, Object> e : override.entrySet()) {
      Object before = out.get(e.getKey());
      Object after = e.getValue();
      if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
        out.put(e.getKey(), deep((Map<String, Object>) b, (Map<String, Object>) a));
      } else {
        out.put(e.getKey(), after);
      }
    }
    return out;
  }
}
