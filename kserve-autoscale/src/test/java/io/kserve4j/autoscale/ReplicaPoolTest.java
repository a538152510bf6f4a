package io.kserve4j.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicaPoolTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A replica that remembers whether it was closed. */
  static final class Fake {
    final int n;
    volatile boolean closed;
    volatile boolean alive = true;

    Fake(int n) {
      this.n = n;
    }
  }

  /** Makes fakes; can be told to fail. */
  static final class Factory implements ReplicaPool.Factory<Fake> {
    final AtomicInteger made = new AtomicInteger();
    final List<Fake> all = new CopyOnWriteArrayList<>();
    volatile boolean fail;

    @Override
    public Fake create() {
      if (fail) {
        throw new IllegalStateException("model file is corrupt");
      }
      Fake f = new Fake(made.incrementAndGet());
      all.add(f);
      return f;
    }

    @Override
    public void close(Fake replica) {
      replica.closed = true;
    }
  }

  private final VirtualTime time = new VirtualTime(0);
  private final Factory factory = new Factory();

  private ReplicaPool.Builder<Fake> pool() {
    return ReplicaPool.builder("model", factory).scheduler(time);
  }

  @Test
  void freeSlot_isTakenWithoutWaiting_andUnlimitedConcurrencyNeverQueues() {
    ReplicaPool<Fake> p = pool().build();
    p.scaleTo(1);
    time.runPending();
    List<ReplicaPool.Replica<Fake>> leases = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      leases.add(p.acquire(WAIT));
    }
    assertThat(p.status().inFlight()).isEqualTo(100);
    assertThat(p.status().queued()).isZero();
    leases.forEach(l -> p.release(l, null));
    assertThat(p.concurrency()).isZero();
    assertThat(p.requestCount()).isEqualTo(100);
  }

  @Test
  void busySlots_queueFifo_andAFreedSlotGoesToTheOldestWaiter() {
    ReplicaPool<Fake> p = pool().containerConcurrency(1).build();
    p.scaleTo(1);
    time.runPending();
    ReplicaPool.Replica<Fake> first = p.acquire(WAIT);
    CompletableFuture<ReplicaPool.Replica<Fake>> second = p.acquireAsync(WAIT);
    CompletableFuture<ReplicaPool.Replica<Fake>> third = p.acquireAsync(WAIT);
    assertThat(second).isNotDone();
    assertThat(p.status().queued()).isEqualTo(2);

    p.release(first, null);
    assertThat(second).isCompleted();
    assertThat(third).isNotDone();
    // A newcomer does not overtake the waiter.
    CompletableFuture<ReplicaPool.Replica<Fake>> fourth = p.acquireAsync(WAIT);
    p.release(second.join(), null);
    assertThat(third).isCompleted();
    assertThat(fourth).isNotDone();
    p.release(third.join(), null);
    assertThat(fourth).isCompleted();
    p.release(fourth.join(), null);
    assertThat(p.status().inFlight()).isZero();
  }

  @Test
  void fullQueue_rejectsAtOnce_namingTheLimit_andNothingElseIsDisturbed() {
    ReplicaPool<Fake> p =
        pool()
            .containerConcurrency(1)
            .queueCapacity(2)
            .limitNote(() -> "maxReplicas (1) reached")
            .build();
    p.scaleTo(1);
    time.runPending();
    ReplicaPool.Replica<Fake> busy = p.acquire(WAIT);
    CompletableFuture<ReplicaPool.Replica<Fake>> a = p.acquireAsync(WAIT);
    CompletableFuture<ReplicaPool.Replica<Fake>> b = p.acquireAsync(WAIT);
    assertThatThrownBy(() -> p.acquire(WAIT))
        .isInstanceOf(PoolRejectedException.class)
        .hasMessage(
            "model: the activator queue of 2 requests is full with every slot of 1 replica(s) busy"
                + " (containerConcurrency 1); maxReplicas (1) reached")
        .satisfies(
            e ->
                assertThat(((PoolRejectedException) e).reason())
                    .isEqualTo(PoolRejectedException.Reason.QUEUE_FULL))
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    p.release(busy, null);
    p.release(a.join(), null);
    p.release(b.join(), null);
    assertThat(p.status().queued()).isZero();
  }

  @Test
  void atZeroReplicas_requestsWait_theDemandListenerFires_andAllAreServedWhenAReplicaIsReady() {
    AtomicInteger pokes = new AtomicInteger();
    ReplicaPool<Fake>[] holder = new ReplicaPool[1];
    ReplicaPool<Fake> p =
        pool()
            .onDemandAtZero(
                () -> {
                  pokes.incrementAndGet();
                  holder[0].scaleTo(1);
                })
            .build();
    holder[0] = p;
    List<CompletableFuture<ReplicaPool.Replica<Fake>>> waiting = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      waiting.add(p.acquireAsync(WAIT));
    }
    assertThat(pokes.get()).isEqualTo(64);
    assertThat(waiting).noneMatch(CompletableFuture::isDone);
    assertThat(p.status().queued()).isEqualTo(64);

    time.runPending(); // the replica finishes loading

    assertThat(waiting).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(factory.made.get()).isEqualTo(1);
    waiting.forEach(f -> p.release(f.join(), null));
  }

  @Test
  void waitTimesOut_onTheInjectedClock() {
    ReplicaPool<Fake> p = pool().build();
    CompletableFuture<ReplicaPool.Replica<Fake>> f = p.acquireAsync(Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(4));
    assertThat(f).isNotDone();
    time.advance(Duration.ofSeconds(1));
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join)
        .hasCauseInstanceOf(PoolRejectedException.class)
        .hasMessageContaining("model: no replica became free within 5000 ms");
    assertThat(p.status().queued()).isZero();
  }

  @Test
  void scaleDown_drainsTheReplica_whichClosesOnlyAfterItsLastRequest() {
    ReplicaPool<Fake> p = pool().build();
    p.scaleTo(2);
    time.runPending();
    ReplicaPool.Replica<Fake> a = p.acquire(WAIT);
    ReplicaPool.Replica<Fake> b = p.acquire(WAIT);
    while (b == a) {
      p.release(b, null);
      b = p.acquire(WAIT);
    }
    p.scaleTo(1);
    PoolStatus s = p.status();
    assertThat(s.ready()).isEqualTo(1);
    assertThat(s.draining()).isEqualTo(1);
    assertThat(factory.all).noneMatch(f -> f.closed);
    p.release(a, null);
    p.release(b, null);
    assertThat(factory.all.stream().filter(f -> f.closed).count()).isEqualTo(1);
    assertThat(p.status().draining()).isZero();
  }

  @Test
  void replicaFailingNTimesInARow_isReplaced_andClosedWhenIdle() {
    ReplicaPool<Fake> p =
        pool()
            .failureThreshold(3)
            .countsAsFailure(t -> !(t instanceof IllegalArgumentException))
            .build();
    p.scaleTo(1);
    time.runPending();
    ReplicaPool.Replica<Fake> r = p.acquire(WAIT);
    // Bad input does not count; a success resets the count.
    p.release(r, new IllegalArgumentException("bad input"));
    p.release(p.acquire(WAIT), new IllegalStateException("crash"));
    p.release(p.acquire(WAIT), null);
    for (int i = 0; i < 3; i++) {
      p.release(p.acquire(WAIT), new IllegalStateException("crash"));
    }
    assertThat(p.status().replaced()).isEqualTo(1);
    time.runPending();
    assertThat(factory.made.get()).isEqualTo(2);
    assertThat(factory.all.get(0).closed).isTrue();
    assertThat(p.acquire(WAIT).get().n).isEqualTo(2);
  }

  @Test
  void deadReplica_isReplacedAtItsFirstCountedFailure() {
    ReplicaPool<Fake> p = pool().failureThreshold(100).isAlive(f -> f.alive).build();
    p.scaleTo(1);
    time.runPending();
    ReplicaPool.Replica<Fake> r = p.acquire(WAIT);
    r.get().alive = false;
    p.release(r, new IllegalStateException("session died"));
    time.runPending();
    assertThat(p.status().replaced()).isEqualTo(1);
    assertThat(p.acquire(WAIT).get().n).isEqualTo(2);
  }

  @Test
  void replicaThatCannotStart_rejectsTheWaiters() {
    factory.fail = true;
    ReplicaPool<Fake> p = pool().build();
    CompletableFuture<ReplicaPool.Replica<Fake>> f = p.acquireAsync(WAIT);
    p.scaleTo(1);
    time.runPending();
    assertThatThrownBy(f::join)
        .hasCauseInstanceOf(PoolRejectedException.class)
        .hasMessageContaining(
            "model: no replica could be started: java.lang.IllegalStateException: model file is corrupt");
    assertThat(p.status().startFailures()).isEqualTo(1);
  }

  @Test
  void close_rejectsWaiters_andClosesReplicasOnceIdle() {
    ReplicaPool<Fake> p = pool().containerConcurrency(1).build();
    p.scaleTo(1);
    time.runPending();
    ReplicaPool.Replica<Fake> busy = p.acquire(WAIT);
    CompletableFuture<ReplicaPool.Replica<Fake>> waiter = p.acquireAsync(WAIT);
    p.close();
    assertThatThrownBy(waiter::join)
        .hasCauseInstanceOf(PoolRejectedException.class)
        .hasMessageContaining("closed");
    assertThat(factory.all.get(0).closed).isFalse();
    p.release(busy, null);
    assertThat(factory.all.get(0).closed).isTrue();
    assertThatThrownBy(() -> p.acquire(WAIT)).hasMessage("model: the pool is closed");
  }
}
