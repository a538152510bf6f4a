package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.ModelServer;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.Transformer;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.client.RestClient;
import io.kserve4j.server.rest.RestServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A transformer sees the same headers whether the call came in-process or over REST: names are
 * normalised once, when the call enters the service.
 */
class HeadersInProcessAndOverRestTest {
  @Test
  void theTransformerSeesTheSameHeaders_inProcessAndOverRest() throws Exception {
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    Transformer recorder =
        new Transformer() {
          @Override
          public InferRequest preprocess(InferRequest request, Map<String, String> headers) {
            seen.add(headers);
            return request;
          }
        };
    try (ModelServer models = new ModelServer()) {
      InferenceService service =
          models
              .serviceBuilder()
              .name("echo")
              .predictor(Predictor.function(r -> InferResponse.of("echo", r.inputs())))
              .transformer(recorder)
              .build();
      models.add(service);
      InferRequest request = InferRequest.of(Tensor.of("x", new float[] {1}, 1));
      try (RestServer rest = RestServer.builder(models).host("127.0.0.1").port(0).build().start();
          RestClient client =
              RestClient.builder(URI.create("http://127.0.0.1:" + rest.port()))
                  .header("X-Tenant-ID", "acme")
                  .build()) {
        service.predict(request, Map.of("X-Tenant-ID", "acme"));
        client.infer("echo", request);
      }

      Map<String, String> inProcess = seen.get(0);
      Map<String, String> overRest = seen.get(1);
      assertThat(inProcess.get("X-Tenant-ID")).isEqualTo("acme");
      assertThat(overRest.get("X-Tenant-ID")).isEqualTo("acme");
      assertThat(inProcess.get("x-tenant-id")).isEqualTo(overRest.get("x-tenant-id"));
      assertThat(overRest.keySet())
          .allMatch(name -> name.equals(name.toLowerCase(java.util.Locale.ROOT)));
      assertThat(inProcess.keySet()).containsExactly("x-tenant-id");
    }
  }
}
