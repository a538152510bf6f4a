package io.kserve4j.core.runtime;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;

/**
 * One loaded instance of a model (one replica): what a {@link ServingRuntime} returns. It must be
 * safe to call {@link #predict} from many threads at once.
 */
public interface Model extends AutoCloseable {
  /** The v2 metadata of this model: inputs and outputs with name, datatype and shape. */
  ModelMetadata metadata();

  /**
   * Runs the model.
   *
   * @param request the inputs; names, datatypes and shapes are checked against {@link #metadata()}
   * @return the outputs, all of them or those the request asks for
   * @throws io.kserve4j.protocol.InvalidInputException if the request does not fit the model; the
   *     message names the tensor, what was expected and what came
   * @throws io.kserve4j.protocol.ModelFailureException if the model itself fails
   */
  InferResponse predict(InferRequest request);

  /**
   * Whether this instance can still answer (for example, its native session is alive). Checked
   * after a failure; a dead replica is replaced. By default {@code true}.
   */
  default boolean isAlive() {
    return true;
  }

  /** Releases the model's native resources. Idempotent. */
  @Override
  void close();
}
