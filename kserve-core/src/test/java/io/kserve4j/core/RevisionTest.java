package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.testkit.LogCapture;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A service is a router over revisions; today it holds one, named as Knative names it. */
class RevisionTest {
  private static Predictor echo() {
    return Predictor.function(request -> InferResponse.of("echo", request.inputs()));
  }

  @Test
  void theFirstRevision_isNamedAsKnativeNamesIt_andTakesAllTraffic() {
    try (InferenceService s = InferenceService.builder().name("iris").predictor(echo()).build()) {
      s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1)));

      ServiceStatus status = s.status();
      assertThat(status.revisions()).hasSize(1);
      RevisionStatus r = status.revisions().get(0);
      assertThat(r.name()).isEqualTo("iris-predictor-00001");
      assertThat(r.runtime()).isEqualTo("kserve4j-java");
      assertThat(r.trafficPercent()).isEqualTo(100);
      assertThat(r.ready()).isTrue();
      assertThat(r.readyReplicas()).isEqualTo(1);
      assertThat(r.replicaDevices()).containsExactly("cpu");
      assertThat(status.readyReplicas()).isEqualTo(r.readyReplicas());
      assertThat(r.lastDecision()).as("the first autoscaler tick is 2 s away").isNull();
    }
  }

  @Test
  void closing_closesEveryRevision() {
    InferenceService s = InferenceService.builder().name("iris").predictor(echo()).build();
    s.close();

    assertThat(s.isReady()).isFalse();
    assertThat(s.status().revisions().get(0).ready()).isFalse();
    assertThat(s.status().readyReplicas()).isZero();
  }

  @Test
  void aService_logsOneInfoLineWhenReady_andOneWhenClosed() {
    try (LogCapture log = LogCapture.of("io.kserve4j")) {
      try (InferenceService s = InferenceService.builder().name("iris").predictor(echo()).build()) {
        s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1)));
      }

      assertThat(log.messages(Level.INFO))
          .hasSize(2)
          .satisfies(
              lines -> {
                assertThat(lines.get(0))
                    .startsWith("InferenceService iris: ready in ")
                    .contains("revision iris-predictor-00001: java model on kserve4j-java")
                    .contains("autoscaled on concurrency")
                    .doesNotContain("max=0");
                assertThat(lines.get(1)).isEqualTo("InferenceService iris: closed");
              });
      assertThat(log.messages(Level.WARNING)).isEmpty();
    }
  }
}
