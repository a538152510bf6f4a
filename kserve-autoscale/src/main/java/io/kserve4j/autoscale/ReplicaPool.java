package io.kserve4j.autoscale;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A pool of replicas (loaded model instances) created and closed through a {@link Factory}, each
 * with {@code containerConcurrency} slots (0 = unlimited, as in KServe).
 *
 * <p>A request takes a slot with {@link #acquire} and gives it back with {@link #release}. While a
 * free slot exists this costs a few atomic operations and no lock. When every slot is busy, or
 * there is no replica (scaled to zero), the request waits in the activator's bounded FIFO queue
 * (10,000 by default, as Knative): a freed slot goes to the oldest waiter first, and a request
 * arriving at zero replicas calls the demand listener at once so that the autoscaler scales up
 * without waiting for its next tick. A full queue rejects at once ({@link PoolRejectedException},
 * no stack trace).
 *
 * <p>{@link #scaleTo} starts replicas on the scheduler and drains surplus ones: a draining replica
 * takes no new requests and is closed when its last request is done. A replica whose work fails
 * {@code failureThreshold} times in a row (failures the classifier counts, such as a model crash,
 * not bad input), or that the liveness check finds dead, is taken out, replaced, and closed once
 * idle. Thread-safe.
 *
 * @param <R> the replica type
 */
public final class ReplicaPool<R> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReplicaPool.class.getName());

  /** Creates and closes replicas. */
  public interface Factory<R> {
    /**
     * Creates one replica (loads one model instance).
     *
     * @throws Exception if it cannot; the pool logs it and rejects waiting requests when it has no
     *     replica at all
     */
    R create() throws Exception;

    /** Closes a replica and releases its resources. */
    void close(R replica) throws Exception;
  }

  /** A replica with its slots. The handle {@link #acquire} returns; give it back to release. */
  public static final class Replica<R> {
    private static final int READY = 0;
    private static final int DRAINING = 1;
    private static final int FAILED = 2;

    private final R instance;
    private final int id;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int state = READY;
    private volatile int consecutiveFailures;

    Replica(R instance, int id) {
      this.instance = instance;
      this.id = id;
    }

    /** The replica itself. */
    public R get() {
      return instance;
    }

    /** The replica's number within its pool, from 1. */
    public int id() {
      return id;
    }

    /** Requests in flight on this replica. */
    public int inFlight() {
      return inFlight.get();
    }
  }

  private static final class Waiter<R> {
    final CompletableFuture<Replica<R>> future = new CompletableFuture<>();
    Scheduler.@Nullable Cancellable timeout;
  }

  @SuppressWarnings("rawtypes")
  private static final Replica[] NONE = new Replica[0];

  private final String name;
  private final Factory<R> factory;
  private final int containerConcurrency;
  private final int queueCapacity;
  private final int failureThreshold;
  private final Predicate<Throwable> countsAsFailure;
  private final Predicate<R> isAlive;
  private final Scheduler scheduler;
  private final @Nullable Runnable demandListener;
  private final java.util.function.Supplier<@Nullable String> limitNote;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Waiter<R>> waiters = new ArrayDeque<>();
  private final Set<Replica<R>> draining = new LinkedHashSet<>();
  private final LongAdder requests = new LongAdder();
  private volatile Replica<R>[] routable;
  private volatile int waiting;
  private int starting;
  private int cancelledStarts;
  private int desired;
  private int nextId = 1;
  private int replaced;
  private int startFailures;
  private @Nullable String lastStartFailure;
  private boolean closed;

  @SuppressWarnings("unchecked")
  private ReplicaPool(Builder<R> b) {
    this.name = b.name;
    this.factory = Objects.requireNonNull(b.factory, "factory");
    this.containerConcurrency = b.containerConcurrency;
    this.queueCapacity = b.queueCapacity;
    this.failureThreshold = b.failureThreshold;
    this.countsAsFailure = b.countsAsFailure;
    this.isAlive = b.isAlive;
    this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
    this.demandListener = b.demandListener;
    this.limitNote = b.limitNote;
    this.routable = (Replica<R>[]) NONE;
  }

  /** A builder for a pool of replicas made by {@code factory}. */
  public static <R> Builder<R> builder(String name, Factory<R> factory) {
    return new Builder<>(name, factory);
  }

  // ---------------------------------------------------------------------------- request path

  /**
   * Takes a slot on a replica, waiting in the activator queue at most {@code maxWait} when none is
   * free. Give it back with {@link #release}.
   *
   * @throws PoolRejectedException if the queue is full, the wait times out, the pool is closed, or
   *     no replica can be started
   */
  public Replica<R> acquire(Duration maxWait) {
    Replica<R> r = tryAcquire();
    if (r != null) {
      requests.increment();
      return r;
    }
    CompletableFuture<Replica<R>> f = acquireSlow(maxWait);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(false);
      throw new PoolRejectedException(
          PoolRejectedException.Reason.TIMEOUT, name + ": interrupted while waiting for a replica");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Takes a slot asynchronously: the future completes at once when a slot is free, else when one is
   * handed over (on the thread that freed it) or exceptionally with {@link PoolRejectedException}.
   */
  public CompletableFuture<Replica<R>> acquireAsync(Duration maxWait) {
    Replica<R> r = tryAcquire();
    if (r != null) {
      requests.increment();
      return CompletableFuture.completedFuture(r);
    }
    return acquireSlow(maxWait);
  }

  /**
   * Gives a slot back. {@code failure} is what the work on it threw, or {@code null}: failures the
   * classifier counts add up per replica until it is replaced.
   */
  public void release(Replica<R> r, @Nullable Throwable failure) {
    if (failure != null && countsAsFailure.test(failure)) {
      onFailure(r);
    } else if (r.consecutiveFailures != 0) {
      r.consecutiveFailures = 0;
    }
    if (waiting > 0 && r.state == Replica.READY && handOver(r)) {
      return;
    }
    int left = r.inFlight.decrementAndGet();
    if (left == 0 && r.state != Replica.READY) {
      closeWhenIdle(r);
    }
    if (waiting > 0) {
      serveWaiters();
    }
  }

  /** A free slot without waiting, or {@code null}. Waiters come first (fair handoff). */
  private @Nullable Replica<R> tryAcquire() {
    if (waiting > 0) {
      return null;
    }
    return takeSlot();
  }

  private @Nullable Replica<R> takeSlot() {
    Replica<R>[] rs = routable;
    int n = rs.length;
    if (n == 0) {
      return null;
    }
    int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
    if (containerConcurrency == 0) {
      Replica<R> r = rs[start];
      if (n > 1) {
        Replica<R> other = rs[(start + 1) % n];
        if (other.inFlight.get() < r.inFlight.get()) {
          r = other;
        }
      }
      r.inFlight.incrementAndGet();
      return admitted(r);
    }
    for (int i = 0; i < n; i++) {
      Replica<R> r = rs[(start + i) % n];
      for (int c = r.inFlight.get(); c < containerConcurrency; c = r.inFlight.get()) {
        if (r.inFlight.compareAndSet(c, c + 1)) {
          Replica<R> ok = admitted(r);
          if (ok != null) {
            return ok;
          }
          break;
        }
      }
    }
    return null;
  }

  /** After taking a slot: the replica, unless it stopped being routable meanwhile. */
  private @Nullable Replica<R> admitted(Replica<R> r) {
    if (r.state == Replica.READY) {
      return r;
    }
    if (r.inFlight.decrementAndGet() == 0) {
      closeWhenIdle(r);
    }
    return null;
  }

  private CompletableFuture<Replica<R>> acquireSlow(Duration maxWait) {
    Waiter<R> w = new Waiter<>();
    boolean poke;
    lock.lock();
    try {
      if (closed) {
        throw new PoolRejectedException(
            PoolRejectedException.Reason.CLOSED, name + ": the pool is closed");
      }
      if (waiters.isEmpty()) {
        Replica<R> r = takeSlot();
        if (r != null) {
          requests.increment();
          return CompletableFuture.completedFuture(r);
        }
      }
      if (waiters.size() >= queueCapacity) {
        String note = limitNote.get();
        throw new PoolRejectedException(
            PoolRejectedException.Reason.QUEUE_FULL, overloadMessage(note), note != null);
      }
      waiters.add(w);
      waiting = waiters.size();
      requests.increment();
      poke = routable.length == 0;
    } finally {
      lock.unlock();
    }
    if (!maxWait.isNegative() && !maxWait.isZero()) {
      w.timeout = scheduler.schedule(() -> timeOut(w, maxWait), maxWait);
    }
    if (poke && demandListener != null) {
      demandListener.run();
    }
    return w.future;
  }

  private String overloadMessage(@Nullable String note) {
    Replica<R>[] rs = routable;
    String where =
        rs.length == 0
            ? "while scaling from zero replicas (" + starting + " starting)"
            : "with every slot of "
                + rs.length
                + " replica(s) busy"
                + (containerConcurrency > 0
                    ? " (containerConcurrency " + containerConcurrency + ")"
                    : "");
    return name
        + ": the activator queue of "
        + queueCapacity
        + " requests is full "
        + where
        + (note == null ? "" : "; " + note);
  }

  private void timeOut(Waiter<R> w, Duration maxWait) {
    boolean removed;
    lock.lock();
    try {
      removed = waiters.remove(w);
      waiting = waiters.size();
    } finally {
      lock.unlock();
    }
    if (removed) {
      w.future.completeExceptionally(
          new PoolRejectedException(
              PoolRejectedException.Reason.TIMEOUT,
              name + ": no replica became free within " + maxWait.toMillis() + " ms"));
    }
  }

  /** Passes {@code r}'s slot straight to the oldest waiter; {@code false} if none waits. */
  private boolean handOver(Replica<R> r) {
    Waiter<R> w;
    lock.lock();
    try {
      w = waiters.poll();
      waiting = waiters.size();
    } finally {
      lock.unlock();
    }
    if (w == null) {
      return false;
    }
    complete(w, r);
    return true;
  }

  /** Gives free slots to waiters, oldest first, while both exist. */
  private void serveWaiters() {
    while (true) {
      Waiter<R> w;
      Replica<R> r;
      lock.lock();
      try {
        if (waiters.isEmpty()) {
          return;
        }
        r = takeSlot();
        if (r == null) {
          return;
        }
        w = waiters.poll();
        waiting = waiters.size();
      } finally {
        lock.unlock();
      }
      if (w == null) {
        release(r, null);
        return;
      }
      complete(w, r);
    }
  }

  private void complete(Waiter<R> w, Replica<R> r) {
    Scheduler.Cancellable t = w.timeout;
    if (t != null) {
      t.cancel();
    }
    if (!w.future.complete(r)) {
      release(r, null); // cancelled meanwhile: pass the slot on
    }
  }

  // -------------------------------------------------------------------------------- failures

  private void onFailure(Replica<R> r) {
    int failures = ++r.consecutiveFailures;
    boolean dead = failures >= failureThreshold;
    if (!dead) {
      try {
        dead = !isAlive.test(r.instance);
      } catch (RuntimeException e) {
        dead = true;
      }
    }
    if (!dead) {
      return;
    }
    lock.lock();
    try {
      if (r.state != Replica.READY || closed) {
        return;
      }
      r.state = Replica.FAILED;
      removeRoutable(r);
      draining.add(r);
      replaced++;
      starting++;
    } finally {
      lock.unlock();
    }
    LOG.log(
        Level.WARNING,
        "{0}: replica {1} failed {2} time(s) in a row; replacing it",
        name,
        r.id,
        failures);
    scheduler.execute(this::startOne);
  }

  // --------------------------------------------------------------------------------- scaling

  /** Starts or drains replicas so that {@code replicas} are ready or starting. */
  public void scaleTo(int replicas) {
    List<Replica<R>> idle = new ArrayList<>();
    int toStart = 0;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      desired = replicas;
      int active = routable.length + starting - cancelledStarts;
      if (replicas > active) {
        int revive = Math.min(cancelledStarts, replicas - active);
        cancelledStarts -= revive;
        toStart = replicas - active - revive;
        starting += toStart;
      } else if (replicas < active) {
        int excess = active - replicas;
        int cancel = Math.min(excess, starting - cancelledStarts);
        cancelledStarts += cancel;
        excess -= cancel;
        while (excess-- > 0 && routable.length > 0) {
          Replica<R> victim = routable[0];
          for (Replica<R> r : routable) {
            if (r.inFlight.get() < victim.inFlight.get()) {
              victim = r;
            }
          }
          victim.state = Replica.DRAINING;
          removeRoutable(victim);
          draining.add(victim);
          if (victim.inFlight.get() == 0) {
            idle.add(victim);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    for (Replica<R> r : idle) {
      closeWhenIdle(r);
    }
    for (int i = 0; i < toStart; i++) {
      scheduler.execute(this::startOne);
    }
  }

  /**
   * Adds a replica created outside the pool (e.g. the first one, loaded synchronously to report
   * errors at once) as ready.
   *
   * @throws PoolRejectedException if the pool is closed
   */
  public void adopt(R instance) {
    Replica<R> replica;
    lock.lock();
    try {
      if (closed) {
        throw new PoolRejectedException(
            PoolRejectedException.Reason.CLOSED, name + ": the pool is closed");
      }
      replica = new Replica<>(instance, nextId++);
      Replica<R>[] grown = Arrays.copyOf(routable, routable.length + 1);
      grown[routable.length] = replica;
      routable = grown;
      desired = Math.max(desired, routable.length + starting - cancelledStarts);
    } finally {
      lock.unlock();
    }
    LOG.log(Level.DEBUG, "{0}: replica {1} ready ({2} ready)", name, replica.id, routable.length);
    serveWaiters();
  }

  private void startOne() {
    R instance;
    try {
      instance = factory.create();
    } catch (Exception | LinkageError e) {
      List<Waiter<R>> failed = new ArrayList<>();
      lock.lock();
      try {
        starting--;
        if (cancelledStarts > 0) {
          cancelledStarts--;
        }
        startFailures++;
        lastStartFailure = String.valueOf(e);
        if (routable.length == 0 && starting == 0) {
          failed.addAll(waiters);
          waiters.clear();
          waiting = 0;
        }
      } finally {
        lock.unlock();
      }
      LOG.log(Level.ERROR, name + ": a replica failed to start", e);
      for (Waiter<R> w : failed) {
        w.future.completeExceptionally(
            new PoolRejectedException(
                PoolRejectedException.Reason.NO_REPLICA,
                name + ": no replica could be started: " + e));
      }
      return;
    }
    Replica<R> replica;
    boolean discard;
    lock.lock();
    try {
      starting--;
      discard = closed || cancelledStarts > 0;
      if (!closed && cancelledStarts > 0) {
        cancelledStarts--;
      }
      replica = new Replica<>(instance, nextId++);
      if (!discard) {
        Replica<R>[] grown = Arrays.copyOf(routable, routable.length + 1);
        grown[routable.length] = replica;
        routable = grown;
      }
    } finally {
      lock.unlock();
    }
    if (discard) {
      replica.state = Replica.DRAINING;
      closeWhenIdle(replica);
      return;
    }
    LOG.log(Level.DEBUG, "{0}: replica {1} ready ({2} ready)", name, replica.id, routable.length);
    serveWaiters();
  }

  private void removeRoutable(Replica<R> r) {
    Replica<R>[] rs = routable;
    int i = Arrays.asList(rs).indexOf(r);
    if (i < 0) {
      return;
    }
    Replica<R>[] shrunk = Arrays.copyOf(rs, rs.length - 1);
    System.arraycopy(rs, i + 1, shrunk, i, rs.length - i - 1);
    routable = shrunk;
  }

  private void closeWhenIdle(Replica<R> r) {
    if (r.inFlight.get() != 0 || !r.closed.compareAndSet(false, true)) {
      return;
    }
    lock.lock();
    try {
      draining.remove(r);
    } finally {
      lock.unlock();
    }
    try {
      factory.close(r.instance);
      LOG.log(Level.DEBUG, "{0}: replica {1} closed", name, r.id);
    } catch (Exception e) {
      LOG.log(Level.WARNING, name + ": closing replica " + r.id + " failed", e);
    }
  }

  // ---------------------------------------------------------------------------- observation

  /** Requests in flight on every replica plus those waiting: the autoscaler's concurrency. */
  public int concurrency() {
    int total = waiting;
    for (Replica<R> r : routable) {
      total += r.inFlight.get();
    }
    lock.lock();
    try {
      for (Replica<R> r : draining) {
        total += r.inFlight.get();
      }
    } finally {
      lock.unlock();
    }
    return total;
  }

  /** Requests admitted or queued since the pool was created (the autoscaler's rps source). */
  public long requestCount() {
    return requests.sum();
  }

  /** Replicas ready to serve. */
  public int readyReplicas() {
    return routable.length;
  }

  /** The pool's state now. */
  public PoolStatus status() {
    lock.lock();
    try {
      return new PoolStatus(
          routable.length,
          desired,
          starting - cancelledStarts,
          draining.size(),
          concurrencyLocked(),
          waiters.size(),
          replaced,
          startFailures,
          lastStartFailure);
    } finally {
      lock.unlock();
    }
  }

  private int concurrencyLocked() {
    int total = 0;
    for (Replica<R> r : routable) {
      total += r.inFlight.get();
    }
    for (Replica<R> r : draining) {
      total += r.inFlight.get();
    }
    return total;
  }

  /** The pool's name, used in messages. */
  public String name() {
    return name;
  }

  /**
   * Stops taking requests, rejects those waiting, and closes every replica once its in-flight
   * requests are done. Idempotent.
   */
  @Override
  public void close() {
    List<Waiter<R>> rejected;
    List<Replica<R>> idle = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      rejected = new ArrayList<>(waiters);
      waiters.clear();
      waiting = 0;
      for (Replica<R> r : routable) {
        r.state = Replica.DRAINING;
        draining.add(r);
        if (r.inFlight.get() == 0) {
          idle.add(r);
        }
      }
      @SuppressWarnings("unchecked")
      Replica<R>[] none = (Replica<R>[]) NONE;
      routable = none;
    } finally {
      lock.unlock();
    }
    for (Waiter<R> w : rejected) {
      w.future.completeExceptionally(
          new PoolRejectedException(
              PoolRejectedException.Reason.CLOSED, name + ": the pool is closed"));
    }
    for (Replica<R> r : idle) {
      closeWhenIdle(r);
    }
  }

  private static RuntimeException rethrow(@Nullable Throwable t) {
    if (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    return new IllegalStateException(t);
  }

  /** Builds a {@link ReplicaPool}. */
  public static final class Builder<R> {
    private final String name;
    private final Factory<R> factory;
    private int containerConcurrency = 0;
    private int queueCapacity = 10_000;
    private int failureThreshold = 5;
    private Predicate<Throwable> countsAsFailure = t -> true;
    private Predicate<R> isAlive = r -> true;
    private @Nullable Scheduler scheduler;
    private @Nullable Runnable demandListener;
    private java.util.function.Supplier<@Nullable String> limitNote = () -> null;

    private Builder(String name, Factory<R> factory) {
      this.name = name;
      this.factory = factory;
    }

    /** Slots per replica; 0 (the default) means unlimited. */
    public Builder<R> containerConcurrency(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException(
            "containerConcurrency = " + slots + ": must be >= 0 (0 = unlimited)");
      }
      this.containerConcurrency = slots;
      return this;
    }

    /** The activator queue's capacity. By default 10,000, as Knative's. */
    public Builder<R> queueCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("queueCapacity = " + capacity + ": must be >= 0");
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** Failures in a row after which a replica is replaced. By default 5. */
    public Builder<R> failureThreshold(int failures) {
      if (failures < 1) {
        throw new IllegalArgumentException("failureThreshold = " + failures + ": must be >= 1");
      }
      this.failureThreshold = failures;
      return this;
    }

    /** Which failures count against a replica (e.g. not bad input). By default all. */
    public Builder<R> countsAsFailure(Predicate<Throwable> classifier) {
      this.countsAsFailure = classifier;
      return this;
    }

    /** Checked after each counted failure: a dead replica is replaced at once. By default alive. */
    public Builder<R> isAlive(Predicate<R> check) {
      this.isAlive = check;
      return this;
    }

    /** Where replicas are created and wait timeouts run. Required. */
    public Builder<R> scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Called when a request arrives at zero replicas, to scale up at once. By default none. */
    public Builder<R> onDemandAtZero(Runnable listener) {
      this.demandListener = listener;
      return this;
    }

    /**
     * A note added to queue-full messages, asked at rejection time, e.g. that maxReplicas is
     * reached. By default none.
     */
    public Builder<R> limitNote(java.util.function.Supplier<@Nullable String> note) {
      this.limitNote = note;
      return this;
    }

    /** Builds the pool, with no replica yet: call {@link ReplicaPool#scaleTo}. */
    public ReplicaPool<R> build() {
      return new ReplicaPool<>(this);
    }
  }
}
