package io.kserve4j.autoscale;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks later or periodically: the autoscaler's ticks, metric sampling, batch deadlines and
 * model loading. Injected so that tests run on {@link VirtualTime} instead of sleeping.
 */
public interface Scheduler extends AutoCloseable {
  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Stops the task from running again; a run in progress finishes. */
    void cancel();
  }

  /** Runs {@code task} once after {@code delay}. */
  Cancellable schedule(Runnable task, Duration delay);

  /** Runs {@code task} every {@code period}, first after one period. */
  Cancellable scheduleAtFixedRate(Runnable task, Duration period);

  /** Runs {@code task} as soon as possible, on a thread of the scheduler's choosing. */
  void execute(Runnable task);

  /** Stops the scheduler's threads, if it owns any. By default nothing. */
  @Override
  default void close() {}

  /**
   * A scheduler on daemon threads named {@code prefix-N}: one timer thread, and a cached pool for
   * {@link #execute}.
   */
  static Scheduler system(String prefix) {
    AtomicInteger n = new AtomicInteger();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, prefix + "-timer");
              t.setDaemon(true);
              return t;
            });
    java.util.concurrent.ExecutorService work =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new Scheduler() {
      @Override
      public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public Cancellable scheduleAtFixedRate(Runnable task, Duration period) {
        long p = period.toNanos();
        ScheduledFuture<?> f = timer.scheduleAtFixedRate(task, p, p, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public void execute(Runnable task) {
        work.execute(task);
      }

      @Override
      public void close() {
        timer.shutdownNow();
        work.shutdown();
      }
    };
  }
}
