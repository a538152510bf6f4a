package io.kserve4j.core.internal;

import io.kserve4j.autoscale.AutoscalerSettings;
import io.kserve4j.autoscale.ScaleMetric;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.DeploymentMode;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a component scales in the JVM, from its KServe fields and annotations (KSERVE-FACTS §j): in
 * Knative mode (the default) Knative's KPA with {@code minReplicas}, {@code maxReplicas}, {@code
 * scaleTarget}, {@code scaleMetric}, {@code containerConcurrency} and the {@code
 * autoscaling.knative.dev/*} annotations; in Standard (RawDeployment) mode a fixed replica count,
 * {@code max(minReplicas, 1)} as KServe's HPA floor, since CPU and memory per replica cannot be
 * measured inside one JVM.
 *
 * @param settings the KPA settings, or {@code null} for a fixed count
 * @param fixedReplicas the replica count when not autoscaled
 * @param containerConcurrency slots per replica (0 = unlimited)
 * @param requestTimeout the longest a request may wait for a replica ({@code timeout}, else
 *     Knative's 300 s)
 */
public record ScalingPlan(
    @Nullable AutoscalerSettings settings,
    int fixedReplicas,
    int containerConcurrency,
    Duration requestTimeout) {
  private static final System.Logger LOG = System.getLogger(ScalingPlan.class.getName());
  private static final String KN = "autoscaling.knative.dev/";

  /**
   * The plan for a component.
   *
   * @param service the service's name, for errors and logs
   * @param path the component's spec path, e.g. {@code spec.predictor}
   * @param component its fields
   * @param annotations the service's annotations with the component's over them
   * @param mode the service's deployment mode ({@code InferenceServiceResource.deploymentMode()})
   * @throws SpecValidationException if a setting is impossible, naming the field
   */
  public static ScalingPlan of(
      String service,
      String path,
      ComponentExtensionSpec component,
      Map<String, String> annotations,
      DeploymentMode mode) {
    long cc = component.containerConcurrencyOrDefault();
    Long timeoutSeconds = component.timeout();
    Duration timeout = Duration.ofSeconds(timeoutSeconds == null ? 300 : timeoutSeconds);
    if (mode == DeploymentMode.STANDARD) {
      String cls = annotations.getOrDefault("serving.kserve.io/autoscalerClass", "hpa");
      int min = component.minReplicasOrDefault();
      int replicas = cls.equals("none") ? min : Math.max(min, 1);
      LOG.log(
          Level.DEBUG,
          "InferenceService {0}: {1} mode runs a fixed {2} replica(s); Kubernetes'' HPA ({3}) scales"
              + " it on a cluster",
          service,
          mode.kserveName(),
          replicas,
          component.scaleMetric() == null ? "cpu" : component.scaleMetric());
      return new ScalingPlan(null, replicas, (int) cc, timeout);
    }
    List<Violation> problems = new ArrayList<>();
    AutoscalerSettings.Builder b = AutoscalerSettings.builder();
    String metric = component.scaleMetric();
    if (metric == null) {
      metric = annotations.get(KN + "metric");
    }
    if (metric != null) {
      switch (metric.toLowerCase(Locale.ROOT)) {
        case "concurrency" -> b.metric(ScaleMetric.CONCURRENCY);
        case "rps" -> b.metric(ScaleMetric.RPS);
        default ->
            problems.add(
                new Violation(
                    path + ".scaleMetric",
                    metric,
                    "Knative's KPA scales on concurrency or rps",
                    "use concurrency or rps, or annotate serving.kserve.io/deploymentMode: Standard"
                        + " for CPU or memory scaling by Kubernetes' HPA"));
      }
    }
    Integer target = component.scaleTarget();
    Double annotatedTarget = number(annotations, KN + "target", path, problems);
    if (target != null) {
      b.target(target);
    } else if (annotatedTarget != null) {
      b.target(annotatedTarget);
    }
    b.containerConcurrency((int) cc);
    b.minScale(component.minReplicasOrDefault());
    b.maxScale(component.maxReplicasOrDefault());
    Double utilization = number(annotations, KN + "target-utilization-percentage", path, problems);
    if (utilization != null) {
      b.targetUtilization(utilization);
    }
    String window = annotations.get(KN + "window");
    if (window != null) {
      Duration d = duration(window);
      if (d == null) {
        problems.add(
            new Violation(
                path + ".annotations[" + KN + "window]",
                window,
                "is not a duration",
                "write e.g. 60s"));
      } else {
        b.stableWindow(d);
      }
    }
    Double panicWindow = number(annotations, KN + "panic-window-percentage", path, problems);
    if (panicWindow != null) {
      b.panicWindowPercentage(panicWindow);
    }
    Double panicThreshold = number(annotations, KN + "panic-threshold-percentage", path, problems);
    if (panicThreshold != null) {
      b.panicThresholdPercentage(panicThreshold);
    }
    Double tbc = number(annotations, KN + "target-burst-capacity", path, problems);
    if (tbc != null) {
      b.targetBurstCapacity(tbc);
    }
    Double activation = number(annotations, KN + "activation-scale", path, problems);
    if (activation != null) {
      b.activationScale(activation.intValue());
    }
    String initial = annotations.get(KN + "initial-scale");
    if (initial != null) {
      // Knative drops a non-integer initial scale, and 0 unless allow-zero-initial-scale is on.
      try {
        int i = Integer.parseInt(initial.trim());
        if (i > 0) {
          b.initialScale(i);
        }
      } catch (NumberFormatException e) {
        LOG.log(
            Level.DEBUG,
            "InferenceService {0}: initial-scale {1} is not an integer; ignored",
            service,
            initial);
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecValidationException("InferenceService '" + service + "'", problems);
    }
    try {
      return new ScalingPlan(b.build(), 0, (int) cc, timeout);
    } catch (IllegalArgumentException e) {
      throw new SpecValidationException(
          "InferenceService '" + service + "'",
          List.of(
              new Violation(
                  path, null, String.valueOf(e.getMessage()), "fix the autoscaling fields above")));
    }
  }

  /**
   * The plan in a few words, for the service's start line: {@code 2 replicas, fixed (Standard
   * mode)} or {@code autoscaled on concurrency (target 70.0 per replica, 1 to 5 replicas)}.
   */
  public String describe() {
    AutoscalerSettings s = settings;
    if (s == null) {
      return fixedReplicas + (fixedReplicas == 1 ? " replica" : " replicas") + ", fixed";
    }
    return String.format(
        Locale.ROOT,
        "autoscaled on %s (target %.1f per replica, %d to %s replicas)",
        s.metric().name().toLowerCase(Locale.ROOT),
        s.target(),
        s.minScale(),
        s.maxScale() == 0 ? "any number of" : String.valueOf(s.maxScale()));
  }

  private static @Nullable Double number(
      Map<String, String> annotations, String key, String path, List<Violation> problems) {
    String v = annotations.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      problems.add(
          new Violation(
              path + ".annotations[" + key + "]", v, "is not a number", "write a number"));
      return null;
    }
  }

  /** A Go duration such as {@code 60s}, {@code 1m30s}, {@code 2h}; {@code null} if not one. */
  static @Nullable Duration duration(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
    long millis = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      long n = Long.parseLong(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
          };
      end = m.end();
    }
    return end == text.trim().length() && end > 0 ? Duration.ofMillis(millis) : null;
  }
}
