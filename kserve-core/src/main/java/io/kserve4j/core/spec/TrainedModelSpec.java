package io.kserve4j.core.spec;

/**
 * {@code spec} of a {@code serving.kserve.io/v1alpha1} TrainedModel: one more model for a
 * multi-model InferenceService to load. Required text fields read as {@code ""} when the YAML
 * leaves them out, and validation reports them.
 *
 * @param inferenceService the InferenceService that serves the model (required)
 * @param model the model (required)
 */
public record TrainedModelSpec(String inferenceService, TrainedModelSpec.Model model) {
  /** A TrainedModel spec for this InferenceService and model. */
  public static TrainedModelSpec of(String inferenceService, Model model) {
    return new TrainedModelSpec(inferenceService, model);
  }

  /**
   * {@code spec.model}: where the model is and what it needs.
   *
   * @param storageUri where the model is: {@code s3://}, {@code gs://}, {@code https://} or {@code
   *     http://} (required)
   * @param framework the model's framework, e.g. {@code sklearn}; KServe passes it on without
   *     checking it (required)
   * @param memory the most memory the model takes, a Kubernetes quantity such as {@code 512Mi}, as
   *     written (required)
   */
  public record Model(String storageUri, String framework, String memory) {}
}
