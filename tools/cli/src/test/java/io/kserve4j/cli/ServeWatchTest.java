package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.client.RestClient;
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

/** {@code serve --watch} applies changed files as {@code kubectl apply} would. */
class ServeWatchTest {
  @TempDir Path dir;

  private static String isvc(String name, Class<?> model, String extra) {
    return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: "
        + name
        + "\nspec:\n  predictor:\n"
        + extra
        + "    annotations:\n      serving.kserve4j.io/class: "
        + model.getName()
        + "\n    model:\n      modelFormat:\n        name: java\n";
  }

  /** Waits for the server to print {@code text}: the watcher works on its own thread. */
  private static void await(StringWriter out, String text) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!out.toString().contains(text)) {
      assertThat(System.nanoTime())
          .as("waiting for '%s'; output: %s", text, out)
          .isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static int version(RestClient rest, String model) {
    return rest.infer(model, InferRequest.of(Tensor.of("x", new float[] {1}, 1)))
        .output("version")
        .asInts()[0];
  }

  @Test
  void changedFiles_makeRevisions_addAndRemoveServices_andABrokenFileChangesNothing()
      throws Exception {
    Path yaml = dir.resolve("models.yaml");
    Files.writeString(yaml, isvc("m", TagRoutingOverTheWireTest.V1.class, ""));
    StringWriter out = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    Thread server =
        new Thread(
            () ->
                cli.execute(
                    "serve",
                    yaml.toString(),
                    "--watch",
                    "--host",
                    "127.0.0.1",
                    "--http-port",
                    "0",
                    "--grpc-port",
                    "0"));
    server.start();
    try {
      await(out, "serving model m at http://127.0.0.1:");
      Matcher m = Pattern.compile("http://127.0.0.1:(\\d+)/").matcher(out.toString());
      assertThat(m.find()).isTrue();
      try (RestClient rest =
          RestClient.builder(URI.create("http://127.0.0.1:" + m.group(1))).build()) {
        assertThat(version(rest, "m")).isEqualTo(1);

        Files.writeString(yaml, isvc("m", TagRoutingOverTheWireTest.V2.class, ""));
        await(out, "updated model m: revision m-predictor-00002 ready");
        assertThat(version(rest, "m")).isEqualTo(2);

        Files.writeString(
            yaml, isvc("m", TagRoutingOverTheWireTest.V1.class, "    minReplica: 0\n"));
        await(out, "not applied, nothing changed");
        assertThat(out.toString()).contains("spec.predictor.minReplica = 0: unknown field");
        assertThat(version(rest, "m")).isEqualTo(2);

        Files.writeString(
            yaml,
            isvc("m", TagRoutingOverTheWireTest.V2.class, "")
                + "---\n"
                + isvc("n", TagRoutingOverTheWireTest.V1.class, ""));
        await(out, "added model n: revision n-predictor-00001 ready");
        assertThat(version(rest, "n")).isEqualTo(1);
        assertThat(version(rest, "m")).isEqualTo(2);

        Files.writeString(yaml, isvc("n", TagRoutingOverTheWireTest.V1.class, ""));
        await(out, "removed model m");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> version(rest, "m")))
            .isInstanceOf(ModelNotFoundException.class);
        assertThat(version(rest, "n")).isEqualTo(1);
      }
    } finally {
      ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).stop();
      server.join();
    }
  }
}
