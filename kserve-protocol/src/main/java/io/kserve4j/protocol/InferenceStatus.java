package io.kserve4j.protocol;

/**
 * The classes of failure KServe's data plane distinguishes, each with the HTTP status and gRPC
 * status code KServe answers with.
 */
public enum InferenceStatus {
  /** Invalid input: unknown input name, wrong datatype, shape or element count (400). */
  INVALID_INPUT(400, "INVALID_ARGUMENT"),
  /** The model is not known to this server (404). */
  MODEL_NOT_FOUND(404, "NOT_FOUND"),
  /** Too many requests: a bounded queue is full and the caller should retry later (429). */
  TOO_MANY_REQUESTS(429, "RESOURCE_EXHAUSTED"),
  /**
   * Too large: the answer (or the request) is over a size limit of the server (413; gRPC's
   * RESOURCE_EXHAUSTED, which KServe answers for a message over its maximum size). Retrying the
   * same request does not help: ask for less, or raise the limit.
   */
  PAYLOAD_TOO_LARGE(413, "RESOURCE_EXHAUSTED"),
  /**
   * The model failed while computing an answer (500; KServe's gRPC maps it to INVALID_ARGUMENT).
   */
  INFERENCE_ERROR(500, "INVALID_ARGUMENT"),
  /** The operation is not implemented here, such as model versions (501). */
  NOT_IMPLEMENTED(501, "UNIMPLEMENTED"),
  /** The model exists but is not ready, or the service is overloaded (503). */
  UNAVAILABLE(503, "UNAVAILABLE"),
  /** The request did not finish within its timeout (504). */
  TIMEOUT(504, "DEADLINE_EXCEEDED"),
  /** An unexpected failure inside kserve4j (500). */
  INTERNAL(500, "INTERNAL");

  private final int httpStatus;
  private final String grpcCode;

  InferenceStatus(int httpStatus, String grpcCode) {
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
  }

  /** The HTTP status KServe's REST server answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The name of the gRPC status code KServe's gRPC server answers with. */
  public String grpcCode() {
    return grpcCode;
  }
}
