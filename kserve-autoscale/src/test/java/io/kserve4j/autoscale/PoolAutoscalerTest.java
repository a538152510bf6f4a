package io.kserve4j.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolAutoscalerTest {
  private static final Duration WAIT = Duration.ofMinutes(5);

  private final VirtualTime time = new VirtualTime(0);
  private final ReplicaPoolTest.Factory factory = new ReplicaPoolTest.Factory();

  private record Setup(ReplicaPool<ReplicaPoolTest.Fake> pool, PoolAutoscaler autoscaler) {}

  private Setup setUp(AutoscalerSettings settings) {
    PoolAutoscaler[] holder = new PoolAutoscaler[1];
    ReplicaPool<ReplicaPoolTest.Fake> pool =
        ReplicaPool.builder("iris", factory)
            .scheduler(time)
            .onDemandAtZero(() -> holder[0].demandAtZero())
            .build();
    holder[0] = new PoolAutoscaler("iris", pool, settings, time, time);
    holder[0].start();
    time.runPending();
    return new Setup(pool, holder[0]);
  }

  @Test
  void idle_goesToZero_afterStableWindowPlusGrace_thenScalesBackOnDemand() {
    Setup s = setUp(AutoscalerSettings.builder().minScale(0).build());
    assertThat(s.pool().readyReplicas()).isEqualTo(1);
    ReplicaPool.Replica<ReplicaPoolTest.Fake> r = s.pool().acquire(WAIT);
    time.advance(Duration.ofSeconds(5));
    s.pool().release(r, null);

    time.advance(Duration.ofSeconds(80));
    assertThat(s.pool().readyReplicas()).isEqualTo(1);
    time.advance(Duration.ofSeconds(20));
    assertThat(s.pool().readyReplicas()).isZero();
    assertThat(factory.all.get(0).closed).isTrue();

    // The next request waits in the activator and pokes the autoscaler.
    var waiting = s.pool().acquireAsync(WAIT);
    assertThat(waiting).isNotDone();
    time.runPending();
    assertThat(waiting).isCompleted();
    assertThat(s.pool().readyReplicas()).isEqualTo(1);
    s.pool().release(waiting.join(), null);
  }

  @Test
  void load_scalesUp_withinMaxReplicas() {
    Setup s = setUp(AutoscalerSettings.builder().minScale(1).maxScale(4).target(10).build());
    List<ReplicaPool.Replica<ReplicaPoolTest.Fake>> held = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      held.add(s.pool().acquire(WAIT));
    }
    time.advance(Duration.ofSeconds(10));
    assertThat(s.pool().readyReplicas()).isEqualTo(4);
    assertThat(java.util.Objects.requireNonNull(s.autoscaler().lastDecision()).panicking())
        .isTrue();
    assertThat(s.autoscaler().limitNote()).isEqualTo("maxReplicas (4) reached");
    held.forEach(r -> s.pool().release(r, null));
  }
}
