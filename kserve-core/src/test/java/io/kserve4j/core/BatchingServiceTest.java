package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The batcher in a service: requests stacked along the first dimension into one model call, the
 * answer split back to each caller with its own id and outputs; bad requests fail alone.
 */
class BatchingServiceTest {
  private final VirtualTime time = new VirtualTime(0);
  private final List<long[]> calls = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** y = x * 10 per row, [N, 2] in; a class-label output [3] that is not per row. */
  private InferenceService service(int maxBatchSize) {
    Predictor p =
        Predictor.function(
                request -> {
                  Tensor x = request.input("x");
                  calls.add(x.shape());
                  gate.await();
                  float[] v = x.asFloats();
                  float[] y = new float[v.length];
                  for (int i = 0; i < v.length; i++) {
                    y[i] = v[i] * 10;
                  }
                  return InferResponse.of(
                      "m",
                      List.of(
                          Tensor.of("y", y, x.shape()),
                          Tensor.of("labels", new long[] {6, 7, 8, 9}, 4)));
                },
                List.of(TensorMetadata.of("x", DataType.FP32, -1, 2)),
                List.of(TensorMetadata.of("y", DataType.FP32, -1, 2)))
            .withComponent(
                ComponentExtensionSpec.builder()
                    .containerConcurrency(1L)
                    .batcher(new BatcherSpec(maxBatchSize, 50, null))
                    .build());
    return InferenceService.builder().name("m").predictor(p).clock(time).scheduler(time).build();
  }

  private static InferRequest rows(String id, float... values) {
    return InferRequest.builder()
        .id(id)
        .input(Tensor.of("x", values, values.length / 2, 2))
        .build();
  }

  @Test
  void whileTheReplicaIsBusy_requestsStackIntoOneCall_andEachGetsItsRowsAndId()
      throws InterruptedException {
    try (InferenceService s = service(32)) {
      gate = new CountDownLatch(1);
      CompletableFuture<InferResponse> first =
          CompletableFuture.supplyAsync(() -> s.predict(rows("a", 1, 2)));
      while (calls.isEmpty()) {
        Thread.onSpinWait();
      }
      List<CompletableFuture<InferResponse>> queued = new ArrayList<>();
      queued.add(s.predictAsync(rows("b", 3, 4)));
      queued.add(s.predictAsync(rows("c", 5, 6, 7, 8)));
      while (s.status().queued() < 2) {
        Thread.onSpinWait();
      }
      gate.countDown();
      first.join();
      for (CompletableFuture<InferResponse> f : queued) {
        while (!f.isDone()) {
          time.runPending();
          Thread.onSpinWait();
        }
      }
      // One call for "a", one stacked call of 3 rows for "b" and "c".
      assertThat(calls).hasSize(2);
      assertThat(calls.get(1)).containsExactly(3, 2);
      InferResponse b = queued.get(0).join();
      InferResponse c = queued.get(1).join();
      assertThat(b.id()).isEqualTo("b");
      assertThat(b.output("y").shape()).containsExactly(1, 2);
      assertThat(b.output("y").asFloats()).containsExactly(30f, 40f);
      assertThat(c.id()).isEqualTo("c");
      assertThat(c.output("y").asFloats()).containsExactly(50f, 60f, 70f, 80f);
      // An output that is not per row goes to every caller whole.
      assertThat(c.output("labels").asLongs()).containsExactly(6, 7, 8, 9);
    }
  }

  @Test
  void aLoneRequest_isNotHeldForMaxLatency() {
    try (InferenceService s = service(32)) {
      InferResponse r = s.predict(rows("solo", 1, 1));
      assertThat(r.output("y").asFloats()).containsExactly(10f, 10f);
      assertThat(calls).hasSize(1);
    }
  }

  @Test
  void aBadRequest_failsAloneBeforeJoiningABatch_andTheNextGoodOneAnswers() {
    try (InferenceService s = service(32)) {
      assertThatThrownBy(
              () -> s.predict(InferRequest.of(Tensor.of("x", new float[] {1, 2, 3}, 1, 3))))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(400))
          .hasMessage("model 'm': input 'x': expected FP32 [-1, 2], got FP32 [1, 3]");
      assertThat(calls).isEmpty();
      assertThat(s.predict(rows("ok", 2, 3)).output("y").asFloats()).containsExactly(20f, 30f);
    }
  }

  @Test
  void batchOverTheBatcherTimeout_fails504() throws InterruptedException {
    Predictor slow =
        Predictor.function(
                request -> {
                  gate.await();
                  return InferResponse.of("m", request.inputs());
                })
            .withComponent(
                ComponentExtensionSpec.builder().batcher(new BatcherSpec(4, 50, 2)).build());
    gate = new CountDownLatch(1);
    try (InferenceService s =
        InferenceService.builder()
            .name("slow")
            .predictor(slow)
            .clock(time)
            .scheduler(time)
            .build()) {
      CompletableFuture<InferResponse> f =
          CompletableFuture.supplyAsync(() -> s.predict(rows("t", 1, 2)));
      while (s.status().inFlight() == 0) {
        Thread.onSpinWait();
      }
      time.advance(Duration.ofSeconds(2)); // the batch's callers fail now
      gate.countDown(); // the model returns later; its answer is dropped
      assertThatThrownBy(f::join)
          .hasCauseInstanceOf(InferenceException.class)
          .satisfies(
              e -> assertThat(((InferenceException) e.getCause()).httpStatus()).isEqualTo(504))
          .hasMessageContaining("ran longer than the batcher timeout of 2000 ms");
    }
  }
}
