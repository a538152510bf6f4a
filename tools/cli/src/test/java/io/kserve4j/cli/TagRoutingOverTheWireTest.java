package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.ModelFunction;
import io.kserve4j.core.ModelServer;
import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.server.grpc.GrpcServer;
import io.kserve4j.server.rest.RestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tag routing as KServe exposes it (a tagged host name), plus kserve4j's own forms a local user can
 * type: {@code /v2/models/<m>/versions/<tag>/infer}. (gRPC's {@code model_version} reaching the
 * handler as a tag is tested in servers/grpc.)
 */
class TagRoutingOverTheWireTest {
  /** Version 1. */
  public static final class V1 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {1}, 1)));
    }
  }

  /** Version 2. */
  public static final class V2 implements ModelFunction {
    @Override
    public InferResponse predict(InferRequest request) {
      return InferResponse.of("m", List.of(Tensor.of("version", new int[] {2}, 1)));
    }
  }

  private static InferenceServiceResource spec(Class<?> model, String canary) {
    return KServeYaml.read(
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: m\n  annotations:\n    serving.kserve.io/enable-tag-routing: \"true\"\n"
                + "spec:\n  predictor:\n"
                + canary
                + "    annotations:\n      serving.kserve4j.io/class: "
                + model.getName()
                + "\n    model:\n      modelFormat:\n        name: java\n",
            "m.yaml")
        .inferenceServices()
        .get(0);
  }

  private static String post(int port, String host, String path) throws Exception {
    String body =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}";
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void latestAndPrev_areReachedByHostName_andByVersionPath() throws Exception {
    try (ModelServer models = new ModelServer()) {
      models.apply(
          spec(V1.class, ""), List.<ServingRuntimeResource>of(), StorageOptions.ofDefaults());
      models
          .apply(
              spec(V2.class, "    canaryTrafficPercent: 0\n"),
              List.of(),
              StorageOptions.ofDefaults())
          .get(30, TimeUnit.SECONDS);
      try (RestServer rest = RestServer.builder(models).host("127.0.0.1").port(0).build().start();
          GrpcServer grpc =
              GrpcServer.builder().handler(models).host("127.0.0.1").port(0).build().start()) {
        int port = rest.port();

        assertThat(post(port, "localhost", "/v2/models/m/infer"))
            .as("canaryTrafficPercent 0: the rolled-out revision answers")
            .contains("\"data\":[1]");
        assertThat(post(port, "latest-m-predictor.default.example.com", "/v2/models/m/infer"))
            .contains("\"data\":[2]");
        assertThat(post(port, "prev-m-predictor.default.example.com:8080", "/v2/models/m/infer"))
            .contains("\"data\":[1]");
        assertThat(post(port, "localhost", "/v2/models/m/versions/latest/infer"))
            .contains("\"data\":[2]");
        assertThat(post(port, "localhost", "/v2/models/m/versions/m-predictor-00001/infer"))
            .contains("\"data\":[1]");
        assertThat(post(port, "localhost", "/v2/models/m/versions/nope/infer"))
            .startsWith("HTTP/1.1 404")
            .contains("no revision is tagged 'nope'");
      }
    }
  }
}
