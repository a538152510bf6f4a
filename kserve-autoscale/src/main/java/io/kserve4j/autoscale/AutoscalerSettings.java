package io.kserve4j.autoscale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The settings of Knative's KPA, with Knative's defaults (config-autoscaler): the metric and its
 * per-replica target, the stable and panic windows, the panic threshold, the scale-up and
 * scale-down rates, the burst capacity, initial, minimum and maximum scale and the scale-to-zero
 * grace period. Immutable; build with {@link #builder()}.
 */
public final class AutoscalerSettings {
  /** Knative's container-concurrency-target-default. */
  public static final double DEFAULT_CONCURRENCY_TARGET = 100;

  /** Knative's requests-per-second-target-default. */
  public static final double DEFAULT_RPS_TARGET = 200;

  private final ScaleMetric metric;
  private final double target;
  private final double targetUtilization;
  private final int containerConcurrency;
  private final Duration stableWindow;
  private final double panicWindowPercentage;
  private final double panicThreshold;
  private final double maxScaleUpRate;
  private final double maxScaleDownRate;
  private final double targetBurstCapacity;
  private final int initialScale;
  private final int minScale;
  private final int maxScale;
  private final int activationScale;
  private final Duration scaleToZeroGracePeriod;
  private final Duration tickInterval;

  private AutoscalerSettings(Builder b) {
    this.metric = b.metric;
    this.containerConcurrency = b.containerConcurrency;
    double total =
        b.target > 0
            ? b.target
            : metric == ScaleMetric.RPS
                ? DEFAULT_RPS_TARGET
                : b.containerConcurrency > 0 ? b.containerConcurrency : DEFAULT_CONCURRENCY_TARGET;
    if (metric == ScaleMetric.CONCURRENCY && b.containerConcurrency > 0) {
      total = Math.min(total, b.containerConcurrency);
    }
    this.target = total;
    this.targetUtilization = b.targetUtilization;
    this.stableWindow = b.stableWindow;
    this.panicWindowPercentage = b.panicWindowPercentage;
    this.panicThreshold = b.panicThreshold;
    this.maxScaleUpRate = b.maxScaleUpRate;
    this.maxScaleDownRate = b.maxScaleDownRate;
    this.targetBurstCapacity = b.targetBurstCapacity;
    this.initialScale = b.initialScale;
    this.minScale = b.minScale;
    this.maxScale = b.maxScale;
    this.activationScale = b.activationScale;
    this.scaleToZeroGracePeriod = b.scaleToZeroGracePeriod;
    this.tickInterval = b.tickInterval;
  }

  /** Knative's defaults: concurrency, target 100 at 70 %, 60 s stable window, and so on. */
  public static AutoscalerSettings ofDefaults() {
    return builder().build();
  }

  /** A builder starting from Knative's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.metric = metric;
    b.target = target;
    b.targetUtilization = targetUtilization;
    b.containerConcurrency = containerConcurrency;
    b.stableWindow = stableWindow;
    b.panicWindowPercentage = panicWindowPercentage;
    b.panicThreshold = panicThreshold;
    b.maxScaleUpRate = maxScaleUpRate;
    b.maxScaleDownRate = maxScaleDownRate;
    b.targetBurstCapacity = targetBurstCapacity;
    b.initialScale = initialScale;
    b.minScale = minScale;
    b.maxScale = maxScale;
    b.activationScale = activationScale;
    b.scaleToZeroGracePeriod = scaleToZeroGracePeriod;
    b.tickInterval = tickInterval;
    return b;
  }

  /** The metric. */
  public ScaleMetric metric() {
    return metric;
  }

  /**
   * The per-replica total the target derives from: the {@code scaleTarget} if set (capped at {@code
   * containerConcurrency} for concurrency), else {@code containerConcurrency} if set, else 100
   * (concurrency) or 200 (rps).
   */
  public double totalTarget() {
    return target;
  }

  /**
   * The per-replica target the decision divides by: {@code max(0.01, total x utilization)}, 70
   * concurrent requests by default.
   */
  public double target() {
    return Math.max(0.01, target * targetUtilization);
  }

  /** Target utilization, 0.70 by default. */
  public double targetUtilization() {
    return targetUtilization;
  }

  /** The hard per-replica limit (0: unlimited). */
  public int containerConcurrency() {
    return containerConcurrency;
  }

  /** The stable window, 60 s by default. */
  public Duration stableWindow() {
    return stableWindow;
  }

  /**
   * The panic window: {@code round(stableWindow x percentage / 100)}, at least 1 s; 6 s by default.
   */
  public Duration panicWindow() {
    long seconds = Math.round(stableWindow.toSeconds() * panicWindowPercentage / 100.0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  /** The panic window as a percentage of the stable window, 10 by default. */
  public double panicWindowPercentage() {
    return panicWindowPercentage;
  }

  /** Panic threshold as a ratio (2.0 = 200 %). */
  public double panicThreshold() {
    return panicThreshold;
  }

  /** Most a decision may multiply the replicas by, 1000 by default. */
  public double maxScaleUpRate() {
    return maxScaleUpRate;
  }

  /** Most a decision may divide the replicas by, 2 by default. */
  public double maxScaleDownRate() {
    return maxScaleDownRate;
  }

  /** Target burst capacity, 211 by default; -1 keeps the activator always in the path. */
  public double targetBurstCapacity() {
    return targetBurstCapacity;
  }

  /** Replicas at creation, 1 by default. */
  public int initialScale() {
    return initialScale;
  }

  /** Fewest replicas (0 allows scale to zero). */
  public int minScale() {
    return minScale;
  }

  /** Most replicas, 0 for no limit. */
  public int maxScale() {
    return maxScale;
  }

  /** Fewest replicas when scaling up from zero, 1 by default. */
  public int activationScale() {
    return activationScale;
  }

  /** How long desired zero must hold before the last replica goes, 30 s by default. */
  public Duration scaleToZeroGracePeriod() {
    return scaleToZeroGracePeriod;
  }

  /** How often the autoscaler decides, 2 s by default. */
  public Duration tickInterval() {
    return tickInterval;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "AutoscalerSettings{metric=%s, target=%.2f (total %.0f x %.2f), stableWindow=%ss,"
            + " panicWindow=%ss, panicThreshold=%.1f, min=%d, max=%s, initial=%d}",
        metric,
        target(),
        target,
        targetUtilization,
        stableWindow.toSeconds(),
        panicWindow().toSeconds(),
        panicThreshold,
        minScale,
        maxScale == 0 ? "unlimited" : String.valueOf(maxScale),
        initialScale);
  }

  /** Builds {@link AutoscalerSettings}; {@link #build()} checks every field at once. */
  public static final class Builder {
    private ScaleMetric metric = ScaleMetric.CONCURRENCY;
    private double target = 0;
    private double targetUtilization = 0.70;
    private int containerConcurrency = 0;
    private Duration stableWindow = Duration.ofSeconds(60);
    private double panicWindowPercentage = 10;
    private double panicThreshold = 2.0;
    private double maxScaleUpRate = 1000;
    private double maxScaleDownRate = 2;
    private double targetBurstCapacity = 211;
    private int initialScale = 1;
    private int minScale = 0;
    private int maxScale = 0;
    private int activationScale = 1;
    private Duration scaleToZeroGracePeriod = Duration.ofSeconds(30);
    private Duration tickInterval = Duration.ofSeconds(2);

    private Builder() {}

    /** The metric. By default concurrency. */
    public Builder metric(ScaleMetric metric) {
      this.metric = metric;
      return this;
    }

    /**
     * The per-replica target ({@code scaleTarget}). By default {@code containerConcurrency} if set,
     * else 100 for concurrency and 200 for rps.
     */
    public Builder target(double target) {
      this.target = target;
      return this;
    }

    /** Target utilization, as a fraction or (above 1) a percentage. By default 0.70. */
    public Builder targetUtilization(double utilization) {
      this.targetUtilization = utilization > 1 ? utilization / 100.0 : utilization;
      return this;
    }

    /** The hard per-replica limit ({@code containerConcurrency}). By default 0 (unlimited). */
    public Builder containerConcurrency(int containerConcurrency) {
      this.containerConcurrency = containerConcurrency;
      return this;
    }

    /** The stable window, whole seconds from 6 s to 1 h. By default 60 s. */
    public Builder stableWindow(Duration window) {
      this.stableWindow = window;
      return this;
    }

    /** The panic window as a percentage of the stable window (1 to 100). By default 10. */
    public Builder panicWindowPercentage(double percentage) {
      this.panicWindowPercentage = percentage;
      return this;
    }

    /** The panic threshold as a percentage (above 100). By default 200. */
    public Builder panicThresholdPercentage(double percentage) {
      this.panicThreshold = percentage / 100.0;
      return this;
    }

    /** Most a decision may multiply replicas by (above 1). By default 1000. */
    public Builder maxScaleUpRate(double rate) {
      this.maxScaleUpRate = rate;
      return this;
    }

    /** Most a decision may divide replicas by (above 1). By default 2. */
    public Builder maxScaleDownRate(double rate) {
      this.maxScaleDownRate = rate;
      return this;
    }

    /** Target burst capacity (-1, 0 or more). By default 211. */
    public Builder targetBurstCapacity(double capacity) {
      this.targetBurstCapacity = capacity;
      return this;
    }

    /** Replicas at creation (0 or more). By default 1. */
    public Builder initialScale(int replicas) {
      this.initialScale = replicas;
      return this;
    }

    /** Fewest replicas (0 allows scale to zero). By default 0. */
    public Builder minScale(int replicas) {
      this.minScale = replicas;
      return this;
    }

    /** Most replicas (0 for no limit). By default 0. */
    public Builder maxScale(int replicas) {
      this.maxScale = replicas;
      return this;
    }

    /** Fewest replicas when scaling up from zero (1 or more). By default 1. */
    public Builder activationScale(int replicas) {
      this.activationScale = replicas;
      return this;
    }

    /** Grace period before the last replica goes. By default 30 s. */
    public Builder scaleToZeroGracePeriod(Duration grace) {
      this.scaleToZeroGracePeriod = grace;
      return this;
    }

    /** How often the autoscaler decides. By default 2 s. */
    public Builder tickInterval(Duration tick) {
      this.tickInterval = tick;
      return this;
    }

    /**
     * Checks every setting and builds.
     *
     * @throws IllegalArgumentException listing every impossible setting, one per line, each as
     *     {@code field = value: rule}
     */
    public AutoscalerSettings build() {
      List<String> problems = new ArrayList<>();
      if (target < 0 || (metric == ScaleMetric.RPS && target != 0 && target < 1)) {
        problems.add(
            "target = "
                + target
                + ": must be "
                + (metric == ScaleMetric.RPS ? ">= 1 for rps" : "> 0"));
      }
      if (!(targetUtilization > 0 && targetUtilization <= 1)) {
        problems.add(
            "targetUtilization = " + targetUtilization + ": must be in (0, 1] or (1, 100] %");
      }
      if (containerConcurrency < 0) {
        problems.add(
            "containerConcurrency = " + containerConcurrency + ": must be >= 0 (0 = unlimited)");
      }
      long window = stableWindow.toMillis();
      if (window < 6_000 || window > 3_600_000 || window % 1000 != 0) {
        problems.add("stableWindow = " + stableWindow + ": must be whole seconds from 6s to 1h");
      }
      if (!(panicWindowPercentage >= 1 && panicWindowPercentage <= 100)) {
        problems.add("panicWindowPercentage = " + panicWindowPercentage + ": must be in [1, 100]");
      }
      if (!(panicThreshold > 1)) {
        problems.add("panicThresholdPercentage = " + panicThreshold * 100 + ": must be > 100");
      }
      if (!(maxScaleUpRate > 1)) {
        problems.add("maxScaleUpRate = " + maxScaleUpRate + ": must be > 1");
      }
      if (!(maxScaleDownRate > 1)) {
        problems.add("maxScaleDownRate = " + maxScaleDownRate + ": must be > 1");
      }
      if (targetBurstCapacity < -1) {
        problems.add("targetBurstCapacity = " + targetBurstCapacity + ": must be -1, 0 or more");
      }
      if (minScale < 0) {
        problems.add("minScale = " + minScale + ": must be >= 0");
      }
      if (maxScale < 0) {
        problems.add("maxScale = " + maxScale + ": must be >= 0 (0 = no limit)");
      }
      if (maxScale > 0 && minScale > maxScale) {
        problems.add("minScale = " + minScale + ": must be <= maxScale (" + maxScale + ")");
      }
      if (initialScale < 0) {
        problems.add("initialScale = " + initialScale + ": must be >= 0");
      }
      if (activationScale < 1) {
        problems.add("activationScale = " + activationScale + ": must be >= 1");
      }
      if (scaleToZeroGracePeriod.isNegative()) {
        problems.add("scaleToZeroGracePeriod = " + scaleToZeroGracePeriod + ": must be >= 0");
      }
      if (tickInterval.isZero() || tickInterval.isNegative()) {
        problems.add("tickInterval = " + tickInterval + ": must be > 0");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "impossible autoscaler settings:\n  " + String.join("\n  ", problems));
      }
      return new AutoscalerSettings(this);
    }
  }
}
