package io.kserve4j.core.internal.gpu;

import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a predictor asks of GPUs, read as KServe reads it: {@code
 * resources.limits["nvidia.com/gpu"]} (else {@code resources.requests}) on the model container,
 * kserve4j's CPU fallback setting, and the CUDA options of its annotations with the Java ones over
 * them.
 *
 * @param gpus GPUs per replica: 0 (CPU) or 1
 * @param cpuFallback whether the service may serve on the CPU when no GPU can be used
 * @param cuda the CUDA provider options
 */
public record GpuRequest(int gpus, boolean cpuFallback, CudaOptions cuda) {
  /** The extended resource name of an NVIDIA GPU. */
  public static final String RESOURCE = "nvidia.com/gpu";

  /** The annotation that allows serving on the CPU when no GPU can be used: value {@code cpu}. */
  public static final String FALLBACK_ANNOTATION = "serving.kserve4j.io/gpu-fallback";

  /** The spec path of the GPU limit, for messages. */
  public static final String FIELD = "spec.predictor.model.resources.limits[" + RESOURCE + "]";

  /**
   * Reads the request.
   *
   * @param subject e.g. {@code InferenceService 'mnist'}
   * @param model the predictor's model spec
   * @param annotations the predictor's annotations merged over the service's
   * @param allowCpuFallback whether the Java builder allows the CPU fallback
   * @param javaCuda CUDA options given in Java, or {@code null}
   * @throws SpecValidationException listing every bad value: a GPU count that is not a whole
   *     number, more than one GPU per replica, an unknown fallback value, bad CUDA annotations
   */
  public static GpuRequest read(
      String subject,
      ModelSpec model,
      Map<String, String> annotations,
      boolean allowCpuFallback,
      @Nullable CudaOptions javaCuda) {
    List<Violation> problems = new ArrayList<>();
    int gpus = 0;
    String field = FIELD;
    Object value = limit(model.extra(), "limits");
    if (value == null) {
      value = limit(model.extra(), "requests");
      field = field.replace(".limits[", ".requests[");
    }
    if (value != null) {
      long n = count(value);
      if (n < 0) {
        problems.add(
            new Violation(
                field,
                value,
                "must be a whole number of GPUs",
                "write e.g. 1, as Kubernetes counts " + RESOURCE));
      } else if (n > 1) {
        problems.add(
            new Violation(
                field,
                value,
                "kserve4j runs a replica's session on one GPU",
                "ask for 1 GPU per replica, and for more replicas (minReplicas) to use more GPUs"));
      } else {
        gpus = (int) n;
      }
    }
    boolean fallback = allowCpuFallback;
    String f = annotations.get(FALLBACK_ANNOTATION);
    if (f != null) {
      switch (f.trim().toLowerCase(Locale.ROOT)) {
        case "cpu" -> fallback = true;
        case "none" -> {}
        default ->
            problems.add(
                new Violation(
                    "spec.predictor.annotations[" + FALLBACK_ANNOTATION + "]",
                    f,
                    "is not a fallback",
                    "use cpu to serve on the CPU when no GPU can be used, or none (the default)"));
      }
    }
    CudaOptions cuda = CudaOptions.ofDefaults();
    try {
      cuda = CudaOptions.fromAnnotations(subject, "spec.predictor.annotations", annotations);
    } catch (SpecValidationException e) {
      problems.addAll(e.violations());
    }
    if (!problems.isEmpty()) {
      throw new SpecValidationException(subject, problems);
    }
    if (javaCuda != null) {
      cuda = cuda.overriddenBy(javaCuda);
    }
    return new GpuRequest(gpus, fallback, cuda);
  }

  private static @Nullable Object limit(Map<String, Object> extra, String kind) {
    if (extra.get("resources") instanceof Map<?, ?> resources
        && resources.get(kind) instanceof Map<?, ?> limits) {
      return limits.get(RESOURCE);
    }
    return null;
  }

  /** A whole, non-negative count from a YAML number or a quantity string; -1 if not one. */
  private static long count(Object value) {
    try {
      BigDecimal d = new BigDecimal(value.toString().trim());
      if (d.signum() < 0 || d.stripTrailingZeros().scale() > 0) {
        return -1;
      }
      return d.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return -1;
    }
  }
}
