package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path service(String predictorFields) throws IOException {
    Path f = dir.resolve("isvc.yaml");
    Files.writeString(
        f,
        "apiVersion: serving.kserve.io/v1beta1\n"
            + "kind: InferenceService\n"
            + "metadata:\n"
            + "  name: iris\n"
            + "spec:\n"
            + "  predictor:\n"
            + predictorFields
            + "    model:\n"
            + "      modelFormat:\n"
            + "        name: onnx\n"
            + "      storageUri: file:///nowhere/model.onnx\n");
    return f;
  }

  private Path trace(String text) throws IOException {
    Path f = dir.resolve("trace.csv");
    Files.writeString(f, text);
    return f;
  }

  /** 20 s of 30 concurrent one-second requests, then silence. */
  private Path burst() throws IOException {
    StringBuilder b = new StringBuilder("second,concurrency\n");
    for (int s = 0; s < 20; s++) {
      b.append(s).append(",30\n");
    }
    return trace(b.toString());
  }

  @Test
  void burstFromZero_scalesUp_panics_queuesInTheActivator_andDrawsAPicture() throws IOException {
    Path yaml =
        service(
            "    minReplicas: 0\n"
                + "    maxReplicas: 10\n"
                + "    scaleMetric: concurrency\n"
                + "    scaleTarget: 5\n");
    Path png = dir.resolve("out/sim.png");
    Run r =
        run(
            "simulate",
            yaml.toString(),
            "--trace",
            burst().toString(),
            "--startup",
            "2s",
            "--out",
            png.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "simulated iris: 600 requests, KPA on concurrency (target 5.0 per replica at 70%,")
        .contains("replicas 0 to 10")
        .contains("start-up 2.0 s")
        .contains("picture: " + png);
    String replicas = line(r.out(), "replicas:");
    // 30 concurrent at a target of 5 × 0.7 wants 9 replicas: more than one, at most the bound
    int max = Integer.parseInt(replicas.replaceAll(".*at most (\\d+) ready.*", "$1"));
    assertThat(max).isBetween(2, 10);
    assertThat(replicas).doesNotContain("panic mode 0 s");
    // from zero, the first requests wait for a cold start in the activator
    String activator = line(r.out(), "activator:");
    assertThat(activator).doesNotStartWith("activator: 0 requests waited");
    assertThat(Files.readAllBytes(png))
        .startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  @Test
  void warmMinimum_neverColdStarts() throws IOException {
    Path yaml =
        service(
            "    minReplicas: 2\n"
                + "    maxReplicas: 2\n"
                + "    scaleMetric: concurrency\n"
                + "    scaleTarget: 100\n");
    Path csv = trace("arrival_ms,latency_ms\n0,50\n100,50\n200,50\n");
    Run r =
        run(
            "simulate",
            yaml.toString(),
            "--trace",
            csv.toString(),
            "--startup",
            "500ms",
            "--out",
            dir.resolve("w.png").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 requests").contains("cold starts 0");
    assertThat(line(r.out(), "activator:")).startsWith("activator: 0 requests waited");
  }

  @Test
  void standardMode_hasNothingToSimulate_andSaysWhy() throws IOException {
    Path yaml = dir.resolve("std.yaml");
    Files.writeString(
        yaml,
        "apiVersion: serving.kserve.io/v1beta1\n"
            + "kind: InferenceService\n"
            + "metadata:\n"
            + "  name: iris\n"
            + "  annotations:\n"
            + "    serving.kserve.io/deploymentMode: Standard\n"
            + "spec:\n"
            + "  predictor:\n"
            + "    minReplicas: 3\n"
            + "    model:\n"
            + "      modelFormat:\n"
            + "        name: onnx\n"
            + "      storageUri: file:///nowhere/model.onnx\n");
    Run r = run("simulate", yaml.toString(), "--trace", burst().toString(), "--startup", "1s");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("deploymentMode").contains("nothing to simulate");
  }

  @Test
  void badTraceLine_isNamedWithItsLineNumber() throws IOException {
    Path yaml = service("    minReplicas: 1\n");
    Path csv = trace("second,concurrency\n0,4\n1,four\n");
    Run r = run("simulate", yaml.toString(), "--trace", csv.toString(), "--startup", "1s");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("line 3").contains("'1,four'");
  }

  @Test
  void unknownHeader_saysWhichHeadersAreRead() throws IOException {
    Path yaml = service("    minReplicas: 1\n");
    Path csv = trace("time,count\n0,4\n");
    Run r = run("simulate", yaml.toString(), "--trace", csv.toString(), "--startup", "1s");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("arrival_ms,latency_ms").contains("second,concurrency");
  }

  @Test
  void startupDurations_read() {
    assertThat(SimulateCommand.duration("500ms").toMillis()).isEqualTo(500);
    assertThat(SimulateCommand.duration("2.5s").toMillis()).isEqualTo(2500);
    assertThat(SimulateCommand.duration("2m").toSeconds()).isEqualTo(120);
    assertThat(SimulateCommand.duration("3").toMillis()).isEqualTo(3000);
  }

  private static String line(String out, String prefix) {
    return Arrays.stream(out.split("\\R"))
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in\n" + out));
  }
}
