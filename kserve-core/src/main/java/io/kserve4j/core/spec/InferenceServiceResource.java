package io.kserve4j.core.spec;

import io.kserve4j.core.internal.spec.SpecRules;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A whole {@code serving.kserve.io/v1beta1} {@code InferenceService} object as KServe YAML holds
 * it: apiVersion, kind, metadata and spec.
 *
 * @param apiVersion {@code serving.kserve.io/v1beta1}
 * @param kind {@code InferenceService}
 * @param metadata name, namespace, labels, annotations
 * @param spec the spec
 * @param extra other top-level fields (such as {@code status}), kept as read for export
 */
public record InferenceServiceResource(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    InferenceServiceSpec spec,
    Map<String, Object> extra)
    implements KServeResource {
  /** The API version kserve4j reads and writes. */
  public static final String API_VERSION = "serving.kserve.io/v1beta1";

  /** The kind. */
  public static final String KIND = "InferenceService";

  /** Copies the extra fields. */
  public InferenceServiceResource {
    extra = Specs.copy(extra);
  }

  /** An InferenceService called {@code name} with this spec. */
  public static InferenceServiceResource of(String name, InferenceServiceSpec spec) {
    return new InferenceServiceResource(API_VERSION, KIND, ObjectMeta.named(name), spec, Map.of());
  }

  /** The service's name. */
  @Override
  public String name() {
    return metadata.name();
  }

  /**
   * The deployment mode, as KServe's controller picks it: {@code status.deploymentMode} when the
   * service has one (a service exported from a cluster), else annotation {@value
   * DeploymentMode#ANNOTATION}, else {@link DeploymentMode#KNATIVE}, KServe's shipped default.
   * KServe's old names count ({@code Serverless}, {@code RawDeployment}); a value that names no
   * mode ({@code ModelMesh}, a typo) counts as unset here, and {@link #violations()} reports it.
   */
  public DeploymentMode deploymentMode() {
    return DeploymentMode.effective(
        statusDeploymentMode(), metadata.annotations().get(DeploymentMode.ANNOTATION));
  }

  /**
   * {@code status.deploymentMode} as read (KServe's controller records the mode there), or null.
   */
  public @Nullable String statusDeploymentMode() {
    return Specs.statusText(extra, "deploymentMode");
  }

  /**
   * Every violation of KServe's admission rules, each as {@code path = value: rule (fix)}; empty
   * when the service is valid. KServe stops at the first failure; this lists them all.
   *
   * <p>The rules: {@code metadata.name} (and {@code spec.predictor.name}) match {@code
   * ^[a-z]([-a-z0-9]*[a-z0-9])?$}; the predictor sets exactly one of {@code model}, a framework
   * shortcut or {@code containers}; {@code model.modelFormat.name} is set; {@code protocolVersion}
   * is {@code v1}, {@code v2}, {@code grpc-v1} or {@code grpc-v2}; {@code model} sets no container
   * {@code name}; {@code storageUri} and {@code storageUris} are not both set, and each {@code
   * storageUris} entry has a uri and an absolute mount path; no container sets {@code PYTHONPATH};
   * per component {@code minReplicas >= 0}, {@code maxReplicas >= 0}, {@code minReplicas <=
   * maxReplicas} when the maximum is not 0, {@code containerConcurrency >= 0}, {@code timeout > 0},
   * {@code scaleMetric} one of cpu, memory, concurrency, rps and {@code scaleTarget >= 1};
   * autoscaling per mode (Knative: concurrency or rps, no {@code deploymentStrategy}; Standard with
   * autoscaler class {@code hpa}: cpu or memory, target at most 100; with {@code keda}: no {@code
   * scaleMetric}); {@code logger.mode} exactly all, request or response (KServe rejects an omitted
   * mode); batcher sizes, latency and timeout {@code >= 1}; the annotations {@code
   * serving.kserve.io/deploymentMode} (Knative, Standard, or their old names Serverless and
   * RawDeployment; also {@code status.deploymentMode}, which the annotation must match) and {@code
   * serving.kserve.io/autoscalerClass} (hpa, keda, external, none), and sane {@code
   * autoscaling.knative.dev/*} values (scales integers {@code >= 0}, target {@code > 0}, window 6s
   * to 1h).
   *
   * <p>KServe's third deployment mode, ModelMesh, is a violation: it cannot run in a JVM.
   *
   * <p>One rule is kserve4j's own: {@code canaryTrafficPercent} must be between 0 and 100. KServe
   * has no range check (Knative rejects a bad split later); kserve4j routes traffic in-process and
   * needs a valid share up front.
   *
   * @return the violations, in field order
   */
  @Override
  public List<Violation> violations() {
    return SpecRules.check(this);
  }

  /**
   * Checks KServe's admission rules (see {@link #violations()}).
   *
   * @return this service
   * @throws SpecValidationException listing every violation, if there is any
   */
  @Override
  public InferenceServiceResource validate() {
    List<Violation> violations = violations();
    if (!violations.isEmpty()) {
      throw new SpecValidationException(KIND + " '" + name() + "'", violations);
    }
    return this;
  }
}
