package io.kserve4j.autoscale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A dynamic batcher with KServe's fields ({@code maxBatchSize}, {@code maxLatency}, {@code
 * timeout}): items that can be stacked (same key) are run together in one call of the {@link
 * Runner}, which returns one result per item.
 *
 * <p>Work-conserving: an item that finds fewer batches running than there are replicas (the {@code
 * parallelism}) and nothing waiting runs at once, on the caller's thread, as a batch of its own: a
 * lone request is never held for {@code maxLatency}. While every replica is busy, items gather; a
 * batch leaves when a running batch finishes, when it holds {@code maxBatchSize} instances, or when
 * its first item has waited {@code maxLatency}, whichever comes first.
 *
 * <p>If a batch of several items fails, each item is run again alone, so one bad item fails alone
 * and the others get their answers. A batch that runs longer than {@code timeout} fails its callers
 * with {@link BatchTimeoutException}. Thread-safe.
 *
 * @param <I> an item (a request)
 * @param <O> its result
 */
public final class Batcher<I, O> implements AutoCloseable {
  /** Runs one batch: one result per item, in order. */
  @FunctionalInterface
  public interface Runner<I, O> {
    /**
     * Runs the items together.
     *
     * @throws Exception if the batch fails
     */
    List<O> run(List<I> items) throws Exception;
  }

