package io.kserve4j.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatcherTest {
  private final VirtualTime time = new VirtualTime(0);
  private final List<List<String>> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch gate = new CountDownLatch(1);

  /** Upper-cases each item; "block" waits for the gate; "bad" fails. */
  private List<String> run(List<String> items) throws InterruptedException {
    batches.add(List.copyOf(items));
    List<String> out = new ArrayList<>();
    for (String s : items) {
      if (s.equals("block")) {
        gate.await();
      }
      if (s.equals("bad")) {
        throw new IllegalArgumentException("bad item");
      }
      out.add(s.toUpperCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private Batcher.Builder<String, String> batcher() {
    return Batcher.<String, String>builder("m", this::run)
        .scheduler(time)
        .maxBatchSize(4)
        .maxLatency(Duration.ofMillis(50))
        .key(s -> s.startsWith("x") ? "x" : "plain");
  }

  /** Occupies the only replica from another thread until the gate opens. */
  private Thread occupy(Batcher<String, String> b) throws InterruptedException {
    Thread t = new Thread(() -> b.call("block"));
    t.start();
    while (batches.isEmpty()) {
      Thread.onSpinWait();
    }
    return t;
  }

  @Test
  void loneRequest_runsAtOnceOnTheCallersThread_notHeldForMaxLatency() {
    Batcher<String, String> b = batcher().build();
    CompletableFuture<String> f = b.submit("a");
    assertThat(f).isCompletedWithValue("A");
    assertThat(batches).containsExactly(List.of("a"));
  }

  @Test
  void whileBusy_itemsGather_andRunTogetherWhenTheReplicaFrees() throws InterruptedException {
    Batcher<String, String> b = batcher().build();
    Thread busy = occupy(b);
    CompletableFuture<String> a = b.submit("a");
    CompletableFuture<String> c = b.submit("c");
    assertThat(b.queued()).isEqualTo(2);
    gate.countDown();
    busy.join();
    time.runPending();
    assertThat(a).isCompletedWithValue("A");
    assertThat(c).isCompletedWithValue("C");
    assertThat(batches).containsExactly(List.of("block"), List.of("a", "c"));
  }

  @Test
  void fullBatch_leavesAtOnce_andMaxLatencyBoundsTheWait() throws InterruptedException {
    Batcher<String, String> b = batcher().build();
    Thread busy = occupy(b);
    List<CompletableFuture<String>> four = new ArrayList<>();
    for (String s : new String[] {"1", "2", "3", "4"}) {
      four.add(b.submit(s)); // the 4th fills the batch; it runs on the 4th caller's thread
    }
    assertThat(four).allMatch(CompletableFuture::isDone);
    CompletableFuture<String> late = b.submit("5");
    time.advance(Duration.ofMillis(49));
    assertThat(late).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(late).isCompletedWithValue("5");
    gate.countDown();
    busy.join();
    assertThat(batches)
        .containsExactly(List.of("block"), List.of("1", "2", "3", "4"), List.of("5"));
  }

  @Test
  void itemsThatCannotStack_runInSeparateBatches() throws InterruptedException {
    Batcher<String, String> b = batcher().build();
    Thread busy = occupy(b);
    CompletableFuture<String> p = b.submit("p");
    CompletableFuture<String> x = b.submit("x1");
    time.advance(Duration.ofMillis(50));
    gate.countDown();
    busy.join();
    assertThat(p).isCompletedWithValue("P");
    assertThat(x).isCompletedWithValue("X1");
    assertThat(batches).contains(List.of("p"), List.of("x1"));
  }

  @Test
  void oneBadItem_failsAlone_andTheOthersGetTheirAnswers() throws InterruptedException {
    Batcher<String, String> b = batcher().build();
    Thread busy = occupy(b);
    CompletableFuture<String> good1 = b.submit("g");
    CompletableFuture<String> bad = b.submit("bad");
    CompletableFuture<String> good2 = b.submit("h");
    time.advance(Duration.ofMillis(50));
    assertThat(good1).isCompletedWithValue("G");
    assertThat(good2).isCompletedWithValue("H");
    assertThatThrownBy(bad::join)
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad item");
    gate.countDown();
    busy.join();
  }

  @Test
  void batchRunningLongerThanTheTimeout_failsItsCallers() throws InterruptedException {
    Batcher<String, String> b = batcher().timeout(Duration.ofSeconds(2)).build();
    CompletableFuture<CompletableFuture<String>> outer = new CompletableFuture<>();
    Thread t = new Thread(() -> outer.complete(b.submit("block")));
    t.start();
    while (batches.isEmpty()) {
      Thread.onSpinWait();
    }
    time.advance(Duration.ofSeconds(2));
    gate.countDown();
    t.join();
    assertThatThrownBy(() -> outer.join().join())
        .hasCauseInstanceOf(Batcher.BatchTimeoutException.class)
        .hasMessageContaining(
            "m: the batch of 1 request(s) ran longer than the batcher timeout of 2000 ms");
  }
}
