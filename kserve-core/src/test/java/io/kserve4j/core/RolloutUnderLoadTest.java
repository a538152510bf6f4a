package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A revision switch under load, on real threads: every request is answered, by exactly one
 * revision, and the old revision drains and closes.
 */
class RolloutUnderLoadTest {
  static final AtomicInteger CLOSED_V1 = new AtomicInteger();
  static final AtomicLong CALLS = new AtomicLong();

  /** Version 1, which counts its calls and its closing. */
  public static final class CountingV1 implements ModelFunction, AutoCloseable {
    @Override
    public InferResponse predict(InferRequest request) {
      CALLS.incrementAndGet();
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {1}, 1)));
    }

    @Override
    public void close() {
      CLOSED_V1.incrementAndGet();
    }
  }

  /** Version 2, which counts its calls. */
  public static final class CountingV2 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      CALLS.incrementAndGet();
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {2}, 1)));
    }
  }

  @Test
  void updatingWhileEightThreadsPredict_losesNothing_answersEachOnce_andClosesTheOld()
      throws Exception {
    CLOSED_V1.set(0);
    CALLS.set(0);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try (InferenceService s =
        InferenceService.builder().resource(RolloutTest.spec(CountingV1.class, null)).build()) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger[] answered = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
      AtomicInteger sent = new AtomicInteger();
      CountDownLatch running = new CountDownLatch(8);
      Future<?>[] loops = new Future<?>[8];
      for (int t = 0; t < 8; t++) {
        loops[t] =
            callers.submit(
                () -> {
                  running.countDown();
                  while (!stop.get() || answered[2].get() < 1000) {
                    sent.incrementAndGet();
                    int v =
                        s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1)))
                            .output("version")
                            .asInts()[0];
                    answered[v].incrementAndGet();
                  }
                  return null;
                });
      }
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      while (answered[1].get() < 2000) {
        Thread.onSpinWait();
      }

      CompletableFuture<ServiceStatus> update = s.update(RolloutTest.spec(CountingV2.class, null));
      ServiceStatus after = update.get(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Future<?> f : loops) {
        f.get(30, TimeUnit.SECONDS); // a lost or failed request fails here
      }

      assertThat(after.latestReadyRevision()).isEqualTo("m-predictor-00002");
      assertThat(answered[1].get() + answered[2].get())
          .as("every request answered once")
          .isEqualTo(sent.get());
      assertThat(CALLS.get()).as("no request ran twice").isEqualTo(sent.get());
      assertThat(answered[2].get()).isGreaterThanOrEqualTo(1000);
      for (int i = 0; i < 3000 && CLOSED_V1.get() == 0; i++) {
        Thread.sleep(10); // the old revision closes on a scheduler thread: waiting for it
      }
      assertThat(CLOSED_V1.get()).as("the old revision closed its model").isEqualTo(1);
    } finally {
      callers.shutdownNow();
    }
  }
}
