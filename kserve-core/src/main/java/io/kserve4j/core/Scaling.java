package io.kserve4j.core;

import io.kserve4j.autoscale.AutoscalerSettings;
import io.kserve4j.core.internal.ScalingPlan;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.PredictorSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a service's predictor scales in the JVM, read from its KServe fields and annotations as the
 * service itself reads them: Knative's KPA settings in Knative mode, a fixed replica count in
 * Standard mode. For tools that reason about scaling without running the model ({@code kserve4j
 * simulate}).
 *
 * @param settings the KPA settings, or {@code null} in Standard mode (fixed replicas)
 * @param fixedReplicas the replica count in Standard mode
 * @param containerConcurrency slots per replica (0 for unlimited)
 * @param timeout the longest a request waits for a replica (the component's {@code timeout})
 */
public record Scaling(
    @Nullable AutoscalerSettings settings,
    int fixedReplicas,
    int containerConcurrency,
    Duration timeout) {
  /**
   * The scaling of {@code service}'s predictor.
   *
   * @throws io.kserve4j.core.spec.SpecValidationException if a scaling field or annotation is
   *     impossible, naming it
   */
  public static Scaling of(InferenceServiceResource service) {
    PredictorSpec p = service.spec().predictor();
    Map<String, String> annotations = new LinkedHashMap<>(service.metadata().annotations());
    annotations.putAll(p.component().annotations());
    ScalingPlan plan =
        ScalingPlan.of(
            service.name(), "spec.predictor", p.component(), annotations, service.deploymentMode());
    return new Scaling(
        plan.settings(), plan.fixedReplicas(), plan.containerConcurrency(), plan.requestTimeout());
  }
}
