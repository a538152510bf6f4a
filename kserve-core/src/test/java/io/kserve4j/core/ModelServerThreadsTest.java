package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Services share threads: a ModelServer's own, or the JVM's shared scheduler. */
class ModelServerThreadsTest {
  private static Predictor echo() {
    return Predictor.function(request -> InferResponse.of("echo", request.inputs()));
  }

  private static Set<String> kserve4jThreads() {
    Set<String> names = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("kserve4j")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void fiftyServicesInAModelServer_shareItsThreads_andClosingItStopsThem() throws Exception {
    Set<String> before = kserve4jThreads();
    ModelServer server = new ModelServer();
    for (int i = 0; i < 50; i++) {
      server.add(server.serviceBuilder().name("echo-" + i).predictor(echo()).build());
    }
    for (int i = 0; i < 50; i++) {
      server.predict("echo-" + i, InferRequest.of(Tensor.of("x", new float[] {i}, 1)));
      server
          .service("echo-" + i)
          .predictAsync(InferRequest.of(Tensor.of("x", new float[] {i}, 1)))
          .get();
    }

    Set<String> added = kserve4jThreads();
    added.removeAll(before);
    // One timer thread, a few loader threads, one async thread per core: not two per service.
    assertThat(added)
        .hasSizeLessThanOrEqualTo(2 + 4 + Runtime.getRuntime().availableProcessors())
        .allMatch(name -> name.startsWith("kserve4j-server"));

    server.close();
    for (int i = 0; i < 500 && !kserve4jThreads().stream().noneMatch(added::contains); i++) {
      Thread.sleep(10); // waiting for threads to end after shutdown: a measurement, not timing
    }
    assertThat(kserve4jThreads()).doesNotContainAnyElementsOf(added);
  }

  @Test
  void fiftyStandaloneServices_shareTheJvmScheduler() {
    InferenceService warm = InferenceService.builder().name("warm").predictor(echo()).build();
    warm.close();
    Set<String> before = kserve4jThreads();
    java.util.List<InferenceService> services = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        services.add(InferenceService.builder().name("echo-" + i).predictor(echo()).build());
      }
      Set<String> added = kserve4jThreads();
      added.removeAll(before);
      assertThat(added).hasSizeLessThanOrEqualTo(4);
    } finally {
      services.forEach(InferenceService::close);
    }
  }
}
