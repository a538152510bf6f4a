package io.kserve4j.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler against an independent oracle on a virtual clock: the same traces, the same
 * observed readiness, and the desired-replica sequences must be equal, decision for decision.
 */
class KpaAutoscalerTest {
  private static final long S = 1_000_000_000L;

  /** What a trace produced: the desired replicas at each 2 s tick, and panic flags. */
  private record Run(List<Integer> desired, List<Integer> oracle, List<Boolean> panics) {}

  /**
   * Drives both for {@code seconds}: each second records the load (concurrency) at that second;
   * every tick decides; replicas become ready {@code readyLagTicks} ticks after being wanted.
   */
  private static Run drive(
      AutoscalerSettings s, int seconds, LongToDoubleFunction load, int readyLagTicks) {
    long t0 = 1_000 * S;
    int replicas = s.initialScale();
    KpaAutoscaler kpa = new KpaAutoscaler(s, t0, replicas);
    KpaOracle oracle = new KpaOracle(s, t0 / S, replicas);
    List<Integer> desired = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    List<Boolean> panics = new ArrayList<>();
    List<Integer> pipeline = new ArrayList<>();
    int ready = replicas;
    for (int sec = 0; sec < seconds; sec++) {
      long now = t0 + sec * S;
      double value = load.applyAsDouble(sec);
      kpa.record(now, value);
      oracle.observe(now, value);
      if (sec % 2 == 1) {
        long tick = now + S / 2;
        ScaleDecision d = kpa.decide(tick, ready, replicas);
        int o = oracle.decide(tick, ready, replicas);
        desired.add(d.desiredReplicas());
        expected.add(o);
        panics.add(d.panicking());
        replicas = d.desiredReplicas();
        pipeline.add(replicas);
        ready =
            pipeline.size() > readyLagTicks
                ? pipeline.get(pipeline.size() - 1 - readyLagTicks)
                : ready;
        ready = Math.min(ready, replicas);
      }
    }
    return new Run(desired, expected, panics);
  }

  @Test
  void stepLoad_matchesTheOracle_andSettlesAtCeilLoadOverTarget() {
    AutoscalerSettings s = AutoscalerSettings.ofDefaults();
    Run r = drive(s, 240, sec -> sec < 20 ? 10 : 700, 1);
    assertThat(r.desired()).isEqualTo(r.oracle());
    // 700 concurrent / 70 per replica = 10 replicas once the stable window is full.
    assertThat(r.desired().get(r.desired().size() - 1)).isEqualTo(10);
    assertThat(r.panics()).contains(true);
  }

  @Test
  void ramp_matchesTheOracle() {
    AutoscalerSettings s = AutoscalerSettings.builder().minScale(1).build();
    Run r = drive(s, 300, sec -> sec * 3.0, 2);
    assertThat(r.desired()).isEqualTo(r.oracle());
    assertThat(r.desired().get(r.desired().size() - 1))
        .isGreaterThanOrEqualTo((int) Math.ceil(897 / 70.0) - 2);
  }

  @Test
  void burst_panics_ratchets_andOnlyScalesDownAfterAStableWindowBelowThreshold() {
    AutoscalerSettings s = AutoscalerSettings.ofDefaults();
    Run r = drive(s, 300, sec -> sec >= 30 && sec < 36 ? 2000 : 5, 0);
    assertThat(r.desired()).isEqualTo(r.oracle());
    int burstTick = 16; // second 33
    assertThat(r.panics().get(burstTick)).isTrue();
    int peak = r.desired().stream().mapToInt(Integer::intValue).max().orElseThrow();
    // No scale-down while panicking: the peak holds until the panic ends.
    int peakAt = r.desired().indexOf(peak);
    for (int i = peakAt; i < r.panics().size() && r.panics().get(i); i++) {
      assertThat(r.desired().get(i)).isEqualTo(peak);
    }
    assertThat(r.panics().get(r.panics().size() - 1)).isFalse();
  }

