/** Generic serving machinery with no model knowledge: replica pool, autoscaler, batcher. */
@org.jspecify.annotations.NullMarked
module io.kserve4j.autoscale {
  requires static org.jspecify;

  exports io.kserve4j.autoscale;
}
