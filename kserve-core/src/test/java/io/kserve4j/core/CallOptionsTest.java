package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Headers, tags and deadlines given with one call. */
class CallOptionsTest {
  private static Predictor echo() {
    return Predictor.function(request -> InferResponse.of("echo", request.inputs()));
  }

  private static InferRequest request() {
    return InferRequest.of(Tensor.of("x", new float[] {1}, 1));
  }

  @Test
  void theTransformer_seesHeadersWithCaseInsensitiveNames_whateverCaseTheCallerUsed() {
    List<Map<String, String>> seen = new ArrayList<>();
    Transformer recorder =
        new Transformer() {
          @Override
          public InferRequest preprocess(InferRequest request, Map<String, String> headers) {
            seen.add(headers);
            return request;
          }
        };
    try (InferenceService s =
        InferenceService.builder().name("echo").predictor(echo()).transformer(recorder).build()) {
      s.predict(request(), Map.of("X-Request-ID", "a"));
      s.predict(request(), CallOptions.builder().header("x-request-id", "b").build());

      assertThat(seen.get(0)).containsExactly(Map.entry("x-request-id", "a"));
      assertThat(seen.get(0).get("X-Request-Id")).isEqualTo("a");
      assertThat(seen.get(1)).containsExactly(Map.entry("x-request-id", "b"));
    }
  }

  @Test
  void aTag_withoutTagRouting_is404_sayingHowToEnableIt() {
    try (InferenceService s = InferenceService.builder().name("echo").predictor(echo()).build()) {
      assertThatThrownBy(() -> s.predict(request(), CallOptions.builder().tag("latest").build()))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessageContaining("no revision is tagged 'latest' (tags: []")
          .hasMessageContaining("serving.kserve.io/enable-tag-routing: \"true\"");
      assertThat(s.status().revisions().get(0).tags()).isEmpty();
    }
  }

  @Test
  void theLatestTag_withTagRouting_reachesTheLatestRevision() {
    try (InferenceService s = InferenceService.builder().name("echo").predictor(echo()).build()) {
      assertThat(s.status().revisions()).hasSize(1);
    }
    var resource =
        io.kserve4j.core.spec.KServeYaml.read(
                "apiVersion: serving.kserve.io/v1beta1\n"
                    + "kind: InferenceService\n"
                    + "metadata:\n"
                    + "  name: echo\n"
                    + "  annotations:\n"
                    + "    serving.kserve.io/enable-tag-routing: \"true\"\n"
                    + "spec:\n"
                    + "  predictor:\n"
                    + "    model:\n"
                    + "      modelFormat:\n"
                    + "        name: java\n",
                "echo.yaml")
            .inferenceServices()
            .get(0);
    try (InferenceService s =
        InferenceService.builder().resource(resource).predictor(echo()).build()) {
      InferResponse r = s.predict(request(), CallOptions.builder().tag("latest").build());

      assertThat(r.outputs()).hasSize(1);
      assertThat(s.status().revisions().get(0).tags()).containsExactly("latest");
    }
  }

  @Test
  void aCallTimeout_shorterThanTheComponents_endsTheWaitForAReplica_with504() throws Exception {
    VirtualTime time = new VirtualTime(0);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Predictor blocking =
        Predictor.function(
                request -> {
                  inside.countDown();
                  release.await();
                  return InferResponse.of("x", request.inputs());
                })
            .withComponent(
                ComponentExtensionSpec.builder()
                    .minReplicas(1)
                    .maxReplicas(1)
                    .containerConcurrency(1L)
                    .timeout(60L)
                    .build());
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try (InferenceService s =
        InferenceService.builder()
            .name("one-slot")
            .predictor(blocking)
            .clock(time)
            .scheduler(time)
            .build()) {
      CompletableFuture<InferResponse> busy =
          CompletableFuture.supplyAsync(() -> s.predict(request()), callers);
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<InferResponse> waiting =
          CompletableFuture.supplyAsync(
              () ->
                  s.predict(
                      request(), CallOptions.builder().timeout(Duration.ofSeconds(2)).build()),
              callers);
      long until = System.nanoTime() + 10_000_000_000L;
      while (s.status().queued() == 0) {
        assertThat(waiting).as("the second call must wait for the slot").isNotDone();
        assertThat(System.nanoTime()).as("the second call queues").isLessThan(until);
        Thread.onSpinWait();
      }

      time.advance(Duration.ofMillis(1999));
      assertThat(waiting).isNotDone();
      time.advance(Duration.ofMillis(1));

      assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(InferenceTimeoutException.class);
      release.countDown();
      assertThat(busy.get(10, TimeUnit.SECONDS).outputs()).hasSize(1);
    } finally {
      release.countDown();
      callers.shutdownNow();
    }
  }

  @Test
  void options_areImmutable_andTheBuilderChecksTheTimeout() {
    CallOptions o = CallOptions.builder().header("A", "1").tag("prev").build();
    CallOptions changed = o.toBuilder().header("b", "2").build();

    assertThat(o.headers()).containsOnlyKeys("a");
    assertThat(changed.headers()).containsOnlyKeys("a", "b");
    assertThat(changed.tag()).isEqualTo("prev");
    assertThat(CallOptions.builder().build()).isSameAs(CallOptions.none());
    assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout = PT0S: must be positive");
  }
}
