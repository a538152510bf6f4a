package io.kserve4j.autoscale;

/**
 * A request the {@link ReplicaPool} could not give a replica: its queue was full, it waited too
 * long, the pool is closed, or no replica could be started. Carries no stack trace: rejections are
 * expected under overload and must be cheap. The message names the limit and its value.
 */
public final class PoolRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the request was rejected. */
  public enum Reason {
    /** The activator queue was full (at zero replicas, or every slot busy). */
    QUEUE_FULL,
    /** The request waited longer than its timeout for a replica. */
    TIMEOUT,
    /** The pool is closed. */
    CLOSED,
    /** No replica could be started (the factory failed). */
    NO_REPLICA
  }

  private final Reason reason;
  private final boolean atReplicaLimit;

  /** Creates the exception. */
  public PoolRejectedException(Reason reason, String message) {
    this(reason, message, false);
  }

  /**
   * Creates the exception.
   *
   * @param atReplicaLimit whether the pool could not grow because a replica limit (such as
   *     maxReplicas) was reached
   */
  public PoolRejectedException(Reason reason, String message, boolean atReplicaLimit) {
    super(message, null, false, false);
    this.reason = reason;
    this.atReplicaLimit = atReplicaLimit;
  }

  /** Whether a replica limit (such as maxReplicas) was reached when the request was rejected. */
  public boolean atReplicaLimit() {
    return atReplicaLimit;
  }

  /** Why the request was rejected. */
  public Reason reason() {
    return reason;
  }
}
