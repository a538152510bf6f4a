package io.kserve4j.autoscale;

/**
 * Knative's KPA decision rule, step by step (Knative serving {@code pkg/autoscaler/scaling}, and
 * the scale-to-zero, initial-scale and bounds handling of its PodAutoscaler reconciler):
 *
 * <ol>
 *   <li>stable and panic averages of the metric over 1-second buckets ({@link MetricWindow});
 *   <li>desired replicas {@code ceil(average / target)} for each, each clamped to {@code
 *       [floor(ready / maxScaleDownRate), ceil(ready x maxScaleUpRate)]};
 *   <li>panic when the panic desire is at least {@code panicThreshold x ready}; panic lasts until a
 *       full stable window passes below the threshold; while panicking the desire is the larger of
 *       the two, and never below the largest desire of this panic (the ratchet: no scale-down);
 *   <li>excess burst capacity {@code floor(ready x total - targetBurstCapacity - panicAverage)}:
 *       negative keeps the activator in the request path;
 *   <li>zero only once the replicas have been active for a stable window and the desire has then
 *       stayed zero for the scale-to-zero grace period; then bounds: {@code minScale} (raised to
 *       {@code initialScale} until it was reached once), {@code maxScale}.
 * </ol>
 *
 * Not thread-safe: one owner records and decides. Time is whatever nanosecond clock the owner
 * passes in.
 */
public final class KpaAutoscaler {
  private static final long NONE = Long.MIN_VALUE;

  private final AutoscalerSettings settings;
  private final MetricWindow stable;
  private final MetricWindow panic;
  private final long stableWindowNanos;
  private final long graceNanos;
  private long panicSince = NONE;
  private int maxPanicPods;
  private long zeroSince = NONE;
  private long activeSince = NONE;
  private boolean initialScaleReached;

  /**
   * An autoscaler starting at {@code nowNanos} with {@code readyReplicas} replicas. As in Knative,
   * a new autoscaler with more than one replica starts in panic mode, so that losing the metric
   * history cannot scale it down.
   */
  public KpaAutoscaler(AutoscalerSettings settings, long nowNanos, int readyReplicas) {
    this.settings = settings;
    this.stable = new MetricWindow((int) settings.stableWindow().toSeconds());
    this.panic = new MetricWindow((int) settings.panicWindow().toSeconds());
    this.stableWindowNanos = settings.stableWindow().toNanos();
    this.graceNanos = settings.scaleToZeroGracePeriod().toNanos();
    this.initialScaleReached =
        settings.initialScale() <= 1 || readyReplicas >= settings.initialScale();
    if (readyReplicas > 0) {
      activeSince = nowNanos;
    }
    if (readyReplicas > 1) {
      panicSince = nowNanos;
      maxPanicPods = readyReplicas;
    }
  }

  /** The settings. */
  public AutoscalerSettings settings() {
    return settings;
  }

  /**
   * Records one observation: the average concurrency (or the request count, for rps) of all
   * replicas during the second {@code nowNanos} falls in.
   */
  public void record(long nowNanos, double value) {
    stable.record(nowNanos, value);
    panic.record(nowNanos, value);
  }

  /**
   * Decides the desired replica count.
   *
   * @param nowNanos the time of the decision
   * @param readyReplicas replicas ready to serve
   * @param currentReplicas replicas that exist (ready or starting)
   */
  public ScaleDecision decide(long nowNanos, int readyReplicas, int currentReplicas) {
    double stableValue = stable.average(nowNanos);
    double panicValue = panic.average(nowNanos);
    double ready = Math.max(1, readyReplicas);
    double target = settings.target();

    double maxUp = Math.ceil(settings.maxScaleUpRate() * ready);
    double maxDown = Math.floor(ready / settings.maxScaleDownRate());
    double dspc = Math.ceil(stableValue / target);
    double dppc = Math.ceil(panicValue / target);
    int desiredStable = (int) Math.min(Math.max(dspc, maxDown), maxUp);
    int desiredPanic = (int) Math.min(Math.max(dppc, maxDown), maxUp);
    int activation = settings.activationScale();
    if (activation > 1) {
      if (dspc > 0 && activation > desiredStable) {
        desiredStable = activation;
      }
      if (dppc > 0 && activation > desiredPanic) {
        desiredPanic = activation;
      }
    }

    boolean overThreshold = dppc / ready >= settings.panicThreshold();
    if (overThreshold) {
      panicSince = nowNanos;
    } else if (panicSince != NONE && nowNanos - panicSince > stableWindowNanos) {
      panicSince = NONE;
      maxPanicPods = 0;
    }

    int desired = desiredStable;
    boolean panicking = panicSince != NONE;
    if (panicking) {
      desired = Math.max(desired, desiredPanic);
      if (desired > maxPanicPods) {
        maxPanicPods = desired;
      } else {
        desired = maxPanicPods;
      }
    }

    int excessBurstCapacity;
    double tbc = settings.targetBurstCapacity();
    if (tbc == 0) {
      excessBurstCapacity = 0;
    } else if (tbc > 0) {
      excessBurstCapacity =
          (int) Math.floor(readyReplicas * settings.totalTarget() - tbc - panicValue);
    } else {
      excessBurstCapacity = -1;
    }

    int scaled = applyScaleToZero(nowNanos, desired, currentReplicas);
    scaled = applyBounds(scaled, readyReplicas);
    return new ScaleDecision(scaled, panicking, excessBurstCapacity, stableValue, panicValue);
  }

  /**
   * Knative's scale to zero: not before the replicas have been active for a stable window (until
   * then at most 1); then the desire must stay zero for the grace period, with no change meanwhile.
   */
  private int applyScaleToZero(long nowNanos, int desired, int currentReplicas) {
    if (currentReplicas == 0) {
      activeSince = NONE;
    } else if (activeSince == NONE) {
      activeSince = nowNanos;
    }
    if (desired != 0 || settings.minScale() > 0) {
      zeroSince = NONE;
      return desired;
    }
    if (currentReplicas == 0) {
      return 0;
    }
    if (nowNanos - activeSince < stableWindowNanos) {
      zeroSince = NONE;
      return 1;
    }
    if (zeroSince == NONE) {
      zeroSince = nowNanos;
    }
    return nowNanos - zeroSince >= graceNanos ? 0 : currentReplicas;
  }

  private int applyBounds(int desired, int readyReplicas) {
    int min = settings.minScale();
    if (!initialScaleReached) {
      if (readyReplicas >= settings.initialScale()) {
        initialScaleReached = true;
      } else {
        min = Math.max(min, settings.initialScale());
      }
    }
    int out = Math.max(desired, min);
    int max = settings.maxScale();
    return max > 0 ? Math.min(out, max) : out;
  }
}
