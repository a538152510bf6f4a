/**
 * The Open Inference Protocol (KServe v2) data model: tensors, requests, responses, model metadata
 * and the typed errors every kserve4j layer reports.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.protocol {
  requires static org.jspecify;

  exports io.kserve4j.protocol;
  exports io.kserve4j.protocol.client;
}
