package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * One step of an InferenceGraph node ({@code spec.nodes.<node>.steps[]}): where the request goes
 * (exactly one of {@code nodeName}, {@code serviceName}, {@code serviceUrl}), with what data, and
 * how the router weighs, picks or depends on it. Every field is {@code null} when unset.
 *
 * @param name the step's name, unique in its node; an Ensemble keys its merged response by it
 * @param nodeName another node of the graph to run
 * @param serviceName an InferenceService in the graph's namespace to call
 * @param serviceUrl a URL to call
 * @param data {@code $request} (the node input, the default) or {@code $response} (the previous
 *     step's response, in a Sequence)
 * @param mapPredictionsToInstances whether to send the previous response's {@code predictions} as
 *     {@code instances}
 * @param weight a Splitter's share of requests in percent; a node's weights add up to 100
 * @param condition a GJSON path: a Switch takes the first step it matches on the node input, a
 *     Sequence stops when it does not match the previous response
 * @param dependency {@code Hard} stops the node when the step fails; unset acts as {@code Soft}
 */
public record InferenceStep(
    @Nullable String name,
    @Nullable String nodeName,
    @Nullable String serviceName,
    @Nullable String serviceUrl,
    @Nullable String data,
    @Nullable Boolean mapPredictionsToInstances,
    @Nullable Long weight,
    @Nullable String condition,
    @Nullable InferenceStepDependencyType dependency) {

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this step's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .nodeName(nodeName)
        .serviceName(serviceName)
        .serviceUrl(serviceUrl)
        .data(data)
        .mapPredictionsToInstances(mapPredictionsToInstances)
        .weight(weight)
        .condition(condition)
        .dependency(dependency);
  }

  /** Builds an {@link InferenceStep}; every field starts unset. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String nodeName;
    private @Nullable String serviceName;
    private @Nullable String serviceUrl;
    private @Nullable String data;
    private @Nullable Boolean mapPredictionsToInstances;
    private @Nullable Long weight;
    private @Nullable String condition;
    private @Nullable InferenceStepDependencyType dependency;

    private Builder() {}

    /** The step's name. By default unset: an Ensemble keys the step's response by its index. */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /** Another node of the graph to run. By default unset. */
    public Builder nodeName(@Nullable String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    /** An InferenceService in the graph's namespace to call. By default unset. */
    public Builder serviceName(@Nullable String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** A URL to call. By default unset. */
    public Builder serviceUrl(@Nullable String serviceUrl) {
      this.serviceUrl = serviceUrl;
      return this;
    }

    /** {@code $request} or {@code $response}. By default unset: the node input. */
    public Builder data(@Nullable String data) {
      this.data = data;
      return this;
    }

    /** Whether to send the previous {@code predictions} as {@code instances}. By default unset. */
    public Builder mapPredictionsToInstances(@Nullable Boolean mapPredictionsToInstances) {
      this.mapPredictionsToInstances = mapPredictionsToInstances;
      return this;
    }

    /** A Splitter's share in percent. By default unset, which a Splitter rejects. */
    public Builder weight(@Nullable Long weight) {
      this.weight = weight;
      return this;
    }

    /** A GJSON path the step's input must match. By default unset. */
    public Builder condition(@Nullable String condition) {
      this.condition = condition;
      return this;
    }

    /** Whether a failure stops the node. By default unset, which acts as Soft. */
    public Builder dependency(@Nullable InferenceStepDependencyType dependency) {
      this.dependency = dependency;
      return this;
    }

    /** The step. */
    public InferenceStep build() {
      return new InferenceStep(
          name,
          nodeName,
          serviceName,
          serviceUrl,
          data,
          mapPredictionsToInstances,
          weight,
          condition,
          dependency);
    }
  }
}
