package io.kserve4j.autoscale;

/**
 * A sliding window of 1-second buckets, as Knative keeps its metrics: values recorded in the same
 * second add up in one bucket, and the window average divides the sum of the buckets inside the
 * window by the number of seconds the window has seen data for (at most its length), so that a
 * fresh window is not diluted by seconds before its first value. Not thread-safe.
 */
public final class MetricWindow {
  private static final long SECOND = 1_000_000_000L;

  private final double[] buckets;
  private final long[] bucketSecond;
  private long firstSecond = Long.MIN_VALUE;
  private long lastSecond = Long.MIN_VALUE;

  /**
   * A window of {@code seconds} buckets.
   *
   * @throws IllegalArgumentException if {@code seconds < 1}
   */
  public MetricWindow(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("window = " + seconds + "s: must be >= 1s");
    }
    buckets = new double[seconds];
    bucketSecond = new long[seconds];
    java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
  }

  /** The window's length in seconds. */
  public int seconds() {
    return buckets.length;
  }

  /** Adds {@code value} to the bucket of the second {@code nanoTime} falls in. */
  public void record(long nanoTime, double value) {
    long second = Math.floorDiv(nanoTime, SECOND);
    int i = (int) Math.floorMod(second, (long) buckets.length);
    if (bucketSecond[i] != second) {
      bucketSecond[i] = second;
      buckets[i] = 0;
    }
    buckets[i] += value;
    if (firstSecond == Long.MIN_VALUE) {
      firstSecond = second;
    }
    if (second > lastSecond) {
      lastSecond = second;
    }
  }

  /**
   * The average per second over the window ending at {@code nanoTime}: 0 when nothing was recorded
   * within the window.
   */
  public double average(long nanoTime) {
    long now = Math.floorDiv(nanoTime, SECOND);
    int n = buckets.length;
    if (firstSecond == Long.MIN_VALUE || now - lastSecond >= n) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      long s = bucketSecond[i];
      if (s > now - n && s <= now) {
        sum += buckets[i];
      }
    }
    long seen = Math.min(now - firstSecond + 1, n);
    return sum / Math.max(1, seen);
  }
}
