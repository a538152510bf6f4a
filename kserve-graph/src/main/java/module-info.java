/** InferenceGraph pipelines: Sequence, Switch, Ensemble and Splitter nodes. */
@org.jspecify.annotations.NullMarked
module io.kserve4j.graph {
  requires static org.jspecify;
  requires io.kserve4j.core;

// No package yet: the module's issue adds io.kserve4j.graph and exports it.
}
