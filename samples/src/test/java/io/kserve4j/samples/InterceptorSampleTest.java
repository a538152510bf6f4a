package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.InferenceService;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterceptorSampleTest {
  @Test
  void callsAreCountedPerTenantAndRevision_andACallWithoutTenantIsRefused() {
    TenantCounter counter = new TenantCounter();
    try (InferenceService echo = InterceptorSample.counted(counter)) {
      InferRequest request = InferRequest.of(Tensor.of("x", new float[] {1}, 1));

      echo.predict(request, Map.of("x-tenant", "acme"));
      echo.predict(request, Map.of("X-Tenant", "acme"));
      echo.predict(request, Map.of("X-TENANT", "initech"));

      assertThat(counter.calls("acme", "echo-predictor-00001")).isEqualTo(2);
      assertThat(counter.calls("initech", "echo-predictor-00001")).isEqualTo(1);
      assertThatThrownBy(() -> echo.predict(request))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'echo': no X-Tenant header (name the tenant making the call)");
    }
  }
}
