/** KServe on Kubernetes: export and import of KServe YAML and the kserve4j command line. */
@org.jspecify.annotations.NullMarked
module io.kserve4j.k8s {
  requires static org.jspecify;
  requires io.kserve4j.core;
  requires io.kserve4j.graph;
  requires info.picocli;

  exports io.kserve4j.k8s.cli;

  opens io.kserve4j.k8s.cli to
      info.picocli;
}
