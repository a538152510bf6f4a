package io.kserve4j.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recorded trace replayed through the pool and Knative's autoscaler on virtual time. */
class SimulationTest {
  /** {@code perSecond} requests of {@code latency} each, every second from {@code from}. */
  private static List<Simulation.Request> steady(
      int from, int seconds, int perSecond, Duration latency) {
    List<Simulation.Request> trace = new ArrayList<>();
    for (int s = from; s < from + seconds; s++) {
      for (int i = 0; i < perSecond; i++) {
        trace.add(
            new Simulation.Request(Duration.ofMillis(s * 1000L + i * 1000L / perSecond), latency));
      }
    }
    return trace;
  }

  private static AutoscalerSettings oneSlot(int min) {
    return AutoscalerSettings.builder().containerConcurrency(1).minScale(min).build();
  }

  @Test
  void aSteadyLoad_needsItsConcurrencyOverTheTarget_andNobodyWaitsOnceScaled() {
    // 7 requests a second of 1 s each: concurrency 7, target 0.7 per replica -> 10 replicas.
    Simulation.Result r =
        Simulation.builder(oneSlot(1))
            .containerConcurrency(1)
            .startupTime(Duration.ofSeconds(1))
            .build()
            .run(steady(0, 120, 7, Duration.ofSeconds(1)));

    assertThat(r.requests()).isEqualTo(840);
    assertThat(r.rejected()).isZero();
    assertThat(r.timedOut()).isZero();
    Simulation.Sample middle = r.samples().get(100);
    assertThat(middle.desired()).isEqualTo(10);
    assertThat(middle.ready()).isEqualTo(10);
    assertThat(middle.queued()).isZero();
    assertThat(r.waitQuantile(0.5)).isEqualTo(Duration.ZERO);
  }

  @Test
  void aBurst_panics_queuesInTheActivator_andTheExtraLatencyShows() {
    List<Simulation.Request> trace = steady(0, 60, 1, Duration.ofSeconds(1));
    trace.addAll(steady(60, 20, 20, Duration.ofSeconds(1)));
    Simulation.Result r =
        Simulation.builder(oneSlot(1))
            .containerConcurrency(1)
            .startupTime(Duration.ofSeconds(3))
            .build()
            .run(trace);

    assertThat(r.panicSeconds()).isPositive();
    assertThat(r.maxReplicas()).isGreaterThanOrEqualTo(20);
    assertThat(r.samples().stream().mapToInt(Simulation.Sample::queued).max().orElse(0))
        .isPositive();
    assertThat(r.waited()).isPositive();
    assertThat(r.waitQuantile(0.99)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(r.rejected() + r.timedOut()).isZero();
  }

  @Test
  void idleAfterTraffic_scalesToZero_andTheNextRequestIsAColdStart() {
    List<Simulation.Request> trace = steady(0, 10, 2, Duration.ofMillis(200));
    trace.add(new Simulation.Request(Duration.ofSeconds(300), Duration.ofMillis(200)));
    Simulation.Result r =
        Simulation.builder(oneSlot(0))
            .containerConcurrency(1)
            .startupTime(Duration.ofSeconds(4))
            .build()
            .run(trace);

    assertThat(r.samples().get(250).ready()).as("idle for over a minute: zero").isZero();
    assertThat(r.coldStarts()).isGreaterThanOrEqualTo(1);
    assertThat(r.waitQuantile(1.0)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(r.rejected() + r.timedOut()).isZero();
  }

  @Test
  void aFullActivatorQueue_rejects_andATimeoutTimesOut() {
    List<Simulation.Request> trace = steady(0, 1, 50, Duration.ofSeconds(30));
    Simulation.Result r =
        Simulation.builder(AutoscalerSettings.builder().containerConcurrency(1).maxScale(1).build())
            .containerConcurrency(1)
            .queueCapacity(10)
            .timeout(Duration.ofSeconds(45))
            .build()
            .run(trace);

    // All 50 arrive in the first second, before the only replica is ready (1 s start-up): 10 wait
    // in the activator, 40 are refused. The replica runs one for 30 s, then the next (after 31 s
    // of waiting); the 8 others would wait past 45 s and time out.
    assertThat(r.rejected()).isEqualTo(40);
    assertThat(r.timedOut()).isEqualTo(8);
    assertThat(r.waitNanos()).hasSize(2);
    assertThatThrownBy(() -> new Simulation.Request(Duration.ofSeconds(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTraceStartsAtRest_minScaleReadyAtOnce_orNoneWhenItScalesToZero() {
    List<Simulation.Request> two = steady(0, 1, 2, Duration.ofMillis(100));
    Simulation warm =
        Simulation.builder(oneSlot(2))
            .containerConcurrency(1)
            .startupTime(Duration.ofSeconds(5))
            .build();
    Simulation.Result r = warm.run(two);
    assertThat(r.coldStarts()).isZero();
    assertThat(r.waited()).isZero();
    assertThat(r.samples().get(0).ready()).isEqualTo(2);

    Simulation.Result cold =
        Simulation.builder(oneSlot(0))
            .containerConcurrency(1)
            .startupTime(Duration.ofSeconds(5))
            .build()
            .run(two);
    assertThat(cold.coldStarts()).isEqualTo(2);
    assertThat(cold.waitQuantile(1.0)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void toBuilder_keepsEverySetting() {
    AutoscalerSettings s =
        AutoscalerSettings.builder()
            .metric(ScaleMetric.RPS)
            .target(40)
            .targetUtilization(0.5)
            .stableWindow(Duration.ofSeconds(90))
            .panicWindowPercentage(20)
            .panicThresholdPercentage(300)
            .maxScaleUpRate(10)
            .maxScaleDownRate(4)
            .targetBurstCapacity(-1)
            .initialScale(3)
            .minScale(2)
            .maxScale(9)
            .activationScale(2)
            .scaleToZeroGracePeriod(Duration.ofSeconds(45))
            .tickInterval(Duration.ofSeconds(1))
            .build();
    assertThat(s.toBuilder().build()).usingRecursiveComparison().isEqualTo(s);
    assertThat(s.toBuilder().build().maxScaleDownRate()).isEqualTo(4);
    assertThat(s.toBuilder().minScale(5).build().minScale()).isEqualTo(5);
  }
}
