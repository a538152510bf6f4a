package io.kserve4j.core.spec;

import java.util.List;
import java.util.Map;

/**
 * One KServe object as KServe YAML holds it: an {@link InferenceServiceResource}, a {@link
 * ServingRuntimeResource} (namespaced or cluster-scoped), an {@link InferenceGraphResource} or a
 * {@link TrainedModelResource}. Each has apiVersion, kind, metadata, its own spec, and other
 * top-level fields (such as {@code status}) kept as read.
 */
public sealed interface KServeResource
    permits InferenceServiceResource,
        ServingRuntimeResource,
        InferenceGraphResource,
        TrainedModelResource {
  /** The API version, e.g. {@code serving.kserve.io/v1beta1}. */
  String apiVersion();

  /** The kind, e.g. {@code InferenceService}. */
  String kind();

  /** Name, namespace, labels, annotations and the other ObjectMeta fields. */
  ObjectMeta metadata();

  /** Other top-level fields, such as {@code status}, kept as read for export. */
  Map<String, Object> extra();

  /** The object's name. */
  default String name() {
    return metadata().name();
  }

  /**
   * Every violation of KServe's rules for this kind, each as {@code path = value: rule (fix)};
   * empty when the object is valid.
   *
   * @return the violations, in field order
   */
  List<Violation> violations();

  /**
   * Checks KServe's rules for this kind (see {@link #violations()}).
   *
   * @return this object
   * @throws SpecValidationException listing every violation, if there is any
   */
  KServeResource validate();
}
