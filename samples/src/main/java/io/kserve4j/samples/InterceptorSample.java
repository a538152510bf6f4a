package io.kserve4j.samples;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferResponse;

/**
 * A user interceptor (docs/architecture.md, "Extension points"): {@link TenantCounter} refuses
 * calls without a tenant header and counts each tenant's calls per revision, the way a logger or a
 * metrics interceptor sees every call.
 */
public final class InterceptorSample {
  private InterceptorSample() {}

  /** An echo service behind a tenant counter. */
  public static InferenceService counted(TenantCounter counter) {
    return InferenceService.builder()
        .name("echo")
        .predictor(Predictor.function(request -> InferResponse.of("echo", request.inputs())))
        .interceptor(counter)
        .build();
  }
}