  @Test
  void idleToZero_afterTheStableWindowAndTheGracePeriod() {
    AutoscalerSettings s = AutoscalerSettings.ofDefaults();
    Run r = drive(s, 200, sec -> sec < 10 ? 20 : 0, 0);
    assertThat(r.desired()).isEqualTo(r.oracle());
    int firstZeroTick = r.desired().indexOf(0);
    // Load stops at second 10; the stable average reaches 0 at second 69; zero 30 s later.
    int firstZeroSecond = firstZeroTick * 2 + 1;
    assertThat(firstZeroSecond).isBetween(10 + 60 + 30 - 2, 10 + 60 + 30 + 2);
    assertThat(r.desired().subList(firstZeroTick, r.desired().size())).containsOnly(0);
  }

  @Test
  void flap_matchesTheOracle_withBoundsAndActivationScale() {
    AutoscalerSettings s =
        AutoscalerSettings.builder().minScale(0).maxScale(6).activationScale(2).target(10).build();
    Run r = drive(s, 400, sec -> (sec / 15) % 2 == 0 ? 55 : 0, 1);
    assertThat(r.desired()).isEqualTo(r.oracle());
    assertThat(r.desired()).allMatch(d -> d <= 6);
  }

  @Test
  void rps_withContainerConcurrency_andInitialScale_matchesTheOracle() {
    AutoscalerSettings s =
        AutoscalerSettings.builder().metric(ScaleMetric.RPS).target(50).initialScale(3).build();
    Run r = drive(s, 200, sec -> 120, 3);
    assertThat(r.desired()).isEqualTo(r.oracle());
    // 120 rps / (50 x 0.7) per replica = 4 replicas; never below the initial 3 on the way.
    assertThat(r.desired()).allMatch(d -> d >= 3);
    assertThat(r.desired().get(r.desired().size() - 1)).isEqualTo(4);
  }

  @Test
  void newAutoscalerWithSeveralReplicas_startsInPanic_soNoImmediateScaleDown() {
    KpaAutoscaler kpa = new KpaAutoscaler(AutoscalerSettings.ofDefaults(), 0, 5);
    kpa.record(0, 1);
    ScaleDecision d = kpa.decide(S, 5, 5);
    assertThat(d.panicking()).isTrue();
    assertThat(d.desiredReplicas()).isEqualTo(5);
  }

  @Test
  void excessBurstCapacity_isNegativeBelowThreeReplicas_atKnativeDefaults() {
    KpaAutoscaler kpa = new KpaAutoscaler(AutoscalerSettings.ofDefaults(), 0, 1);
    kpa.record(0, 10);
    // The panic average at 1 s: 10 recorded over the 2 seconds seen so far = 5.
    ScaleDecision two = kpa.decide(S, 2, 2);
    assertThat(two.panicValue()).isEqualTo(5.0);
    assertThat(two.excessBurstCapacity()).isEqualTo(200 - 211 - 5);
    assertThat(kpa.decide(S, 3, 3).excessBurstCapacity()).isEqualTo(300 - 211 - 5);
  }

  @Test
  void target_followsKnativesResolution() {
    assertThat(AutoscalerSettings.ofDefaults().target()).isEqualTo(70.0);
    assertThat(AutoscalerSettings.builder().containerConcurrency(10).build().target())
        .isEqualTo(7.0);
    assertThat(
            AutoscalerSettings.builder().containerConcurrency(10).target(50).build().totalTarget())
        .isEqualTo(10.0);
    assertThat(AutoscalerSettings.builder().metric(ScaleMetric.RPS).build().target())
        .isEqualTo(140.0);
    assertThat(AutoscalerSettings.ofDefaults().panicWindow()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void impossibleSettings_areListedTogether() {
    assertThatThrownBy(
            () ->
                AutoscalerSettings.builder()
                    .minScale(5)
                    .maxScale(2)
                    .stableWindow(Duration.ofSeconds(3))
                    .maxScaleDownRate(1)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "impossible autoscaler settings:\n"
                + "  stableWindow = PT3S: must be whole seconds from 6s to 1h\n"
                + "  maxScaleDownRate = 1.0: must be > 1\n"
                + "  minScale = 5: must be <= maxScale (2)");
  }
}
