package io.kserve4j.autoscale;

import java.util.TreeMap;

/**
 * An independent re-computation of Knative's KPA rule for tests, written from KNATIVE-KPA.md rather
 * than from {@link KpaAutoscaler}: it keeps the whole history per second and recomputes every
 * average from scratch.
 */
final class KpaOracle {
  private final AutoscalerSettings s;
  private final TreeMap<Long, Double> history = new TreeMap<>();
  private @org.jspecify.annotations.Nullable Long panicStartedOrRefreshed;
  private int ratchet;
  private @org.jspecify.annotations.Nullable Long zeroFirstSeen;
  private @org.jspecify.annotations.Nullable Long activeFrom;
  private boolean reachedInitial;

  KpaOracle(AutoscalerSettings s, long startSecond, int ready) {
    this.s = s;
    this.reachedInitial = s.initialScale() <= 1 || ready >= s.initialScale();
    if (ready > 0) {
      activeFrom = startSecond * 1_000_000_000L;
    }
    if (ready > 1) {
      panicStartedOrRefreshed = startSecond * 1_000_000_000L;
      ratchet = ready;
    }
  }

  void observe(long nanos, double value) {
    history.merge(Math.floorDiv(nanos, 1_000_000_000L), value, Double::sum);
  }

  private double windowAverage(long nowSecond, long windowSeconds) {
    if (history.isEmpty()) {
      return 0;
    }
    long last = history.lastKey();
    if (nowSecond - last >= windowSeconds) {
      return 0;
    }
    double sum = 0;
    for (var e : history.subMap(nowSecond - windowSeconds + 1, true, nowSecond, true).entrySet()) {
      sum += e.getValue();
    }
    long seen = Math.min(nowSecond - history.firstKey() + 1, windowSeconds);
    return sum / seen;
  }

  int decide(long nanos, int readyPods, int current) {
    long sec = Math.floorDiv(nanos, 1_000_000_000L);
    double stableObs = windowAverage(sec, s.stableWindow().toSeconds());
    double panicObs = windowAverage(sec, s.panicWindow().toSeconds());
    int ready = Math.max(1, readyPods);
    double target = Math.max(0.01, s.totalTarget() * s.targetUtilization());
    long dspc = (long) Math.ceil(stableObs / target);
    long dppc = (long) Math.ceil(panicObs / target);
    long up = (long) Math.ceil(s.maxScaleUpRate() * ready);
    long down = (long) Math.floor(ready / s.maxScaleDownRate());
    long stableWant = Math.max(down, Math.min(up, dspc));
    long panicWant = Math.max(down, Math.min(up, dppc));
    if (s.activationScale() > 1) {
      if (dspc > 0) {
        stableWant = Math.max(stableWant, s.activationScale());
      }
      if (dppc > 0) {
        panicWant = Math.max(panicWant, s.activationScale());
      }
    }
    boolean over = (double) dppc / ready >= s.panicThreshold();
    if (over) {
      panicStartedOrRefreshed = nanos;
    } else if (panicStartedOrRefreshed != null
        && panicStartedOrRefreshed + s.stableWindow().toNanos() < nanos) {
      panicStartedOrRefreshed = null;
      ratchet = 0;
    }
    long want = stableWant;
    if (panicStartedOrRefreshed != null) {
      want = Math.max(want, panicWant);
      ratchet = (int) Math.max(ratchet, want);
      want = ratchet;
    }
    // scale to zero: active for a stable window first (at most 1 until then), then the grace period
    if (current == 0) {
      activeFrom = null;
    } else if (activeFrom == null) {
      activeFrom = nanos;
    }
    if (want == 0 && s.minScale() == 0) {
      if (current == 0) {
        want = 0;
      } else if (nanos - java.util.Objects.requireNonNull(activeFrom)
          < s.stableWindow().toNanos()) {
        zeroFirstSeen = null;
        want = 1;
      } else {
        if (zeroFirstSeen == null) {
          zeroFirstSeen = nanos;
        }
        want = nanos - zeroFirstSeen >= s.scaleToZeroGracePeriod().toNanos() ? 0 : current;
      }
    } else {
      zeroFirstSeen = null;
    }
    int min = s.minScale();
    if (!reachedInitial) {
      if (readyPods >= s.initialScale()) {
        reachedInitial = true;
      } else {
        min = Math.max(min, s.initialScale());
      }
    }
    want = Math.max(want, min);
    if (s.maxScale() > 0) {
      want = Math.min(want, s.maxScale());
    }
    return (int) want;
  }
}
