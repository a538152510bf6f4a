package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shadow traffic: a dark revision gets copies, compared, never returned. */
class MirrorTest {
  /** Answers as {@link RolloutTest.ModelV1} does, within 1e-6. */
  public static final class NearlyV1 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new double[] {1.0000001}, 1)));
    }
  }

  /** Answers version 1 as a double. */
  public static final class V1AsDouble implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new double[] {1.0}, 1)));
    }
  }

  private final VirtualTime time = new VirtualTime(0);

  private InferenceService service(Class<?> first) {
    return InferenceService.builder()
        .resource(RolloutTest.spec(first, null))
        .clock(time)
        .scheduler(time)
        .executor(Runnable::run) // copies run right after each answer: a deterministic test
        .build();
  }

  private static double predict(InferenceService s) {
    return s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1)))
        .output("version")
        .asDoubles()[0];
  }

  @Test
  void aDarkRevision_thatAgrees_isCountedAgreeing_andNeverAnswers() throws Exception {
    try (InferenceService s = service(V1AsDouble.class)) {
      s.update(RolloutTest.spec(NearlyV1.class, 0));
      time.runPending();
      Mirror mirror = s.mirror("latest", 100, 1e-4);

      for (int i = 0; i < 50; i++) {
        assertThat(predict(s)).as("the rolled-out revision answers").isEqualTo(1.0);
      }

      assertThat(mirror.await(50, Duration.ofSeconds(10))).isTrue();
      Mirror.Stats stats = mirror.stats();
      assertThat(stats.compared()).isEqualTo(50);
      assertThat(stats.agreed()).isEqualTo(50);
      assertThat(stats.disagreed()).isZero();
      assertThat(stats.failed()).isZero();
      assertThat(stats.maxDifference()).isBetween(0.0, 1e-6);
    }
  }

  @Test
  void aDarkRevision_thatDisagrees_isCounted_withTheFirstDifferences() {
    try (InferenceService s = service(V1AsDouble.class)) {
      s.update(RolloutTest.spec(RolloutTest.ModelV2.class, 0));
      time.runPending();
      Mirror mirror = s.mirror("latest", 100, 1e-4);

      predict(s);
      predict(s);

      Mirror.Stats stats = mirror.stats();
      assertThat(stats.compared()).isEqualTo(2);
      assertThat(stats.disagreed()).isEqualTo(2);
      assertThat(stats.examples())
          .first()
          .isEqualTo("output 'version' is INT32 [1] where FP64 [1] was returned");
    }
  }

  @Test
  void numbersBeyondTheTolerance_disagree_namingTheElement() {
    try (InferenceService s = service(V1AsDouble.class)) {
      s.update(RolloutTest.spec(NearlyV1.class, 0));
      time.runPending();
      Mirror mirror = s.mirror("latest", 100, 1e-9);

      predict(s);

      assertThat(mirror.stats().disagreed()).isEqualTo(1);
      assertThat(mirror.stats().examples().get(0))
          .startsWith("output 'version' element 0 is 1.0000001 where 1.0 was returned");
    }
  }

  @Test
  void aShareOfZero_copiesNothing_andStopMirror_stopsCopying() {
    try (InferenceService s = service(V1AsDouble.class)) {
      s.update(RolloutTest.spec(NearlyV1.class, 0));
      time.runPending();
      Mirror none = s.mirror("latest", 0, 1e-4);
      predict(s);
      assertThat(none.stats().compared()).isZero();

      Mirror all = s.mirror("latest", 100, 1e-4);
      predict(s);
      s.stopMirror();
      predict(s);
      assertThat(all.stats().compared()).isEqualTo(1);
    }
  }

  @Test
  void aMissingTarget_countsAsFailed_andTheCallStillAnswers() {
    try (InferenceService s = service(V1AsDouble.class)) {
      Mirror mirror = s.mirror("m-predictor-00009", 100, 1e-4);

      assertThat(predict(s)).isEqualTo(1.0);

      assertThat(mirror.stats().failed()).isEqualTo(1);
      assertThat(mirror.stats().examples().get(0))
          .startsWith("failed: no revision m-predictor-00009");
      assertThatThrownBy(() -> s.mirror("latest", 101, 0))
          .hasMessage("percent = 101: must be 0..100");
    }
  }
}
