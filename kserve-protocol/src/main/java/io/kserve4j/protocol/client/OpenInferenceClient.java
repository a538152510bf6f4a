package io.kserve4j.protocol.client;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ServerMetadata;

/**
 * A client of any Open Inference Protocol (KServe v2) server: KServe, Triton, or kserve4j's own
 * REST and gRPC endpoints. Failures are {@link io.kserve4j.protocol.InferenceException}s with the
 * status the server answered.
 */
public interface OpenInferenceClient extends AutoCloseable {
  /** Whether the server is live. */
  boolean isServerLive();

  /** Whether the server is ready. */
  boolean isServerReady();

  /** The server's metadata. */
  ServerMetadata serverMetadata();

  /**
   * A model's metadata.
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException if the server has no such model
   */
  ModelMetadata modelMetadata(String model);

  /**
   * Whether a model is ready.
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException if the server has no such model
   */
  boolean isModelReady(String model);

  /**
   * Runs an inference.
   *
   * @throws io.kserve4j.protocol.InferenceException with the server's status on failure
   */
  InferResponse infer(String model, InferRequest request);

  /** Releases connections. */
  @Override
  void close();
}
