package io.kserve4j.core.spec;

import java.util.Map;

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
    Map<String, Object> extra) {
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
  public String name() {
    return metadata.name();
  }

  /** TEMP STUB. */
  public InferenceServiceResource validate() {
    return this;
  }
}
