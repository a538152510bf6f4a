/** Runnable kserve4j samples. */
@org.jspecify.annotations.NullMarked
module io.kserve4j.samples {
  requires io.kserve4j.runtime.onnxruntime;
  requires static org.jspecify;

  exports io.kserve4j.samples;
}
