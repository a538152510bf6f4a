package io.kserve4j.core.spec;

import io.kserve4j.core.internal.spec.SpecRules;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code serving.kserve.io/v1alpha1} {@code ServingRuntime} (namespaced) or {@code
 * ClusterServingRuntime} object.
 *
 * <p>A runtime from YAML takes part in runtime selection with its formats, protocols and
 * priorities. It is served in the JVM by the built-in runtime its annotation {@code
 * serving.kserve4j.io/runtime} names, or by the built-in runtime of the same name.
 *
 * @param apiVersion {@code serving.kserve.io/v1alpha1}
 * @param kind {@code ServingRuntime} or {@code ClusterServingRuntime}
 * @param metadata name, namespace, labels, annotations
 * @param spec the spec
 * @param extra other top-level fields, kept as read for export
 */
public record ServingRuntimeResource(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ServingRuntimeSpec spec,
    Map<String, Object> extra)
    implements KServeResource {
  /** The API version. */
  public static final String API_VERSION = "serving.kserve.io/v1alpha1";

  /** The namespaced kind. */
  public static final String KIND = "ServingRuntime";

  /** The cluster-scoped kind. */
  public static final String CLUSTER_KIND = "ClusterServingRuntime";

  /** Copies the extra fields. */
  public ServingRuntimeResource {
    extra = Specs.copy(extra);
  }

  /** Whether this is a {@code ClusterServingRuntime}. */
  public boolean isClusterScoped() {
    return CLUSTER_KIND.equals(kind);
  }

  /** The runtime's name. */
  @Override
  public String name() {
    return metadata.name();
  }

  /**
   * Every violation of KServe's rules for runtimes (its CRD schema and validating webhook), each as
   * {@code path = value: rule (fix)}; empty when the runtime is valid.
   *
   * <p>The rules: {@code metadata.name} is a Kubernetes object name; every {@code
   * supportedModelFormats} entry has a {@code name} and a {@code priority >= 1} when set; two
   * {@code autoSelect} entries of one format name do not set different priorities (not checked for
   * a disabled runtime, as KServe's webhook skips those); {@code protocolVersions} are v1, v2,
   * grpc-v1 or grpc-v2; {@code containers} is not empty; no container sets {@code PYTHONPATH}.
   *
   * @return the violations, in field order
   */
  @Override
  public List<Violation> violations() {
    return SpecRules.check(this);
  }

  /**
   * Checks KServe's rules for runtimes (see {@link #violations()}).
   *
   * @return this runtime
   * @throws SpecValidationException listing every violation, if there is any
   */
  @Override
  public ServingRuntimeResource validate() {
    List<Violation> violations = violations();
    if (!violations.isEmpty()) {
      throw new SpecValidationException(kind + " '" + name() + "'", violations);
    }
    return this;
  }
}
