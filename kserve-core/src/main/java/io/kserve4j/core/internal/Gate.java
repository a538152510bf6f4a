package io.kserve4j.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts calls in flight and closes once: after {@link #close}, {@link #enter} refuses, and {@link
 * #awaitIdle} waits for the calls already inside to leave. Two atomic operations per call.
 */
public final class Gate {
  private static final int CLOSED = 1 << 30;
  private final AtomicInteger state = new AtomicInteger();

  /** Enters; {@code false} (and nothing to undo) once closed. */
  public boolean enter() {
    if (state.incrementAndGet() >= CLOSED) {
      state.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Leaves after a successful {@link #enter}. */
  public void exit() {
    state.decrementAndGet();
  }

  /** Closes; {@code true} for the first caller only. */
  public boolean close() {
    while (true) {
      int s = state.get();
      if (s >= CLOSED) {
        return false;
      }
      if (state.compareAndSet(s, s + CLOSED)) {
        return true;
      }
    }
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return state.get() >= CLOSED;
  }

  /** Waits until no call is inside, at most {@code timeout}; whether it got there. */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((state.get() & (CLOSED - 1)) != 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000);
    }
    return true;
  }
}
