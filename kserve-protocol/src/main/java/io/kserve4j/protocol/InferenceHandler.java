package io.kserve4j.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a data-plane endpoint (REST, gRPC) serves: the server's health and metadata, and named
 * models to infer with. kserve4j core's {@code ModelServer} implements it; endpoints and tests may
 * supply their own.
 *
 * <p>Every method may be called from many threads at once. Failures are {@link InferenceException}s
 * whose status the endpoint turns into KServe's HTTP status or gRPC code.
 */
public interface InferenceHandler {
  /** Whether the server is live (v2 {@code /v2/health/live}, gRPC ServerLive). */
  default boolean isLive() {
    return true;
  }

  /** Whether the server is ready (v2 {@code /v2/health/ready}, gRPC ServerReady). */
  boolean isReady();

  /** The server's metadata ({@code GET /v2}, gRPC ServerMetadata). */
  ServerMetadata serverMetadata();

  /** The names of the models served, sorted. */
  List<String> modelNames();

  /**
   * A model's v2 metadata.
   *
   * @throws ModelNotFoundException if no model has that name
   */
  ModelMetadata modelMetadata(String model);

  /**
   * Whether a model is ready.
   *
   * @throws ModelNotFoundException if no model has that name
   */
  boolean isModelReady(String model);

  /**
   * Runs an inference.
   *
   * @param model the model's name
   * @param request the request
   * @param headers the call's headers (names lower-case)
   * @throws InferenceException with KServe's status on any failure
   */
  InferResponse infer(String model, InferRequest request, Map<String, String> headers);

  /**
   * Runs an inference on the revision of {@code model} that {@code tag} names: KServe's tag routing
   * ({@code latest}, {@code prev}, or a revision's name), reached over REST by the host name {@code
   * <tag>-<model>-predictor...} or the path {@code /v2/models/<model>/versions/<tag>}, over gRPC by
   * {@code model_version}. By default a handler has no revisions: any tag is a 404.
   *
   * @throws ModelNotFoundException if no revision of the model has the tag
   * @throws InferenceException with KServe's status on any other failure
   */
  default InferResponse infer(
      String model, String tag, InferRequest request, Map<String, String> headers) {
    throw new ModelNotFoundException(
        model, "no revision is tagged '" + tag + "' (this server has no revisions)");
  }

  /**
   * Explains an inference ({@code :explain}).
   *
   * @throws InferenceException with status NOT_IMPLEMENTED (501) when the model has no explainer
   */
  default InferResponse explain(String model, InferRequest request, Map<String, String> headers) {
    throw new InferenceException(
        InferenceStatus.NOT_IMPLEMENTED, model, "this model has no explainer", null);
  }
}
