package io.kserve4j.autoscale;

/**
 * A source of monotonic time in nanoseconds. Everything in kserve4j that depends on time
 * (autoscaling windows, batching delays, timeouts, scale to zero) reads it from a {@code Clock}, so
 * tests drive time by hand instead of sleeping.
 */
@FunctionalInterface
public interface Clock {
  /** Nanoseconds since an arbitrary origin; only differences are meaningful. */
  long nanoTime();

  /** The system's monotonic clock, {@link System#nanoTime()}. */
  static Clock system() {
    return System::nanoTime;
  }
}
