/** Runnable kserve4j samples. */
@org.jspecify.annotations.NullMarked
module io.kserve4j.samples {
  requires io.kserve4j.core;
  requires io.kserve4j.autoscale;
  requires static org.jspecify;

  exports io.kserve4j.samples;
}
