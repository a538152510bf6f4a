package io.kserve4j.autoscale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Replays a recorded request trace through kserve4j's own replica pool and Knative autoscaler on
 * virtual time, and reports what Knative's KPA would do: replicas over time, panic periods,
 * requests waiting in the activator and their extra latency, cold starts. Nothing runs for real:
 * replicas are tokens that become ready {@code startupTime} after the autoscaler asks for them, and
 * each request holds its slot for its recorded latency. Runs in a moment for an hour of trace. The
 * trace starts from the service at rest: {@code minScale} replicas ready, none when it scales to
 * zero.
 *
 * <pre>{@code
 * Simulation.Result r = Simulation.builder(settings)
 *     .containerConcurrency(0)
 *     .startupTime(Duration.ofSeconds(3))
 *     .build()
 *     .run(trace);
 * }</pre>
 */
public final class Simulation {
  /** One request of a trace: when it arrives and how long the model takes once it runs. */
  public record Request(Duration arrival, Duration latency) {
    /** Checks the times. */
    public Request {
      Objects.requireNonNull(arrival, "arrival");
      Objects.requireNonNull(latency, "latency");
      if (arrival.isNegative() || latency.isNegative()) {
        throw new IllegalArgumentException(
            "arrival and latency must not be negative: " + arrival + ", " + latency);
      }
    }
  }

  /**
   * The state once per second of the trace.
   *
   * @param second seconds since the trace's start
   * @param ready ready replicas
   * @param desired replicas the autoscaler asks for
   * @param starting replicas loading
   * @param inFlight requests running on replicas
   * @param queued requests waiting in the activator queue
   * @param panicking whether the autoscaler is in panic mode
   * @param stableValue the stable window's average concurrency (or rate)
   * @param panicValue the panic window's average
   */
  public record Sample(
      int second,
      int ready,
      int desired,
      int starting,
      int inFlight,
      int queued,
      boolean panicking,
      double stableValue,
      double panicValue) {}

  /**
   * What the replay found.
   *
   * @param samples the state once per second
   * @param requests requests in the trace
   * @param rejected requests refused (the activator queue was full)
   * @param timedOut requests that waited longer than the component's timeout
   * @param coldStarts requests that arrived while no replica was ready
   * @param waitNanos each answered request's wait for a replica (its extra latency), in arrival
   *     order
   * @param panicSeconds seconds spent in panic mode
   * @param maxReplicas the most ready replicas at once
   */
  public record Result(
      List<Sample> samples,
      int requests,
      int rejected,
      int timedOut,
      int coldStarts,
      long[] waitNanos,
      int panicSeconds,
      int maxReplicas) {
    /** Copies the samples. */
    public Result {
      samples = List.copyOf(samples);
      waitNanos = waitNanos.clone();
    }

    /** The {@code q}-quantile (0..1) of the extra latency of the answered requests. */
    public Duration waitQuantile(double q) {
      if (waitNanos.length == 0) {
        return Duration.ZERO;
      }
      long[] sorted = waitNanos.clone();
      Arrays.sort(sorted);
      int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
      return Duration.ofNanos(sorted[i]);
    }

    /** Requests that waited at all for a replica. */
    public int waited() {
      int n = 0;
      for (long w : waitNanos) {
        if (w > 0) {
          n++;
        }
      }
      return n;
    }
  }

  private final AutoscalerSettings settings;
  private final int containerConcurrency;
  private final Duration startupTime;
  private final int queueCapacity;
  private final Duration timeout;

  private Simulation(Builder b) {
    this.settings = b.settings;
    this.containerConcurrency = b.containerConcurrency;
    this.startupTime = b.startupTime;
    this.queueCapacity = b.queueCapacity;
    this.timeout = b.timeout;
  }

  /** A builder for a simulation of {@code settings}. */
  public static Builder builder(AutoscalerSettings settings) {
    return new Builder(settings);
  }

