/** Runnable kserve4j samples: one per capability, each also a test. */
@org.jspecify.annotations.NullMarked
module io.kserve4j.samples {
  requires io.kserve4j.runtime.onnxruntime;
  requires io.kserve4j.server.rest;
  requires io.kserve4j.server.grpc;
  requires static org.jspecify;

  exports io.kserve4j.samples;
}
