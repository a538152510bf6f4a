package io.kserve4j.core.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The KServe objects read from one YAML source, by kind, each list in document order.
 *
 * @param inferenceServices the {@code serving.kserve.io/v1beta1} InferenceServices
 * @param servingRuntimes the {@code serving.kserve.io/v1alpha1} ServingRuntimes and
 *     ClusterServingRuntimes
 * @param inferenceGraphs the {@code serving.kserve.io/v1alpha1} InferenceGraphs
 * @param trainedModels the {@code serving.kserve.io/v1alpha1} TrainedModels
 */
public record KServeDocuments(
    List<InferenceServiceResource> inferenceServices,
    List<ServingRuntimeResource> servingRuntimes,
    List<InferenceGraphResource> inferenceGraphs,
    List<TrainedModelResource> trainedModels) {
  /** Copies the lists. */
  public KServeDocuments {
    inferenceServices = Specs.copy(inferenceServices);
    servingRuntimes = Specs.copy(servingRuntimes);
    inferenceGraphs = Specs.copy(inferenceGraphs);
    trainedModels = Specs.copy(trainedModels);
  }

  /** No documents at all. */
  public static KServeDocuments empty() {
    return new KServeDocuments(List.of(), List.of(), List.of(), List.of());
  }

  /** These resources, sorted into the lists by kind, each list in the given order. */
  public static KServeDocuments of(List<? extends KServeResource> resources) {
    List<InferenceServiceResource> services = new ArrayList<>();
    List<ServingRuntimeResource> runtimes = new ArrayList<>();
    List<InferenceGraphResource> graphs = new ArrayList<>();
    List<TrainedModelResource> models = new ArrayList<>();
    for (KServeResource r : resources) {
      if (r instanceof InferenceServiceResource s) {
        services.add(s);
      } else if (r instanceof ServingRuntimeResource sr) {
        runtimes.add(sr);
      } else if (r instanceof InferenceGraphResource g) {
        graphs.add(g);
      } else {
        models.add((TrainedModelResource) r);
      }
    }
    return new KServeDocuments(services, runtimes, graphs, models);
  }

  /**
   * Every resource: runtimes, InferenceServices, InferenceGraphs, then TrainedModels, the order in
   * which a cluster can accept them.
   */
  public List<KServeResource> all() {
    List<KServeResource> all = new ArrayList<>(servingRuntimes);
    all.addAll(inferenceServices);
    all.addAll(inferenceGraphs);
    all.addAll(trainedModels);
    return List.copyOf(all);
  }

  /** Whether no document of any kind was read. */
  public boolean isEmpty() {
    return inferenceServices.isEmpty()
        && servingRuntimes.isEmpty()
        && inferenceGraphs.isEmpty()
        && trainedModels.isEmpty();
  }
}
