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

  /** Creates the exception. */
  public PoolRejectedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Why the request was rejected. */
  public Reason reason() {
    return reason;
  }
}
