package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Kserve4jCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute(args);
    return new Run(exit, out.toString());
  }

  @Test
  void validFile_exitsZero() throws IOException {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(
        f,
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: iris\n"
            + "spec:\n  predictor:\n    sklearn:\n      storageUri: file://models/iris\n");
    Run r = run("validate", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("ok.yaml: valid (1 InferenceService(s), 0 runtime(s))");
  }

  @Test
  void everyViolation_isPrinted_andTheExitCodeIsOne() throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(
        f,
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: Iris\n"
            + "spec:\n  predictor:\n    minReplicas: -1\n    sklearn:\n      storageUri: file://m\n");
    Run r = run("validate", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("bad.yaml: InferenceService Iris: metadata.name = \"Iris\"")
        .contains("spec.predictor.minReplicas = -1: must be >= 0");
  }

  @Test
  void brokenYaml_namesTheLine() throws IOException {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, "apiVersion: serving.kserve.io/v1beta1\nkind: [InferenceService\n");
    Run r = run("validate", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("broken.yaml:");
  }
}
