package io.kserve4j.core.internal;

import io.kserve4j.autoscale.Scheduler;

/**
 * The threads of services built without a {@code ModelServer} or a scheduler of their own: one
 * timer thread and a pool of loader threads for the whole JVM, daemon threads that live as long as
 * the JVM. A {@code ModelServer} owns a scheduler of its own and closes it.
 */
public final class SharedThreads {
  private SharedThreads() {}

  private static final class Holder {
    static final Scheduler SCHEDULER = Scheduler.system("kserve4j");
  }

  /** The JVM's shared scheduler. */
  public static Scheduler scheduler() {
    return Holder.SCHEDULER;
  }
}
