package io.kserve4j.core.spec;

import io.kserve4j.core.internal.spec.SpecRules;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code serving.kserve.io/v1alpha1} {@code TrainedModel} object: a model that KServe's
 * model agent loads into a running multi-model InferenceService.
 *
 * @param apiVersion {@code serving.kserve.io/v1alpha1}
 * @param kind {@code TrainedModel}
 * @param metadata name, namespace, labels, annotations
 * @param spec the spec
 * @param extra other top-level fields (such as {@code status}), kept as read for export
 */
public record TrainedModelResource(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    TrainedModelSpec spec,
    Map<String, Object> extra)
    implements KServeResource {
  /** The API version. */
  public static final String API_VERSION = "serving.kserve.io/v1alpha1";

  /** The kind. */
  public static final String KIND = "TrainedModel";

  /** Copies the extra fields. */
  public TrainedModelResource {
    extra = Specs.copy(extra);
  }

  /** A TrainedModel called {@code name} with this spec. */
  public static TrainedModelResource of(String name, TrainedModelSpec spec) {
    return new TrainedModelResource(API_VERSION, KIND, ObjectMeta.named(name), spec, Map.of());
  }

  /** The model's name. */
  @Override
  public String name() {
    return metadata.name();
  }

  /**
   * Every violation of KServe's rules for TrainedModels (its CRD schema and validating webhook),
   * each as {@code path = value: rule (fix)}; empty when the model is valid.
   *
   * <p>The rules: {@code metadata.name} uses lower-case letters, digits and '-' (the API server's
   * object name rule and KServe's {@code [a-zA-Z0-9_-]+} together); {@code spec.inferenceService},
   * {@code spec.model.framework}, {@code spec.model.storageUri} and {@code spec.model.memory} are
   * set; the storage URI starts with {@code s3://}, {@code gs://}, {@code https://} or {@code
   * http://}, the schemes KServe's model agent fetches; {@code memory} is a Kubernetes quantity.
   * Not checked: that the InferenceService is a multi-model one with room for the model, and that
   * {@code memory} does not change on update (KServe checks both against the cluster).
   *
   * @return the violations, in field order
   */
  @Override
  public List<Violation> violations() {
    return SpecRules.check(this);
  }

  /**
   * Checks KServe's rules for TrainedModels (see {@link #violations()}).
   *
   * @return this model
   * @throws SpecValidationException listing every violation, if there is any
   */
  @Override
  public TrainedModelResource validate() {
    List<Violation> violations = violations();
    if (!violations.isEmpty()) {
      throw new SpecValidationException(KIND + " '" + name() + "'", violations);
    }
    return this;
  }
}
