package io.kserve4j.autoscale;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Drives a {@link ReplicaPool} with a {@link KpaAutoscaler}, as Knative's autoscaler drives a
 * revision: the pool's concurrency is sampled ten times a second and recorded once per 1-second
 * bucket (for rps, the requests of each second); every tick (2 s) the autoscaler decides and the
 * pool is scaled. A request arriving at zero replicas {@linkplain #demandAtZero() pokes} the
 * autoscaler, which decides at once instead of at its next tick. Thread-safe.
 */
public final class PoolAutoscaler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PoolAutoscaler.class.getName());
  private static final long SECOND = 1_000_000_000L;
  private static final Duration SAMPLE = Duration.ofMillis(100);

  private final String name;
  private final ReplicaPool<?> pool;
  private final AutoscalerSettings settings;
  private final Clock clock;
  private final Scheduler scheduler;
  private final KpaAutoscaler kpa;
  private volatile Listener listener = new Listener() {};

  private long bucketSecond = Long.MIN_VALUE;
  private double bucketSum;
  private int bucketSamples;
  private long lastRequestCount;
  private @Nullable ScaleDecision last;
  private Scheduler.@Nullable Cancellable sampling;
  private Scheduler.@Nullable Cancellable ticking;
  private boolean closed;

  /**
   * An autoscaler for {@code pool}; call {@link #start()} to scale the pool to the initial scale
   * and begin deciding.
   */
  public PoolAutoscaler(
      String name,
      ReplicaPool<?> pool,
      AutoscalerSettings settings,
      Clock clock,
      Scheduler scheduler) {
    this.name = name;
    this.pool = pool;
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.kpa = new KpaAutoscaler(settings, clock.nanoTime(), 0);
  }

  /** Scales the pool to the initial scale (within min and max) and starts sampling and ticking. */
  public synchronized void start() {
    int initial = settings.initialScale();
    initial = Math.max(initial, settings.minScale());
    if (settings.maxScale() > 0) {
      initial = Math.min(initial, settings.maxScale());
    }
    pool.scaleTo(initial);
    lastRequestCount = pool.requestCount();
    sampling = scheduler.scheduleAtFixedRate(this::sample, SAMPLE);
    ticking = scheduler.scheduleAtFixedRate(this::tick, settings.tickInterval());
    LOG.log(Level.DEBUG, "{0}: autoscaling with {1}", name, settings);
  }

  /** Sees what the autoscaler records and decides: for metrics, logs and tests. */
  public interface Listener {
    /** A metric value recorded for the second starting at {@code nanoTime}. */
    default void recorded(long nanoTime, double value) {}

    /** A decision taken at {@code nanoTime} with these ready and current replicas. */
    default void decided(
        long nanoTime, int ready, int current, ScaleDecision decision, int applied) {}
  }

  /** Replaces the listener (by default none). */
  public void listener(Listener listener) {
    this.listener = listener;
  }

  /** The settings. */
  public AutoscalerSettings settings() {
    return settings;
  }

  /** The last decision, or {@code null} before the first. */
  public synchronized @Nullable ScaleDecision lastDecision() {
    return last;
  }

  /** The maximum scale if the pool is at it, for overload messages; else {@code null}. */
  public @Nullable String limitNote() {
    int max = settings.maxScale();
    if (max > 0 && pool.readyReplicas() >= max) {
      return "maxReplicas (" + max + ") reached";
    }
    return null;
  }

  /**
   * A request arrived at zero replicas: record it and decide now (Knative's activator reports the
   * first request at once and the autoscaler is poked).
   */
  public synchronized void demandAtZero() {
    if (closed) {
      return;
    }
    PoolStatus status = pool.status();
    if (status.ready() + status.starting() > 0) {
      return; // already scaling up: later requests count at the next sample
    }
    long now = clock.nanoTime();
    double value = 1; // as Knative's activator: the first request reports concurrency 1 at once
    kpa.record(now, value);
    listener.recorded(now, value);
    decide(now, true);
  }

  private synchronized void sample() {
    if (closed) {
      return;
    }
    long now = clock.nanoTime();
    long second = Math.floorDiv(now, SECOND);
    if (bucketSecond != Long.MIN_VALUE && second != bucketSecond) {
      flush(bucketSecond * SECOND);
    }
    if (second != bucketSecond) {
      bucketSecond = second;
      bucketSum = 0;
      bucketSamples = 0;
    }
    bucketSum += pool.concurrency();
    bucketSamples++;
  }

  /** Records the finished bucket: mean concurrency, or the requests counted in it. */
  private void flush(long bucketStart) {
    if (settings.metric() == ScaleMetric.RPS) {
      long count = pool.requestCount();
      kpa.record(bucketStart, count - lastRequestCount);
      listener.recorded(bucketStart, count - lastRequestCount);
      lastRequestCount = count;
    } else if (bucketSamples > 0) {
      double mean = bucketSum / bucketSamples;
      kpa.record(bucketStart, mean);
      listener.recorded(bucketStart, mean);
    }
  }

  private synchronized void tick() {
    if (!closed) {
      decide(clock.nanoTime(), false);
    }
  }

  private void decide(long now, boolean poked) {
    PoolStatus s = pool.status();
    ScaleDecision d = kpa.decide(now, s.ready(), s.ready() + s.starting());
    int desired = d.desiredReplicas();
    if (poked && s.ready() + s.starting() == 0) {
      desired = Math.max(desired, settings.activationScale());
    }
    ScaleDecision previous = last;
    last = d;
    if (previous == null
        || previous.desiredReplicas() != desired
        || previous.panicking() != d.panicking()) {
      LOG.log(
          previous == null ? Level.DEBUG : Level.INFO,
          String.format(
              Locale.ROOT,
              "%s: desired replicas %d (ready %d)%s%s, %s stable %.1f, panic %.1f, target %.1f per"
                  + " replica",
              name,
              desired,
              s.ready(),
              d.panicking() ? ", panic mode" : "",
              poked ? ", scaling from zero" : "",
              settings.metric().name().toLowerCase(Locale.ROOT),
              d.stableValue(),
              d.panicValue(),
              settings.target()));
    }
    listener.decided(now, s.ready(), s.ready() + s.starting(), d, desired);
    pool.scaleTo(desired);
  }

  /** Stops deciding; the pool is left as it is (close it separately). */
  @Override
  public synchronized void close() {
    closed = true;
    if (sampling != null) {
      sampling.cancel();
    }
    if (ticking != null) {
      ticking.cancel();
    }
  }
}
