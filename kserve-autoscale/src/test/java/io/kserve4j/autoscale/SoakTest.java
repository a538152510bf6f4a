package io.kserve4j.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * 100,000 requests on a virtual clock through ramp up, panic, scale down, scale to zero and back,
 * with 1 % of runtime calls failing and one replica crashing mid-flight. Every request gets its
 * answer or a typed error (none lost, none twice), every replica created is closed, and every
 * autoscaler decision equals the independent oracle's.
 */
class SoakTest {
  private static final Duration STEP = Duration.ofMillis(10);
  private static final Duration SERVICE_TIME = Duration.ofMillis(50);

  private final VirtualTime time = new VirtualTime(0);
  private final ReplicaPoolTest.Factory factory = new ReplicaPoolTest.Factory();
  private final SplittableRandom random = new SplittableRandom(7);

  private int answered;
  private int failed;
  private int rejected;
  private int crashedInFlight;
  private byte[] outcomes = new byte[0];

  /** Requests per second at second {@code s}. */
  private static double rate(double s) {
    if (s < 60) {
      return 10 + (800 - 10) * s / 60; // ramp
    }
    if (s < 80) {
      return 2000; // burst: panic
    }
    if (s < 140) {
      return 300; // calmer: scale down after the panic
    }
    if (s < 300) {
      return 0; // idle: to zero
    }
    if (s < 340) {
      return 450; // back from zero
    }
    return 0;
  }

  private void done(int id, int outcome) {
    assertThat(outcomes[id]).as("request %d completed twice", id).isZero();
    outcomes[id] = (byte) outcome;
  }

  @Test
  void hundredThousandRequests_noneLostNoneTwice_noLeaks_decisionsMatchTheOracle() {
    AutoscalerSettings settings =
        AutoscalerSettings.builder().minScale(0).maxScale(30).target(10).build();
    PoolAutoscaler[] holder = new PoolAutoscaler[1];
    ReplicaPool<ReplicaPoolTest.Fake> pool =
        ReplicaPool.builder("soak", factory)
            .scheduler(time)
            .failureThreshold(3)
            .isAlive(f -> f.alive)
            .onDemandAtZero(() -> holder[0].demandAtZero())
            .limitNote(() -> holder[0].limitNote())
            .build();
    PoolAutoscaler autoscaler = new PoolAutoscaler("soak", pool, settings, time, time);
    holder[0] = autoscaler;

    KpaOracle oracle = new KpaOracle(settings, 0, 0);
    List<int[]> mismatches = new ArrayList<>();
    int[] decisions = new int[1];
    int[] lastApplied = new int[1];
    boolean[] phases = new boolean[3]; // panicked, reached zero, came back from zero
    autoscaler.listener(
        new PoolAutoscaler.Listener() {
          @Override
          public void recorded(long nanoTime, double value) {
            oracle.observe(nanoTime, value);
          }

          @Override
          public void decided(long nanoTime, int ready, int current, ScaleDecision d, int applied) {
            int expected = oracle.decide(nanoTime, ready, current);
            decisions[0]++;
            lastApplied[0] = applied;
            phases[0] |= d.panicking();
            if (applied == 0 && ready == 0) {
              phases[1] = true;
            } else if (phases[1] && applied > 0) {
              phases[2] = true;
            }
            if (applied
                != Math.max(expected, applied == settings.activationScale() ? applied : expected)) {
              mismatches.add(new int[] {(int) (nanoTime / 1_000_000_000L), expected, applied});
            }
          }
        });
    autoscaler.start();
    time.runPending();

    int total = 100_000;
    outcomes = new byte[total];
    int issued = 0;
    double owed = 0;
    boolean crashed = false;
    long steps = Duration.ofSeconds(400).dividedBy(STEP);
    for (long step = 0; step < steps && issued < total; step++) {
      double second = step * STEP.toMillis() / 1000.0;
      owed += rate(second) * STEP.toMillis() / 1000.0;
      while (owed >= 1 && issued < total) {
        owed -= 1;
        int id = issued++;
        CompletableFuture<ReplicaPool.Replica<ReplicaPoolTest.Fake>> slot;
        try {
          slot = pool.acquireAsync(Duration.ofSeconds(30));
        } catch (PoolRejectedException e) {
          rejected++;
          done(id, 3);
          continue;
        }
        slot.whenComplete(
            (replica, error) -> {
              if (error != null) {
                rejected++;
                done(id, 3);
                return;
              }
              time.schedule(() -> finish(pool, replica, id), SERVICE_TIME);
            });
      }
      if (!crashed && second >= 70) {
        // One replica crashes mid-flight: its running requests fail, and it is replaced.
        crashed = true;
        factory.all.stream().filter(f -> !f.closed).findFirst().ifPresent(f -> f.alive = false);
      }
      time.advance(STEP);
    }
    time.advance(Duration.ofSeconds(60)); // let everything finish
    assertThat(issued).isEqualTo(total);

    // 0 lost, 0 duplicated: every request has exactly one outcome.
    int none = 0;
    for (byte o : outcomes) {
      if (o == 0) {
        none++;
      }
    }
    assertThat(none).as("requests without an outcome").isZero();
    assertThat(answered + failed + rejected).isEqualTo(total);
    assertThat(failed).isBetween(500, 2_000);
    assertThat(crashedInFlight).isPositive();
    assertThat(pool.status().replaced()).isGreaterThanOrEqualTo(1);

    // The autoscaler went through panic, down to zero and back.
    assertThat(mismatches).as("decisions different from the oracle's").isEmpty();
    assertThat(decisions[0]).isGreaterThan(150);
    assertThat(phases).as("panicked, reached zero, came back").containsExactly(true, true, true);

    // No session leaks: every replica created is closed once the pool is.
    autoscaler.close();
    pool.close();
    time.runPending();
    assertThat(factory.all).allMatch(f -> f.closed);
    System.out.printf(
        "soak: %d answered, %d failed (typed), %d rejected, %d crashed in flight, %d replicas made,"
            + " %d decisions, final desired %d%n",
        answered,
        failed,
        rejected,
        crashedInFlight,
        factory.made.get(),
        decisions[0],
        lastApplied[0]);
  }

  private void finish(
      ReplicaPool<ReplicaPoolTest.Fake> pool, ReplicaPool.Replica<ReplicaPoolTest.Fake> r, int id) {
    if (!r.get().alive) {
      crashedInFlight++;
      failed++;
      done(id, 2);
      pool.release(r, new IllegalStateException("replica crashed"));
    } else if (random.nextInt(100) == 0) {
      failed++;
      done(id, 2);
      pool.release(r, new IllegalStateException("model failure"));
    } else {
      answered++;
      done(id, 1);
      pool.release(r, null);
    }
  }
}
