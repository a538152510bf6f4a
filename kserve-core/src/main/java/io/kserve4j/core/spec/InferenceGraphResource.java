package io.kserve4j.core.spec;

import io.kserve4j.core.internal.spec.SpecRules;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A whole {@code serving.kserve.io/v1alpha1} {@code InferenceGraph} object: a router that chains,
 * splits, switches or ensembles requests over InferenceServices.
 *
 * <p>kserve4j reads, checks and writes graphs; running them in-process comes with the {@code
 * kserve-graph} module, and with it KServe's graph rules (a {@code root} node, unique step names,
 * one target per step, Splitter weights adding up to 100).
 *
 * @param apiVersion {@code serving.kserve.io/v1alpha1}
 * @param kind {@code InferenceGraph}
 * @param metadata name, namespace, labels, annotations
 * @param spec the spec
 * @param extra other top-level fields (such as {@code status}), kept as read for export
 */
public record InferenceGraphResource(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    InferenceGraphSpec spec,
    Map<String, Object> extra)
    implements KServeResource {
  /** The API version. */
  public static final String API_VERSION = "serving.kserve.io/v1alpha1";

  /** The kind. */
  public static final String KIND = "InferenceGraph";

  /** Copies the extra fields. */
  public InferenceGraphResource {
    extra = Specs.copy(extra);
  }

  /** An InferenceGraph called {@code name} with this spec. */
  public static InferenceGraphResource of(String name, InferenceGraphSpec spec) {
    return new InferenceGraphResource(API_VERSION, KIND, ObjectMeta.named(name), spec, Map.of());
  }

  /** The graph's name. */
  @Override
  public String name() {
    return metadata.name();
  }

  /**
   * The router's deployment mode, as KServe's controller picks it: {@code status.deploymentMode},
   * else annotation {@value DeploymentMode#ANNOTATION}, else Knative (see {@link
   * InferenceServiceResource#deploymentMode()}).
   */
  public DeploymentMode deploymentMode() {
    return DeploymentMode.effective(
        statusDeploymentMode(), metadata.annotations().get(DeploymentMode.ANNOTATION));
  }

  /** {@code status.deploymentMode} as read, or null. */
  public @Nullable String statusDeploymentMode() {
    return Specs.statusText(extra, "deploymentMode");
  }

  /**
   * Every violation of the InferenceGraph CRD's schema that reading does not already report, each
   * as {@code path = value: rule (fix)}; empty when there is none.
   *
   * <p>The checks: {@code metadata.name} is a Kubernetes object name; {@code spec.nodes} is set and
   * every node sets {@code routerType}; {@code spec.scaleMetric} is cpu, memory, concurrency or
   * rps; the deployment mode (annotation and {@code status.deploymentMode}) is Knative or Standard,
   * or an old name of one. Reading already rejects a {@code routerType} or {@code dependency}
   * outside its enum, wrong types and unknown fields. KServe's graph rules are not checked yet:
   * they come with the {@code kserve-graph} module.
   *
   * @return the violations, in field order
   */
  @Override
  public List<Violation> violations() {
    return SpecRules.check(this);
  }

  /**
   * Checks the InferenceGraph CRD's schema (see {@link #violations()}).
   *
   * @return this graph
   * @throws SpecValidationException listing every violation, if there is any
   */
  @Override
  public InferenceGraphResource validate() {
    List<Violation> violations = violations();
    if (!violations.isEmpty()) {
      throw new SpecValidationException(KIND + " '" + name() + "'", violations);
    }
    return this;
  }
}
