package io.kserve4j.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of {@code predictAsync}: one pool per JVM, one daemon thread per core
 * (predictions are CPU-bound), threads ended after a minute idle.
 */
public final class AsyncExecutor {
  private AsyncExecutor() {}

  private static final class Holder {
    static final Executor POOL = create("kserve4j-async");
  }

  /**
   * A pool of {@code availableProcessors()} daemon threads named {@code prefix-N}, ended after a
   * minute idle.
   */
  public static ThreadPoolExecutor create(String prefix) {
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The shared pool. */
  public static Executor shared() {
    return Holder.POOL;
  }
}
