package io.kserve4j.samples;

import io.kserve4j.core.CallOptions;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.ServiceStatus;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * A canary rollout in Java: the service serves {@code sklearn-iris-tagged.yaml}, then the spec
 * changes to {@code sklearn-iris-canary.yaml} (a new model at 20%), and tags reach either revision.
 */
public final class CanarySample {
  private CanarySample() {}

  /** What the rollout did: the status after it, and one answer from each revision by its tag. */
  public record Rollout(ServiceStatus status, InferResponse fromLatest, InferResponse fromPrev) {}

  /**
   * Serves {@code stable}, rolls out {@code canary} over it, and asks each revision once.
   *
   * @throws ExecutionException if the new revision fails to load (the old one keeps serving)
   */
  public static Rollout rollOut(Path stable, Path canary)
      throws ExecutionException, InterruptedException {
    // stable, canary: Paths of sklearn-iris-tagged.yaml and sklearn-iris-canary.yaml
    InferRequest request = InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});
    try (InferenceService iris = InferenceService.fromYaml(stable)) {
      InferenceServiceResource next = KServeYaml.read(canary).inferenceServices().get(0);
      // A new revision loads in the background while the first serves; then 20% moves to it.
      ServiceStatus status = iris.update(next).get();
      InferResponse fromLatest = iris.predict(request, CallOptions.builder().tag("latest").build());
      InferResponse fromPrev = iris.predict(request, CallOptions.builder().tag("prev").build());
      return new Rollout(status, fromLatest, fromPrev);
    }
  }
}
