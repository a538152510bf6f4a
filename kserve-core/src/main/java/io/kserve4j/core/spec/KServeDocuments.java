package io.kserve4j.core.spec;

import java.util.List;
import java.util.Map;

/**
 * The KServe objects read from one YAML source, by kind, each list in document order.
 *
 * @param inferenceServices the {@code serving.kserve.io/v1beta1} InferenceServices
 * @param servingRuntimes the {@code serving.kserve.io/v1alpha1} ServingRuntimes and
 *     ClusterServingRuntimes
 * @param inferenceGraphs the {@code serving.kserve.io/v1alpha1} InferenceGraphs, each the whole
 *     document as read (nested maps, lists and scalars in their original order)
 */
public record KServeDocuments(
    List<InferenceServiceResource> inferenceServices,
    List<ServingRuntimeResource> servingRuntimes,
    List<Map<String, Object>> inferenceGraphs) {
  /** Copies the lists. */
  public KServeDocuments {
    inferenceServices = Specs.copy(inferenceServices);
    servingRuntimes = Specs.copy(servingRuntimes);
    inferenceGraphs = Specs.copy(inferenceGraphs);
  }

  /** No documents at all. */
  public static KServeDocuments empty() {
    return new KServeDocuments(List.of(), List.of(), List.of());
  }

  /** Whether no document of any kind was read. */
  public boolean isEmpty() {
    return inferenceServices.isEmpty() && servingRuntimes.isEmpty() && inferenceGraphs.isEmpty();
  }
}
