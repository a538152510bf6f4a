package io.kserve4j.samples;

import io.kserve4j.core.ModelServer;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.client.OpenInferenceClient;
import io.kserve4j.protocol.client.RestClient;
import io.kserve4j.server.grpc.GrpcClient;
import io.kserve4j.server.grpc.GrpcServer;
import io.kserve4j.server.rest.RestServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The README's wire: the services of a YAML file served over KServe's REST and gRPC data plane, and
 * called back with the Java clients (which speak to any KServe, Triton or kserve4j v2 server).
 */
public final class ServeSample {
  private ServeSample() {}

  /** Serves {@code yaml} on free ports and predicts one flower over REST and over gRPC. */
  public static InferResponse[] serveAndCall(Path yaml) {
    // yaml: a Path, e.g. samples/src/main/resources/sklearn-iris-v2.yaml
    InferRequest request = InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});
    try (ModelServer models = ModelServer.fromYaml(yaml);
        RestServer rest = RestServer.builder(models).port(0).build().start();
        GrpcServer grpc = GrpcServer.builder().handler(models).port(0).build().start();
        OpenInferenceClient overRest =
            RestClient.builder(URI.create("http://localhost:" + rest.port())).binary(true).build();
        OpenInferenceClient overGrpc = GrpcClient.create("localhost", grpc.port())) {
      InferResponse viaRest = overRest.infer("sklearn-iris", request);
      InferResponse viaGrpc = overGrpc.infer("sklearn-iris", request);
      return new InferResponse[] {viaRest, viaGrpc};
    }
  }
}
