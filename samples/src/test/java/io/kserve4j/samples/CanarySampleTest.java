package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.CallOptions;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.RevisionStatus;
import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.ModelNotFoundException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class CanarySampleTest {
  static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(CanarySample.class.getResource("/" + name)).toURI());
  }

  @Test
  void theSample_rollsOutTheCanaryAt20Percent_andTagsReachEachRevision() throws Exception {
    CanarySample.Rollout r =
        CanarySample.rollOut(
            resource("sklearn-iris-tagged.yaml"), resource("sklearn-iris-canary.yaml"));
    assertThat(r.status().latestReadyRevision()).isEqualTo("sklearn-iris-predictor-00002");
    assertThat(r.status().latestRolledoutRevision()).isEqualTo("sklearn-iris-predictor-00001");
    assertThat(r.status().revisions())
        .extracting(RevisionStatus::name, RevisionStatus::trafficPercent, RevisionStatus::tags)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "sklearn-iris-predictor-00001", 80, java.util.List.of("prev")),
            org.assertj.core.groups.Tuple.tuple(
                "sklearn-iris-predictor-00002", 20, java.util.List.of("latest")));
    // the same model bytes: both answer setosa
    assertThat(r.fromLatest().output("output_label").asLongs()).containsExactly(0L);
    assertThat(r.fromPrev().output("output_label").asLongs()).containsExactly(0L);
  }

  @Test
  void untaggedCalls_split80To20_andAnUnknownTagIs404() throws Exception {
    Path stable = resource("sklearn-iris-tagged.yaml");
    Map<String, LongAdder> byRevision = new ConcurrentHashMap<>();
    InferRequest request = InferRequest.of("float_input", new float[][] {{6.0f, 2.2f, 4.0f, 1.0f}});
    try (InferenceService iris =
        InferenceService.builder()
            .resource(KServeYaml.read(stable).inferenceServices().get(0))
            .storage(StorageOptions.ofDefaults().withBaseDir(stable.getParent()))
            .trafficSeed(2026)
            .interceptor(
                chain -> {
                  var response = chain.proceed(chain.request());
                  byRevision
                      .computeIfAbsent(chain.context().revision(), k -> new LongAdder())
                      .increment();
                  return response;
                })
            .build()) {
      iris.update(KServeYaml.read(resource("sklearn-iris-canary.yaml")).inferenceServices().get(0))
          .get(60, TimeUnit.SECONDS);
      for (int i = 0; i < 10_000; i++) {
        iris.predict(request);
      }
      assertThat(byRevision.get("sklearn-iris-predictor-00002").sum()).isBetween(1_850L, 2_150L);
      assertThat(byRevision.get("sklearn-iris-predictor-00001").sum()).isBetween(7_850L, 8_150L);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> iris.predict(request, CallOptions.builder().tag("canary").build()))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessageContaining("latest")
          .hasMessageContaining("prev");
    }
  }
}
