package io.kserve4j.samples;

import io.kserve4j.autoscale.VirtualTime;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.ServiceStatus;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.protocol.InferRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scale to zero and back, on virtual time so that it runs in a moment: the service answers, idles
 * past Knative's stable window (60 s) and scale-to-zero grace period (30 s), releases its model,
 * and loads it again when the next request arrives, which waits in the activator meanwhile. The
 * autoscaler's own log lines (System.Logger, INFO) show each decision.
 */
public final class ScaleToZeroSample {
  private ScaleToZeroSample() {}

  /** Runs the scenario and returns what it printed. */
  public static List<String> run() {
    List<String> lines = new ArrayList<>();
    VirtualTime time = new VirtualTime(0);
    String yaml;
    try (InputStream in =
        Objects.requireNonNull(
            ScaleToZeroSample.class.getResourceAsStream("/sklearn-iris-scale-to-zero.yaml"))) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InferenceService iris =
        InferenceService.builder()
            .resource(
                KServeYaml.read(yaml, "sklearn-iris-scale-to-zero.yaml").inferenceServices().get(0))
            .clock(time)
            .scheduler(time)
            .build()) {
      InferRequest flower =
          InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});
      lines.add(
          line(
              0,
              "predict",
              iris.predict(flower).output("output_label").asLongs()[0],
              iris.status()));
      time.advance(Duration.ofSeconds(60));
      lines.add(line(60, "idle", -1, iris.status()));
      time.advance(Duration.ofSeconds(40));
      lines.add(line(100, "idle", -1, iris.status()));
      // The next request waits in the activator while a replica loads (on the virtual scheduler).
      var answer = iris.predictAsync(flower);
      while (iris.status().desiredReplicas() == 0 && !answer.isDone()) {
        Thread.onSpinWait();
      }
      lines.add(line(100, "request at zero", -1, iris.status()));
      while (!answer.isDone()) {
        time.runPending(); // the replica loads on the (virtual) scheduler
        Thread.onSpinWait();
      }
      lines.add(
          line(100, "predict", answer.join().output("output_label").asLongs()[0], iris.status()));
    }
    return lines;
  }

  private static String line(int second, String what, long label, ServiceStatus s) {
    return String.format(
        java.util.Locale.ROOT,
        "t=%3ds %-16s %s ready=%d desired=%d queued=%d",
        second,
        what,
        label >= 0 ? "label=" + label : "       ",
        s.readyReplicas(),
        s.desiredReplicas(),
        s.queued());
  }

  /** Prints the scenario. */
  public static void main(String[] args) {
    run().forEach(System.out::println);
  }
}
