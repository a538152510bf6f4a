package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.client.RestClient;
import io.kserve4j.server.grpc.GrpcClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line on the test MLP model: serve over loopback, and predict in-process. */
class ServeAndPredictCommandTest {
  @TempDir Path dir;

  private Path yaml() throws IOException {
    Path shared = Path.of(System.getProperty("kserve4j.shared.dir", "../../testdata"));
    Path model = shared.resolve("models/handmade_mlp/model.onnx").toAbsolutePath();
    Path f = dir.resolve("mlp.yaml");
    Files.writeString(
        f,
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: mlp\n"
            + "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: onnx\n"
            + "      storageUri: "
            + model
            + "\n");
    return f;
  }

  @Test
  void serve_logsOneLinePerModel_andAnswersOverRestAndGrpc() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    Path yaml = yaml();
    Thread server =
        new Thread(
            () ->
                cli.execute(
                    "serve",
                    yaml.toString(),
                    "--host",
                    "127.0.0.1",
                    "--http-port",
                    "0",
                    "--grpc-port",
                    "0"));
    server.start();
    Pattern line =
        Pattern.compile(
            "serving model mlp at http://127.0.0.1:(\\d+)/v2/models/mlp/infer .*gRPC: 127.0.0.1:(\\d+)\\)");
    Matcher m = line.matcher("");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!(m = line.matcher(out.toString())).find()) {
      assertThat(System.nanoTime()).as("server start; output so far: %s", out).isLessThan(deadline);
      assertThat(server.isAlive()).as("serve exited; output: %s", out).isTrue();
      Thread.onSpinWait();
    }
    InferRequest request = InferRequest.of("input", new float[][] {{1f, 2f, 3f, 4f}});
    try (RestClient rest =
            RestClient.builder(URI.create("http://127.0.0.1:" + m.group(1))).build();
        GrpcClient grpc = GrpcClient.create("127.0.0.1", Integer.parseInt(m.group(2)))) {
      InferResponse viaRest = rest.infer("mlp", request);
      InferResponse viaGrpc = grpc.infer("mlp", request);
      assertThat(viaRest.outputs().get(0).asFloats()).hasSize(3);
      assertThat(viaGrpc.outputs().get(0).asFloats())
          .containsExactly(viaRest.outputs().get(0).asFloats());
    } finally {
      ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).stop();
      server.join();
    }
  }

  @Test
  void predict_printsTheV2JsonResponse() throws IOException {
    Path request = dir.resolve("request.json");
    Files.writeString(
        request,
        "{\"id\":\"r1\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}");
    StringWriter out = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int exit = cli.execute("predict", yaml().toString(), "--input", request.toString());
    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith(
            "{\"model_name\":\"mlp\",\"id\":\"r1\",\"outputs\":[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[1,3]");
  }

  @Test
  void predict_withABrokenSpec_printsTheProblem_notAStackTrace() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: mlp\n"
            + "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: onnx\n      storageUri: s3://bucket/m\n");
    Path request = dir.resolve("request.json");
    Files.writeString(request, "{\"inputs\":[]}");
    StringWriter err = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("predict", bad.toString(), "--input", request.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("kserve4j: InferenceService 'mlp' is invalid (1 problem):")
        .contains(
            "spec.predictor.model.storageUri = s3://bucket/m: no storage provider reads s3:// here"
                + " (remote storage needs one)")
        .doesNotContain("\tat ");
  }

  @Test
  void predict_theQuickStartYaml_readsClasspathModels_fromTheClasspathOption() throws IOException {
    Path samples = Path.of("../../samples/src/main/resources").toAbsolutePath().normalize();
    Path request = dir.resolve("request.json");
    Files.writeString(
        request,
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}");
    String yaml = samples.resolve("sklearn-iris.yaml").toString();

    StringWriter out = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int exit =
        cli.execute(
            "predict", yaml, "--classpath", samples.toString(), "--input", request.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("\"name\":\"output_label\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[0]");

    StringWriter err = new StringWriter();
    CommandLine without = Kserve4jCommand.commandLine();
    without.setErr(new PrintWriter(err, true));
    assertThat(without.execute("predict", yaml, "--input", request.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "storageUri = classpath:models/sklearn-iris/model.onnx: no such resource on the class"
                + " path")
        .contains("--classpath (e.g. --classpath src/main/resources)");

    StringWriter bad = new StringWriter();
    CommandLine missing = Kserve4jCommand.commandLine();
    missing.setErr(new PrintWriter(bad, true));
    assertThat(
            missing.execute(
                "predict", yaml, "--classpath", "no/such/dir", "--input", request.toString()))
        .isEqualTo(2);
    assertThat(bad.toString())
        .contains("--classpath entry no/such/dir does not exist (name a folder or a jar)");
  }
}
