package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe 0.20's Standard-mode canaries, spec.canary[] (KSERVE-FACTS §h2). */
class StandardCanaryTest {
  private final VirtualTime time = new VirtualTime(0);

  static String stable(String name, Class<?> model) {
    return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
        + "  name: m\n  annotations:\n    serving.kserve.io/deploymentMode: Standard\n"
        + "spec:\n  predictor:\n    name: "
        + name
        + "\n    minReplicas: 2\n    annotations:\n      serving.kserve4j.io/class: "
        + model.getName()
        + "\n    model:\n      modelFormat:\n        name: java\n"
        + "      storageUri: file:///models/"
        + name
        + "\n";
  }

  static String canary(String name, Class<?> model, int percent) {
    return "  canary:\n    - trafficPercent: "
        + percent
        + "\n      predictor:\n        name: "
        + name
        + "\n        annotations:\n          serving.kserve4j.io/class: "
        + model.getName()
        + "\n";
  }

  private static InferenceServiceResource read(String yaml) {
    return KServeYaml.read(yaml, "m.yaml").inferenceServices().get(0);
  }

  private InferenceService service(String yaml) {
    return InferenceService.builder()
        .resource(read(yaml))
        .clock(time)
        .scheduler(time)
        .trafficSeed(7)
        .build();
  }

  private static int version(InferenceService s, CallOptions options) {
    return s.predict(InferRequest.of(Tensor.of("x", new float[] {1}, 1)), options)
        .output("version")
        .asInts()[0];
  }

  private static Map<Integer, Integer> split(InferenceService s, int n) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(version(s, CallOptions.none()), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void aCanaryAt30Percent_getsAbout30Percent_onceReady_andNothingBefore() {
    try (InferenceService s =
        service(
            stable("v1", RolloutTest.ModelV1.class)
                + canary("v2", RolloutTest.ModelV2.class, 30))) {
      assertThat(split(s, 1000)).as("the canary is not ready yet").containsOnlyKeys(1);
      assertThat(s.status().canaries())
          .containsExactly(new CanaryStatus("v2", "m-v2-predictor", false, 0, null));

      time.runPending();

      Map<Integer, Integer> counts = split(s, 100_000);
      assertThat(counts.get(2)).isBetween(29_000, 31_000);
      assertThat(counts.get(1)).isBetween(69_000, 71_000);
      assertThat(s.status().canaries())
          .containsExactly(new CanaryStatus("v2", "m-v2-predictor", true, 30, null));
      assertThat(version(s, CallOptions.builder().tag("v2").build())).isEqualTo(2);
    }
  }

  @Test
  void aCanaryThatFailsToLoad_getsNoTraffic_andSaysWhy() {
    try (InferenceService s =
        service(stable("v1", RolloutTest.ModelV1.class) + canary("v2", String.class, 50))) {
      time.runPending();

      assertThat(split(s, 1000)).containsOnlyKeys(1);
      CanaryStatus c = s.status().canaries().get(0);
      assertThat(c.ready()).isFalse();
      assertThat(c.trafficPercent()).isZero();
      assertThat(c.failure()).contains("java.lang.String");
    }
  }

  @Test
  void aDarkLaunch_atZero_takesNoTraffic_butAnswersItsNameAsATag() {
    try (InferenceService s =
        service(
            stable("v1", RolloutTest.ModelV1.class) + canary("v2", RolloutTest.ModelV2.class, 0))) {
      time.runPending();

      assertThat(split(s, 1000)).containsOnlyKeys(1);
      assertThat(version(s, CallOptions.builder().tag("v2").build())).isEqualTo(2);
    }
  }

  @Test
  void promotion_byRenamingTheStableAfterTheCanary_takesItOver_withoutAReload() {
    try (InferenceService s =
        service(
            stable("v1", RolloutTest.ModelV1.class)
                + canary("v2", RolloutTest.ModelV2.class, 30))) {
      time.runPending();

      s.update(read(stable("v2", RolloutTest.ModelV2.class)));

      assertThat(split(s, 1000)).as("no load was needed").containsOnlyKeys(2);
      assertThat(s.status().latestReadyRevision()).isEqualTo("m-v2-predictor");
      assertThat(s.status().canaries()).isEmpty();
    }
  }

  @Test
  void renamingTheStable_withTheSameModelUri_isRejected() {
    try (InferenceService s = service(stable("v1", RolloutTest.ModelV1.class))) {
      String renamed =
          stable("v1", RolloutTest.ModelV1.class).replace("    name: v1", "    name: v9");
      assertThatThrownBy(() -> s.update(read(renamed)))
          .isInstanceOf(SpecValidationException.class)
          .hasMessageContaining(
              "spec.predictor.name = v9: is renamed from v1 while the model's storageUri stays"
                  + " file:///models/v1");
      assertThat(split(s, 10)).containsOnlyKeys(1);
    }
  }

  @Test
  void kservesWebhookRules_forCanaries_areAllReported() {
    String knative =
        stable("v1", RolloutTest.ModelV1.class)
                .replace("    serving.kserve.io/deploymentMode: Standard\n", "    x: y\n")
            + canary("v2", RolloutTest.ModelV2.class, 30);
    assertThat(read(knative).violations().toString())
        .contains(
            "spec.canary = 1 canary: needs the annotation serving.kserve.io/deploymentMode: Standard");

    String bad =
        stable("v1", RolloutTest.ModelV1.class)
            + "  canary:\n"
            + "    - trafficPercent: 70\n      predictor:\n        name: v1\n"
            + "    - trafficPercent: 40\n      predictor:\n        name: c\n        maxReplicas: 3\n"
            + "        minReplicas: 5\n"
            + "    - trafficPercent: 5\n      predictor:\n        name: c\n";
    String violations = read(bad).violations().toString();
    assertThat(violations)
        .contains(
            "spec.canary[0].predictor.name = \"v1\": must differ from the stable predictor's name")
        .contains("spec.canary[1].predictor.maxReplicas = 3: cannot be set on a canary")
        .contains(
            "spec.canary[1].predictor.minReplicas = 5: must be at most the stable predictor's"
                + " minReplicas (2)")
        .contains("spec.canary[2].predictor.name = \"c\": names another canary too")
        .contains("spec.canary = 115%: the canaries' trafficPercent add up to more than 100");
  }

  @Test
  void canaries_roundTripThroughYaml() {
    InferenceServiceResource r =
        read(stable("v1", RolloutTest.ModelV1.class) + canary("v2", RolloutTest.ModelV2.class, 30));
    assertThat(r.spec().canary()).hasSize(1);
    assertThat(r.spec().canary().get(0).trafficPercent()).isEqualTo(30L);
    assertThat(read(KServeYaml.write(r))).isEqualTo(r);
  }
}
