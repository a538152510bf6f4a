/**
 * KServe on Kubernetes as a library: export of kserve4j's specs as KServe resources per deployment
 * mode and KServe version, and apply/status against a cluster. The command line lives in {@code
 * kserve-cli}.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.k8s {
  requires static org.jspecify;
  requires transitive io.kserve4j.core;
  requires transitive io.kserve4j.graph;

// No package yet: the export issue adds io.kserve4j.k8s and exports it.
}
