package io.kserve4j.jmh.autoscale;

import io.kserve4j.autoscale.AutoscalerSettings;
import io.kserve4j.autoscale.KpaAutoscaler;
import io.kserve4j.autoscale.ScaleDecision;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of one autoscaler decision with full stable (60 s) and panic (6 s) windows. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {
  private static final long S = 1_000_000_000L;
  private KpaAutoscaler kpa;
  private long now;

  /** An autoscaler with a minute of recorded load. */
  @Setup
  public void setUp() {
    kpa = new KpaAutoscaler(AutoscalerSettings.ofDefaults(), 0, 3);
    for (int s = 0; s < 120; s++) {
      kpa.record(s * S, 100 + (s % 7) * 20);
    }
    now = 120 * S;
  }

  /** One decision. */
  @Benchmark
  public ScaleDecision decide() {
    return kpa.decide(now, 3, 3);
  }
}
