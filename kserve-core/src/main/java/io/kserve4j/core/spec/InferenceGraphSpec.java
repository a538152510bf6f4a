package io.kserve4j.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec} of a {@code serving.kserve.io/v1alpha1} InferenceGraph: its nodes, and how its
 * router is scaled and scheduled. Fields of Kubernetes types ({@code resources}, {@code affinity},
 * {@code tolerations}) are held as read, as maps and lists; kserve4j does not apply them
 * in-process. Every optional field is {@code null} (or empty) when unset.
 *
 * @param nodes the nodes by name, in document order; the entry node is {@code root} (required)
 * @param resources the router's Kubernetes {@code ResourceRequirements}
 * @param affinity the router's Kubernetes {@code Affinity}
 * @param timeout seconds to wait for a request through the graph
 * @param routerTimeouts the router's server and client timeouts
 * @param minReplicas fewest router replicas; unset means 1, 0 allows scale to zero
 * @param maxReplicas most router replicas; unset or 0 means no explicit maximum
 * @param scaleTarget the autoscaling metric's target per replica
 * @param scaleMetric {@code cpu}, {@code memory}, {@code concurrency} or {@code rps}
 * @param tolerations the router pods' Kubernetes {@code Toleration}s
 * @param nodeSelector the router pods' node selector
 * @param nodeName the node the router pods must run on
 * @param serviceAccountName the router pods' service account
 */
public record InferenceGraphSpec(
    Map<String, InferenceRouter> nodes,
    @Nullable Map<String, Object> resources,
    @Nullable Map<String, Object> affinity,
    @Nullable Long timeout,
    @Nullable RouterTimeouts routerTimeouts,
    @Nullable Integer minReplicas,
    @Nullable Integer maxReplicas,
    @Nullable Integer scaleTarget,
    @Nullable String scaleMetric,
    List<Map<String, Object>> tolerations,
    Map<String, String> nodeSelector,
    @Nullable String nodeName,
    @Nullable String serviceAccountName) {
  /** Copies the maps and lists. */
  public InferenceGraphSpec {
    nodes = Specs.copy(nodes);
    resources = resources == null ? null : Specs.copy(resources);
    affinity = affinity == null ? null : Specs.copy(affinity);
    tolerations = Specs.copy(tolerations);
    nodeSelector = Specs.copy(nodeSelector);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's fields. */
  public Builder toBuilder() {
    return new Builder()
        .nodes(nodes)
        .resources(resources)
        .affinity(affinity)
        .timeout(timeout)
        .routerTimeouts(routerTimeouts)
        .minReplicas(minReplicas)
        .maxReplicas(maxReplicas)
        .scaleTarget(scaleTarget)
        .scaleMetric(scaleMetric)
        .tolerations(tolerations)
        .nodeSelector(nodeSelector)
        .nodeName(nodeName)
        .serviceAccountName(serviceAccountName);
  }

  /** Builds an {@link InferenceGraphSpec}; every field starts unset. */
  public static final class Builder {
    private Map<String, InferenceRouter> nodes = new LinkedHashMap<>();
    private @Nullable Map<String, Object> resources;
    private @Nullable Map<String, Object> affinity;
    private @Nullable Long timeout;
    private @Nullable RouterTimeouts routerTimeouts;
    private @Nullable Integer minReplicas;
    private @Nullable Integer maxReplicas;
    private @Nullable Integer scaleTarget;
    private @Nullable String scaleMetric;
    private List<Map<String, Object>> tolerations = new ArrayList<>();
    private Map<String, String> nodeSelector = new LinkedHashMap<>();
    private @Nullable String nodeName;
    private @Nullable String serviceAccountName;

    private Builder() {}

    /** Replaces the nodes. By default there are none, which KServe rejects: add {@code root}. */
    public Builder nodes(Map<String, InferenceRouter> nodes) {
      this.nodes = new LinkedHashMap<>(nodes);
      return this;
    }

    /** Adds one node; the entry node is {@code root}. By default there are none. */
    public Builder node(String name, InferenceRouter node) {
      nodes.put(name, node);
      return this;
    }

    /** The router's Kubernetes {@code ResourceRequirements}. By default unset. */
    public Builder resources(@Nullable Map<String, Object> resources) {
      this.resources = resources;
      return this;
    }

    /** The router's Kubernetes {@code Affinity}. By default unset. */
    public Builder affinity(@Nullable Map<String, Object> affinity) {
      this.affinity = affinity;
      return this;
    }

    /** Seconds to wait for a request through the graph. By default unset. */
    public Builder timeout(@Nullable Long timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * The router's timeouts. By default unset: 60 s read and write, 180 s idle, no client limit.
     */
    public Builder routerTimeouts(@Nullable RouterTimeouts routerTimeouts) {
      this.routerTimeouts = routerTimeouts;
      return this;
    }

    /** Fewest router replicas. By default unset, which KServe reads as 1. */
    public Builder minReplicas(@Nullable Integer minReplicas) {
      this.minReplicas = minReplicas;
      return this;
    }

    /** Most router replicas. By default unset, like 0: no explicit maximum. */
    public Builder maxReplicas(@Nullable Integer maxReplicas) {
      this.maxReplicas = maxReplicas;
      return this;
    }

    /** The autoscaling metric's target per replica. By default unset: the autoscaler's. */
    public Builder scaleTarget(@Nullable Integer scaleTarget) {
      this.scaleTarget = scaleTarget;
      return this;
    }

    /** {@code cpu}, {@code memory}, {@code concurrency} or {@code rps}. By default unset. */
    public Builder scaleMetric(@Nullable String scaleMetric) {
      this.scaleMetric = scaleMetric;
      return this;
    }

    /** Replaces the router pods' tolerations. By default there are none. */
    public Builder tolerations(List<Map<String, Object>> tolerations) {
      this.tolerations = new ArrayList<>(tolerations);
      return this;
    }

    /** Replaces the router pods' node selector. By default there is none. */
    public Builder nodeSelector(Map<String, String> nodeSelector) {
      this.nodeSelector = new LinkedHashMap<>(nodeSelector);
      return this;
    }

    /** The node the router pods must run on. By default unset. */
    public Builder nodeName(@Nullable String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    /** The router pods' service account. By default unset: the namespace's default. */
    public Builder serviceAccountName(@Nullable String serviceAccountName) {
      this.serviceAccountName = serviceAccountName;
      return this;
    }

    /** The spec. */
    public InferenceGraphSpec build() {
      return new InferenceGraphSpec(
          nodes,
          resources,
          affinity,
          timeout,
          routerTimeouts,
          minReplicas,
          maxReplicas,
          scaleTarget,
          scaleMetric,
          tolerations,
          nodeSelector,
          nodeName,
          serviceAccountName);
    }
  }
}