  /** Failure of a batch that ran longer than the batcher's timeout. */
  public static final class BatchTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BatchTimeoutException(String message) {
      super(message, null, false, false);
    }
  }

  private final class Pending {
    final Object key;
    final List<I> items = new ArrayList<>();
    final List<CompletableFuture<O>> futures = new ArrayList<>();
    int instances;
    Scheduler.@Nullable Cancellable deadline;

    Pending(Object key) {
      this.key = key;
    }
  }

  private final String name;
  private final Runner<I, O> runner;
  private final Function<I, Object> key;
  private final ToIntFunction<I> instances;
  private final IntSupplier parallelism;
  private final int maxBatchSize;
  private final Duration maxLatency;
  private final @Nullable Duration timeout;
  private final Scheduler scheduler;

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Pending> pending = new ArrayList<>();
  private int running;
  private long batches;
  private long items;
  private boolean closed;

  private Batcher(Builder<I, O> b) {
    this.name = b.name;
    this.runner = b.runner;
    this.key = b.key;
    this.instances = b.instances;
    this.parallelism = b.parallelism;
    this.maxBatchSize = b.maxBatchSize;
    this.maxLatency = b.maxLatency;
    this.timeout = b.timeout;
    this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
  }

  /** A builder for a batcher running batches with {@code runner}. */
  public static <I, O> Builder<I, O> builder(String name, Runner<I, O> runner) {
    return new Builder<>(name, runner);
  }

  /**
   * Runs {@code item} in a batch and waits for its result.
   *
   * @throws BatchTimeoutException if its batch ran longer than the timeout
   * @throws RuntimeException what the runner threw for this item (unchecked exceptions as they are,
   *     checked ones wrapped)
   */
  public O call(I item) {
    CompletableFuture<O> f = submit(item);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + ": interrupted while waiting for a batch", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Submits {@code item}. When it can run at once it runs on this thread before this method
   * returns, and the future is complete.
   */
  public CompletableFuture<O> submit(I item) {
    CompletableFuture<O> f = new CompletableFuture<>();
    Object k = key.apply(item);
    int n = instances.applyAsInt(item);
    Pending full = null;
    lock.lock();
    try {
      if (closed) {
        f.completeExceptionally(new IllegalStateException(name + ": the batcher is closed"));
        return f;
      }
      if (running < Math.max(1, parallelism.getAsInt())) {
        running++;
        if (!pending.isEmpty()) {
          // A replica is free while items wait: run the oldest batch now, with this item if it
          // fits.
          Pending p = join(k, n);
          p.items.add(item);
          p.futures.add(f);
          p.instances += n;
          full = pending.remove(0);
        }
      } else {
        Pending p = join(k, n);
        p.items.add(item);
        p.futures.add(f);
        p.instances += n;
        if (p.instances >= maxBatchSize) {
          pending.remove(p);
          running++;
          full = p;
        } else if (p.items.size() == 1) {
          Pending arming = p;
          p.deadline = scheduler.schedule(() -> expire(arming), maxLatency);
        }
        if (full == null) {
          return f;
        }
      }
    } finally {
      lock.unlock();
    }
    if (full != null) {
      Pending batch = full;
      if (batch.futures.contains(f)) {
        runAndContinue(batch);
      } else {
        scheduler.execute(() -> runAndContinue(batch));
      }
      return f;
    }
    Pending alone = new Pending(k);
    alone.items.add(item);
    alone.futures.add(f);
    alone.instances = n;
    runAndContinue(alone);
    return f;
  }

  /** The open batch for this key with room, or a new one. Called under the lock. */
  private Pending join(Object k, int n) {
    for (Pending p : pending) {
      if (p.key.equals(k) && p.instances + n <= maxBatchSize) {
        return p;
      }
    }
    Pending p = new Pending(k);
    pending.add(p);
    return p;
  }

  private void expire(Pending p) {
    lock.lock();
    try {
      if (!pending.remove(p)) {
        return;
      }
      running++;
    } finally {
      lock.unlock();
    }
    runAndContinue(p);
  }

  /** Runs a batch, then, while batches wait, the oldest one. */
  private void runAndContinue(Pending first) {
    Pending batch = first;
    while (batch != null) {
      run(batch);
      lock.lock();
      try {
        running--;
        batch = null;
        if (!pending.isEmpty()) {
          batch = pending.remove(0);
          running++;
        }
      } finally {
        lock.unlock();
      }
      if (batch != null) {
        Scheduler.Cancellable d = batch.deadline;
        if (d != null) {
          d.cancel();
        }
        Pending next = batch;
        // Hand the next batch to another thread: this caller's own answer is ready.
        scheduler.execute(() -> runAndContinue(next));
        return;
      }
    }
  }

  private void run(Pending batch) {
    Scheduler.Cancellable d = batch.deadline;
    if (d != null) {
      d.cancel();
    }
    Scheduler.Cancellable guard = null;
    if (timeout != null) {
      Duration t = timeout;
      guard =
          scheduler.schedule(
              () -> {
                for (CompletableFuture<O> f : batch.futures) {
                  f.completeExceptionally(
                      new BatchTimeoutException(
                          name
                              + ": the batch of "
                              + batch.items.size()
                              + " request(s) ran longer than the batcher timeout of "
                              + t.toMillis()
                              + " ms"));
                }
              },
              t);
    }
    lock.lock();
    try {
      batches++;
      items += batch.items.size();
    } finally {
      lock.unlock();
    }
    try {
      List<O> results = runner.run(batch.items);
      if (results.size() != batch.items.size()) {
        throw new IllegalStateException(
            name
                + ": the runner returned "
                + results.size()
                + " results for "
                + batch.items.size()
                + " items");
      }
      for (int i = 0; i < results.size(); i++) {
        batch.futures.get(i).complete(results.get(i));
      }
    } catch (Throwable e) {
      if (batch.items.size() == 1) {
        batch.futures.get(0).completeExceptionally(e);
      } else {
        Iterator<CompletableFuture<O>> fs = batch.futures.iterator();
        for (I item : batch.items) {
          CompletableFuture<O> f = fs.next();
          try {
            f.complete(runner.run(List.of(item)).get(0));
          } catch (Throwable alone) {
            f.completeExceptionally(alone);
          }
        }
      }
    } finally {
      if (guard != null) {
        guard.cancel();
      }
    }
  }

  /** Batches run so far. */
  public long batchCount() {
    lock.lock();
    try {
      return batches;
    } finally {
      lock.unlock();
    }
  }

  /** Items run so far. */
  public long itemCount() {
    lock.lock();
    try {
      return items;
    } finally {
      lock.unlock();
    }
  }

  /** Items waiting for a batch to leave. */
  public int queued() {
    lock.lock();
    try {
      int n = 0;
      for (Pending p : pending) {
        n += p.items.size();
      }
      return n;
    } finally {
      lock.unlock();
    }
  }

  /** Runs what is waiting and refuses new items. */
  @Override
  public void close() {
    List<Pending> left;
    lock.lock();
    try {
      closed = true;
      left = new ArrayList<>(pending);
      pending.clear();
      running += left.size();
    } finally {
      lock.unlock();
    }
    for (Pending p : left) {
      scheduler.execute(() -> runAndContinue(p));
    }
  }

  /** Builds a {@link Batcher}. */
  public static final class Builder<I, O> {
    private final String name;
    private final Runner<I, O> runner;
    private Function<I, Object> key = i -> Boolean.TRUE;
    private ToIntFunction<I> instances = i -> 1;
    private IntSupplier parallelism = () -> 1;
    private int maxBatchSize = 32;
    private Duration maxLatency = Duration.ofMillis(5000);
    private @Nullable Duration timeout;
    private @Nullable Scheduler scheduler;

    private Builder(String name, Runner<I, O> runner) {
      this.name = name;
      this.runner = runner;
    }

    /** Items with equal keys can share a batch. By default all can. */
    public Builder<I, O> key(Function<I, Object> key) {
      this.key = key;
      return this;
    }

    /** The instances (rows) an item holds. By default 1. */
    public Builder<I, O> instances(ToIntFunction<I> instances) {
      this.instances = instances;
      return this;
    }

    /** How many batches may run at once (the ready replicas). By default 1. */
    public Builder<I, O> parallelism(IntSupplier parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Most instances in one batch. By default 32, as KServe. */
    public Builder<I, O> maxBatchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("maxBatchSize = " + size + ": must be >= 1");
      }
      this.maxBatchSize = size;
      return this;
    }

    /** Longest wait for a batch to fill while replicas are busy. By default 5000 ms, as KServe. */
    public Builder<I, O> maxLatency(Duration latency) {
      if (latency.isNegative() || latency.isZero()) {
        throw new IllegalArgumentException("maxLatency = " + latency + ": must be > 0");
      }
      this.maxLatency = latency;
      return this;
    }

    /** Longest a batch may run before its callers fail. By default none. */
    public Builder<I, O> timeout(@Nullable Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Runs deadlines and batches handed to other threads. Required. */
    public Builder<I, O> scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Builds the batcher. */
    public Batcher<I, O> build() {
      return new Batcher<>(this);
    }
  }
}