  /**
   * Replays {@code trace} (in any order), then runs on until every request is answered and the
   * autoscaler has had a stable window to settle.
   */
  public Result run(List<Request> trace) {
    List<Request> sorted = new ArrayList<>(trace);
    sorted.sort((a, b) -> a.arrival().compareTo(b.arrival()));
    VirtualTime time = new VirtualTime(0);
    StartupDelay loads = new StartupDelay(time, startupTime);
    ReplicaPool<Object> pool =
        ReplicaPool.builder("simulation", new Tokens())
            .containerConcurrency(containerConcurrency)
            .queueCapacity(queueCapacity)
            .scheduler(loads)
            .build();
    // The trace starts from the service at rest: minScale replicas ready (none when it scales to
    // zero), not from a revision still loading its initial scale.
    AutoscalerSettings atRest = settings.toBuilder().initialScale(settings.minScale()).build();
    PoolAutoscaler autoscaler = new PoolAutoscaler("simulation", pool, atRest, time, time);
    Counters c = new Counters(sorted.size());
    List<Sample> samples = new ArrayList<>();
    loads.warm = true;
    autoscaler.start();
    time.runPending();
    loads.warm = false;
    for (int i = 0; i < sorted.size(); i++) {
      Request r = sorted.get(i);
      int index = i;
      time.schedule(() -> arrive(pool, autoscaler, time, r, index, c), r.arrival());
    }
    Duration end =
        sorted.isEmpty()
            ? Duration.ZERO
            : sorted.get(sorted.size() - 1).arrival().plus(maxLatency(sorted));
    end = end.plus(timeout).plus(settings.stableWindow()).plus(Duration.ofSeconds(30));
    long seconds = end.toSeconds();
    for (int s = 0; s <= seconds; s++) {
      time.advance(Duration.ofSeconds(1));
      PoolStatus p = pool.status();
      ScaleDecision d = autoscaler.lastDecision();
      samples.add(
          new Sample(
              s + 1,
              p.ready(),
              p.desired(),
              p.starting(),
              p.inFlight(),
              p.queued(),
              d != null && d.panicking(),
              d == null ? 0 : d.stableValue(),
              d == null ? 0 : d.panicValue()));
    }
    autoscaler.close();
    pool.close();
    int panic = 0;
    int most = 0;
    for (Sample s : samples) {
      panic += s.panicking() ? 1 : 0;
      most = Math.max(most, s.ready());
    }
    long[] waits = new long[c.answered];
    int n = 0;
    for (long w : c.waits) {
      if (w >= 0) {
        waits[n++] = w;
      }
    }
    return new Result(
        samples, sorted.size(), c.rejected, c.timedOut, c.coldStarts, waits, panic, most);
  }

  private static Duration maxLatency(List<Request> trace) {
    Duration max = Duration.ZERO;
    for (Request r : trace) {
      if (r.latency().compareTo(max) > 0) {
        max = r.latency();
      }
    }
    return max;
  }

  private void arrive(
      ReplicaPool<Object> pool,
      PoolAutoscaler autoscaler,
      VirtualTime time,
      Request r,
      int index,
      Counters c) {
    long arrived = time.nanoTime();
    if (pool.readyReplicas() == 0) {
      c.coldStarts++;
    }
    CompletableFuture<ReplicaPool.Replica<Object>> slot;
    try {
      slot = pool.acquireAsync(timeout);
    } catch (PoolRejectedException e) {
      c.rejected++; // the activator queue is full
      return;
    }
    if (pool.readyReplicas() == 0) {
      autoscaler.demandAtZero();
    }
    slot.whenComplete(
        (replica, failure) -> {
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof PoolRejectedException e
                && e.reason() == PoolRejectedException.Reason.TIMEOUT) {
              c.timedOut++;
            } else {
              c.rejected++;
            }
            return;
          }
          c.waits[index] = time.nanoTime() - arrived;
          c.answered++;
          time.schedule(() -> pool.release(replica, null), r.latency());
        });
  }

  /** What the replay counts. */
  private static final class Counters {
    final long[] waits;
    int answered;
    int rejected;
    int timedOut;
    int coldStarts;

    Counters(int requests) {
      waits = new long[requests];
      Arrays.fill(waits, -1);
    }
  }

  /** Replicas that are tokens: loading them costs the startup time, on virtual time. */
  private static final class Tokens implements ReplicaPool.Factory<Object> {
    @Override
    public Object create() {
      return new Object();
    }

    @Override
    public void close(Object replica) {}
  }

  /**
   * The pool loads replicas through {@link Scheduler#execute}: here a load finishes {@code delay}
   * of virtual time later, as a real replica becomes ready after its start-up.
   */
  private static final class StartupDelay implements Scheduler {
    private final VirtualTime time;
    private final Duration delay;
    boolean warm;

    StartupDelay(VirtualTime time, Duration delay) {
      this.time = time;
      this.delay = delay;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration after) {
      return time.schedule(task, after);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, Duration period) {
      return time.scheduleAtFixedRate(task, period);
    }

    @Override
    public void execute(Runnable task) {
      if (warm || delay.isZero()) {
        time.execute(task);
      } else {
        time.schedule(task, delay);
      }
    }
  }

  /** Builds a {@link Simulation}. */
  public static final class Builder {
    private final AutoscalerSettings settings;
    private int containerConcurrency;
    private Duration startupTime = Duration.ofSeconds(1);
    private int queueCapacity = 10_000;
    private Duration timeout = Duration.ofSeconds(300);

    private Builder(AutoscalerSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Slots per replica, 0 for unlimited. By default 0, KServe's. */
    public Builder containerConcurrency(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("containerConcurrency = " + slots + ": must be >= 0");
      }
      this.containerConcurrency = slots;
      return this;
    }

    /** How long a replica takes to become ready once asked for. By default 1 s. */
    public Builder startupTime(Duration startup) {
      if (startup.isNegative()) {
        throw new IllegalArgumentException("startupTime = " + startup + ": must be >= 0");
      }
      this.startupTime = startup;
      return this;
    }

    /** How many requests the activator queue holds. By default 10,000, as Knative's. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("queueCapacity = " + capacity + ": must be >= 0");
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** The longest a request waits for a replica: the component's timeout. By default 300 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout = " + timeout + ": must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** The simulation. */
    public Simulation build() {
      return new Simulation(this);
    }
  }
}
