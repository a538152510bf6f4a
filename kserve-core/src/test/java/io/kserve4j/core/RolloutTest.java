package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Updates make revisions; traffic moves as KServe's canary rollout moves it (KSERVE-FACTS §h1). */
class RolloutTest {
  /** Answers {@code version = [1]}. */
  public static final class ModelV1 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {1}, 1)));
    }
  }

  /** Answers {@code version = [2]}. */
  public static final class ModelV2 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {2}, 1)));
    }
  }

  /** Answers {@code version = [3]}. */
  public static final class ModelV3 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {3}, 1)));
    }
  }

  private final VirtualTime time = new VirtualTime(0);

  static InferenceServiceResource spec(
      Class<?> model, @Nullable Integer canaryPercent, String... annotations) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n")
        .append("  name: m\n");
    if (annotations.length > 0) {
      y.append("  annotations:\n");
      for (String a : annotations) {
        y.append("    ").append(a).append('\n');
      }
    }
    y.append("spec:\n  predictor:\n");
    if (canaryPercent != null) {
      y.append("    canaryTrafficPercent: ").append(canaryPercent).append('\n');
    }
    y.append("    annotations:\n      serving.kserve4j.io/class: ")
        .append(model.getName())
        .append("\n    model:\n      modelFormat:\n        name: java\n");
    return KServeYaml.read(y.toString(), "m.yaml").inferenceServices().get(0);
  }

  private InferenceService service(InferenceServiceResource first) {
    return InferenceService.builder()
        .resource(first)
        .clock(time)
        .scheduler(time)
        .trafficSeed(42)
        .build();
  }

  private static int version(InferenceService s) {
    return version(s, CallOptions.none());
  }

  private static int version(InferenceService s, CallOptions options) {
    return s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1)), options)
        .output("version")
        .asInts()[0];
  }

  /** How many of {@code n} untagged calls each version answers. */
  private static Map<Integer, Integer> split(InferenceService s, int n) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(version(s), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void aChangedPredictor_makesRevision2_andTrafficMovesOnlyOnceItIsReady() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      CompletableFuture<ServiceStatus> update = s.update(spec(ModelV2.class, null));

      assertThat(update).isNotDone();
      assertThat(s.status().latestCreatedRevision()).isEqualTo("m-predictor-00002");
      assertThat(s.status().latestReadyRevision()).isEqualTo("m-predictor-00001");
      assertThat(version(s)).as("the old revision serves while the new one loads").isEqualTo(1);

      time.runPending(); // the new revision loads; the old one drains and closes

      assertThat(update).isCompleted();
      assertThat(version(s)).isEqualTo(2);
      ServiceStatus status = s.status();
      assertThat(status.latestReadyRevision()).isEqualTo("m-predictor-00002");
      assertThat(status.latestRolledoutRevision()).isEqualTo("m-predictor-00002");
      assertThat(status.previousRolledoutRevision()).isEqualTo("m-predictor-00001");
      assertThat(status.revisions())
          .extracting(RevisionStatus::name, RevisionStatus::trafficPercent)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("m-predictor-00002", 100));
    }
  }

  @Test
  void aRevisionThatFailsToLoad_leavesTheOldServing_andTheStatusSaysWhy() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      CompletableFuture<ServiceStatus> update = s.update(spec(String.class, null));
      time.runPending();

      assertThat(update).isCompletedExceptionally();
      assertThat(version(s)).isEqualTo(1);
      ServiceStatus status = s.status();
      assertThat(status.ready()).isTrue();
      assertThat(status.latestCreatedRevision()).isEqualTo("m-predictor-00002");
      assertThat(status.latestReadyRevision()).isEqualTo("m-predictor-00001");
      assertThat(status.rolloutFailure())
          .contains("spec.predictor.annotations[serving.kserve4j.io/class] = java.lang.String");

      s.update(spec(ModelV2.class, null));
      time.runPending();
      assertThat(version(s)).isEqualTo(2);
      assertThat(s.status().latestReadyRevision()).isEqualTo("m-predictor-00003");
      assertThat(s.status().rolloutFailure()).isNull();
    }
  }

  @Test
  void aSpecThatBreaksKServesRules_isRefusedAtOnce_andChangesNothing() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      assertThatThrownBy(() -> s.update(spec(ModelV2.class, 101)))
          .hasMessageContaining("canaryTrafficPercent = 101");
      assertThat(s.status().latestCreatedRevision()).isEqualTo("m-predictor-00001");
      assertThat(version(s)).isEqualTo(1);
    }
  }

  @Test
  void theFirstRollout_takesAllTraffic_evenWithACanaryShare() {
    try (InferenceService s = service(spec(ModelV1.class, 20))) {
      assertThat(split(s, 1000)).containsOnlyKeys(1);
    }
  }

  @Test
  void aCanaryShare_splitsTraffic_withinOnePercentOver100000Calls() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      s.update(spec(ModelV2.class, 30));
      time.runPending();

      Map<Integer, Integer> counts = split(s, 100_000);
      assertThat(counts.get(2)).isBetween(29_000, 31_000);
      assertThat(counts.get(1)).isBetween(69_000, 71_000);
      ServiceStatus status = s.status();
      assertThat(status.revisions())
          .extracting(RevisionStatus::name, RevisionStatus::trafficPercent, RevisionStatus::tags)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("m-predictor-00001", 70, List.of("prev")),
              org.assertj.core.groups.Tuple.tuple("m-predictor-00002", 30, List.of()));
      assertThat(status.latestRolledoutRevision()).isEqualTo("m-predictor-00001");
    }
  }

  @Test
  void promotion_byUnsettingTheShare_movesAllTraffic_withoutANewRevision() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      s.update(spec(ModelV2.class, 30));
      time.runPending();

      CompletableFuture<ServiceStatus> promote = s.update(spec(ModelV2.class, null));

      assertThat(promote).as("a traffic change needs no new revision").isCompleted();
      assertThat(split(s, 1000)).containsOnlyKeys(2);
      ServiceStatus status = s.status();
      assertThat(status.latestCreatedRevision()).isEqualTo("m-predictor-00002");
      assertThat(status.latestRolledoutRevision()).isEqualTo("m-predictor-00002");
      assertThat(status.previousRolledoutRevision()).isEqualTo("m-predictor-00001");
    }
  }

  @Test
  void rollback_withShareZero_returnsAllTrafficToThePreviousRevision() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      s.update(spec(ModelV2.class, 30));
      time.runPending();

      s.update(spec(ModelV2.class, 0));

      assertThat(split(s, 1000)).containsOnlyKeys(1);
      assertThat(version(s, CallOptions.builder().tag("prev").build())).isEqualTo(1);
    }
  }

  @Test
  void aShareSetAfterAPromotion_rollsBackToTheRevisionBefore_asKnativeDoes() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      s.update(spec(ModelV2.class, null));
      time.runPending();
      assertThat(split(s, 100)).containsOnlyKeys(2);

      CompletableFuture<ServiceStatus> rollback = s.update(spec(ModelV2.class, 20));
      assertThat(rollback).as("the previous revision loads again first").isNotDone();
      assertThat(split(s, 100)).containsOnlyKeys(2);
      time.runPending();
      assertThat(rollback).isCompleted();

      Map<Integer, Integer> counts = split(s, 10_000);
      assertThat(counts.get(2)).isBetween(1_800, 2_200);
      assertThat(counts.get(1)).isBetween(7_800, 8_200);
      assertThat(s.status().latestRolledoutRevision()).isEqualTo("m-predictor-00001");
      assertThat(s.status().previousRolledoutRevision()).isNull();
    }
  }

  @Test
  void tags_reachLatestAndPrev_withTagRouting() {
    String tagRouting = "serving.kserve.io/enable-tag-routing: \"true\"";
    try (InferenceService s = service(spec(ModelV1.class, null, tagRouting))) {
      s.update(spec(ModelV2.class, 10, tagRouting));
      time.runPending();

      assertThat(version(s, CallOptions.builder().tag("latest").build())).isEqualTo(2);
      assertThat(version(s, CallOptions.builder().tag("prev").build())).isEqualTo(1);
      assertThatThrownBy(() -> version(s, CallOptions.builder().tag("nope").build()))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessageContaining("no revision is tagged 'nope' (tags: [latest, prev]");
    }
  }

  @Test
  void theStopAnnotation_stopsTheService_andRemovingItResumes() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      s.update(spec(ModelV1.class, null, "serving.kserve.io/stop: \"true\""));

      assertThat(s.isReady()).isFalse();
      assertThat(s.status().stopped()).isTrue();
      assertThat(s.status().revisions()).isEmpty();
      assertThatThrownBy(() -> version(s))
          .isInstanceOf(ModelNotReadyException.class)
          .hasMessage(
              "model 'm': the service is stopped (remove the annotation serving.kserve.io/stop"
                  + " to resume)");

      CompletableFuture<ServiceStatus> resume = s.update(spec(ModelV1.class, null));
      time.runPending();

      assertThat(resume).isCompleted();
      assertThat(s.isReady()).isTrue();
      assertThat(version(s)).isEqualTo(1);
      assertThat(s.status().latestReadyRevision()).isEqualTo("m-predictor-00002");
    }
  }

  @Test
  void aServiceBuiltStopped_isNotReady_untilResumed() {
    try (InferenceService s =
        service(spec(ModelV1.class, null, "serving.kserve.io/stop: \"TRUE\""))) {
      assertThat(s.isReady()).isFalse();
      assertThat(s.status().latestCreatedRevision()).isNull();
      s.update(spec(ModelV1.class, null));
      time.runPending();
      assertThat(version(s)).isEqualTo(1);
    }
  }

  @Test
  void theLastUpdateWins_whenTwoArriveBeforeTheFirstIsReady() {
    try (InferenceService s = service(spec(ModelV1.class, null))) {
      CompletableFuture<ServiceStatus> second = s.update(spec(ModelV2.class, null));
      CompletableFuture<ServiceStatus> third = s.update(spec(ModelV3.class, null));
      time.runPending();

      assertThat(second).isCompletedExceptionally();
      assertThat(third).isCompleted();
      assertThat(split(s, 100)).containsOnlyKeys(3);
      List<String> names = new ArrayList<>();
      s.status().revisions().forEach(r -> names.add(r.name()));
      assertThat(names).containsExactly("m-predictor-00003");
    }
  }
}
