package io.kserve4j.core.internal;

import io.kserve4j.autoscale.PoolRejectedException;
import io.kserve4j.autoscale.ReplicaPool;
import io.kserve4j.core.CallContext;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.OverloadedException;
import java.time.Duration;

/**
 * The chain's last link: takes a slot on a replica of the pool (waiting in the activator queue when
 * none is free, at most until the call's deadline), runs the model there, and gives the slot back
 * with the outcome, so that a replica that keeps failing is replaced.
 */
public final class PoolLink implements Link {
  private final String service;
  private final ReplicaPool<Model> pool;

  /** A link running requests on {@code pool}. */
  public PoolLink(String service, ReplicaPool<Model> pool) {
    this.service = service;
    this.pool = pool;
  }

  @Override
  public InferResponse proceed(InferRequest request, CallContext context) {
    ReplicaPool.Replica<Model> replica;
    try {
      replica = pool.acquire(Duration.ofNanos(context.remainingNanos()));
    } catch (PoolRejectedException e) {
      throw rejected(service, e);
    }
    InferResponse response;
    try {
      response = replica.get().predict(request);
    } catch (InferenceException e) {
      pool.release(replica, e);
      throw e;
    } catch (RuntimeException e) {
      pool.release(replica, e);
      throw new ModelFailureException(
          service, "the model failed on replica " + replica.id() + ": " + e, e);
    }
    pool.release(replica, null);
    return response;
  }

  /**
   * Whether a failure counts against the replica: only the runtime's own faults (a model failure,
   * an internal error, or any exception that is not an {@link InferenceException}). A client's
   * mistake (4xx), not-found, not-ready, overload, a timeout or a too-large answer never does, so a
   * client cannot force a large model to reload by sending bad requests.
   */
  public static boolean countsAgainstReplica(Throwable t) {
    if (!(t instanceof InferenceException e)) {
      return true;
    }
    return e instanceof ModelFailureException || e.status() == InferenceStatus.INTERNAL;
  }

  /** The InferenceException a pool rejection is for the caller. */
  public static InferenceException rejected(String service, PoolRejectedException e) {
    return switch (e.reason()) {
      case QUEUE_FULL ->
          new OverloadedException(
              e.atReplicaLimit() ? InferenceStatus.TOO_MANY_REQUESTS : InferenceStatus.UNAVAILABLE,
              service,
              String.valueOf(e.getMessage()));
      case TIMEOUT -> new InferenceTimeoutException(service, String.valueOf(e.getMessage()));
      case CLOSED, NO_REPLICA ->
          new ModelNotReadyException(service, String.valueOf(e.getMessage()));
    };
  }
}
