/**
 * InferenceGraph pipelines: Sequence, Switch, Ensemble and Splitter nodes. Today it holds the GJSON
 * path engine their step conditions are written in ({@code io.kserve4j.graph.gjson}).
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.graph {
  requires static org.jspecify;
  requires io.kserve4j.core;

  exports io.kserve4j.graph.gjson;
}
