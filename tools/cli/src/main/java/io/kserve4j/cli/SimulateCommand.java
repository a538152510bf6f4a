package io.kserve4j.cli;

import io.kserve4j.autoscale.AutoscalerSettings;
import io.kserve4j.autoscale.Simulation;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Scaling;
import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j simulate service.yaml --trace requests.csv}: replays a recorded trace through the
 * service's autoscaling settings on virtual time and prints (and draws) what Knative's KPA would
 * do.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a recorded request trace through an InferenceService's autoscaling settings on"
          + " virtual time, and print and draw what Knative's KPA would do: replicas over time,"
          + " panic periods, requests queued at the activator and their extra latency, cold"
          + " starts.",
      "The trace is a CSV file with a header: either 'arrival_ms,latency_ms' (one line per"
          + " request) or 'second,concurrency' (that many one-second requests arriving in each"
          + " second)."
    })
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.yaml", description = "the InferenceService")
  @Nullable Path file;

  @Option(
      names = "--trace",
      required = true,
      paramLabel = "requests.csv",
      description = "the recorded trace")
  @Nullable Path trace;

  @Option(names = "--name", description = "the InferenceService when the file holds several")
  @Nullable String name;

  @Option(
      names = "--startup",
      paramLabel = "DURATION",
      description =
          "a replica's start-up time, e.g. 3s or 500ms (by default the model is loaded once here"
              + " and timed)")
  @Nullable String startup;

  @Option(
      names = "--out",
      paramLabel = "FILE.png",
      description = "where to draw the picture (default: the trace's name with .png)")
  @Nullable Path out;

  @CommandLine.Mixin StorageMixin storage = new StorageMixin();

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter w = Cli.out(spec);
    Path yaml = Cli.required(file, "FILE.yaml");
    Path csv = Cli.required(trace, "--trace");
    InferenceServiceResource service = pick(KServeYaml.read(yaml), yaml);
    service.validate();
    Scaling scaling = Scaling.of(service);
    AutoscalerSettings settings = scaling.settings();
    if (settings == null) {
      throw new SpecValidationException(
          "InferenceService '" + service.name() + "'",
          List.of(
              new Violation(
                  "metadata.annotations[serving.kserve.io/deploymentMode]",
                  "Standard",
                  "runs a fixed " + scaling.fixedReplicas() + " replicas: nothing to simulate",
                  "simulate the Knative mode (the default), where Knative's KPA scales")));
    }
    Duration startupTime = startup != null ? duration(startup) : measure(service, yaml);
    List<Simulation.Request> requests = readTrace(csv);
    // The autoscaler logs each decision at INFO; here the table below says it all.
    java.util.logging.Logger autoscaler =
        java.util.logging.Logger.getLogger("io.kserve4j.autoscale");
    java.util.logging.Level was = autoscaler.getLevel();
    autoscaler.setLevel(java.util.logging.Level.WARNING);
    Simulation.Result r;
    try {
      r =
          Simulation.builder(settings)
              .containerConcurrency(scaling.containerConcurrency())
              .startupTime(startupTime)
              .timeout(scaling.timeout())
              .build()
              .run(requests);
    } finally {
      autoscaler.setLevel(was);
    }
    report(w, service.name(), settings, startupTime, r);
    Path picture = out != null ? out : png(csv);
    draw(service.name(), r, picture);
    w.println("picture: " + picture);
    w.flush();
    return 0;
  }

  private InferenceServiceResource pick(KServeDocuments docs, Path yaml) {
    List<InferenceServiceResource> all = docs.inferenceServices();
    for (InferenceServiceResource r : all) {
      if (name == null ? all.size() == 1 : r.name().equals(name)) {
        return r;
      }
    }
    List<String> names = new ArrayList<>();
    all.forEach(r -> names.add(r.name()));
    throw new SpecValidationException(
        yaml.toString(),
        List.of(
            new Violation(
                yaml.toString(),
                names,
                name == null
                    ? "holds " + all.size() + " InferenceServices"
                    : "holds no InferenceService named '" + name + "'",
                "name one with --name")));
  }

  /** Loads the model once, as a replica would, and times it. */
  private Duration measure(InferenceServiceResource service, Path yaml) {
    StorageOptions options = storage.options();
    Path dir = yaml.toAbsolutePath().getParent();
    if (dir != null) {
      options = options.withBaseDir(dir);
    }
    long start = System.nanoTime();
    try (InferenceService loaded =
        InferenceService.builder().resource(service).storage(options).build()) {
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  /** A duration as {@code 3s}, {@code 500ms}, {@code 2m} or a plain number of seconds. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(
          new CommandLine(new Kserve4jCommand()),
          "--startup " + text + ": not a duration (write e.g. 3s or 500ms)");
    }
  }

  /**
   * The trace: {@code arrival_ms,latency_ms} per request, or {@code second,concurrency} (that many
   * one-second requests arriving in that second, spread evenly).
   *
   * @throws IOException if the file cannot be read, or a line does not read (the message names it)
   */
  static List<Simulation.Request> readTrace(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new java.io.IOException(csv + " is empty (give a header and lines)");
    }
    String header = lines.get(0).trim().toLowerCase(Locale.ROOT).replace(" ", "");
    boolean perRequest = header.equals("arrival_ms,latency_ms");
    if (!perRequest && !header.equals("second,concurrency")) {
      throw new java.io.IOException(
          csv
              + " line 1: the header must be 'arrival_ms,latency_ms' or 'second,concurrency', not '"
              + lines.get(0)
              + "'");
    }
    List<Simulation.Request> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException("two values expected");
        }
        double a = Double.parseDouble(parts[0].trim());
        double b = Double.parseDouble(parts[1].trim());
        if (a < 0 || b < 0) {
          throw new NumberFormatException("negative");
        }
        if (perRequest) {
          out.add(
              new Simulation.Request(
                  Duration.ofNanos(Math.round(a * 1e6)), Duration.ofNanos(Math.round(b * 1e6))));
        } else {
          int n = (int) Math.round(b);
          for (int k = 0; k < n; k++) {
            out.add(
                new Simulation.Request(
                    Duration.ofNanos(Math.round((a + (double) k / n) * 1e9)),
                    Duration.ofSeconds(1)));
          }
        }
      } catch (NumberFormatException e) {
        throw new java.io.IOException(
            csv + " line " + (i + 1) + ": '" + line + "' is not two non-negative numbers", e);
      }
    }
    return out;
  }

  private static void report(
      PrintWriter w,
      String service,
      AutoscalerSettings settings,
      Duration startup,
      Simulation.Result r) {
    w.printf(
        Locale.ROOT,
        "simulated %s: %d requests, KPA on %s (target %.1f per replica at %.0f%%, replicas %d to"
            + " %s), start-up %.1f s%n",
        service,
        r.requests(),
        settings.metric().name().toLowerCase(Locale.ROOT),
        settings.totalTarget(),
        settings.targetUtilization() * 100,
        settings.minScale(),
        settings.maxScale() == 0 ? "any number" : String.valueOf(settings.maxScale()),
        startup.toMillis() / 1000.0);
    w.printf(
        Locale.ROOT,
        "replicas: at most %d ready; panic mode %d s; cold starts %d%n",
        r.maxReplicas(),
        r.panicSeconds(),
        r.coldStarts());
    w.printf(
        Locale.ROOT,
        "activator: %d requests waited for a replica; extra latency p50 %d ms, p99 %d ms, max %d"
            + " ms; %d refused (queue full), %d timed out%n",
        r.waited(),
        r.waitQuantile(0.5).toMillis(),
        r.waitQuantile(0.99).toMillis(),
        r.waitQuantile(1.0).toMillis(),
        r.rejected(),
        r.timedOut());
    w.println("second  desired  ready  starting  in-flight  queued  panic  stable  panic-avg");
    Simulation.Sample last = null;
    for (Simulation.Sample s : r.samples()) {
      if (last == null
          || s.desired() != last.desired()
          || s.ready() != last.ready()
          || s.panicking() != last.panicking()
          || (s.queued() > 0) != (last.queued() > 0)) {
        w.printf(
            Locale.ROOT,
            "%6d  %7d  %5d  %8d  %9d  %6d  %5s  %6.1f  %9.1f%n",
            s.second(),
            s.desired(),
            s.ready(),
            s.starting(),
            s.inFlight(),
            s.queued(),
            s.panicking() ? "yes" : "no",
            s.stableValue(),
            s.panicValue());
      }
      last = s;
    }
  }

  /** Draws replicas, concurrency, panic periods and the activator queue over time, with XChart. */
  static void draw(String service, Simulation.Result r, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int n = r.samples().size();
    double[] t = new double[n];
    double[] desired = new double[n];
    double[] ready = new double[n];
    double[] concurrency = new double[n];
    double[] panic = new double[n];
    double[] queued = new double[n];
    double top = 1;
    for (int i = 0; i < n; i++) {
      Simulation.Sample s = r.samples().get(i);
      t[i] = s.second();
      desired[i] = s.desired();
      ready[i] = s.ready();
      concurrency[i] = s.inFlight() + s.queued();
      queued[i] = s.queued();
      top = Math.max(top, Math.max(desired[i], Math.max(ready[i], concurrency[i])));
    }
    for (int i = 0; i < n; i++) {
      panic[i] = r.samples().get(i).panicking() ? top : 0;
    }
    XYChart replicas =
        new XYChartBuilder()
            .width(1000)
            .height(460)
            .title(service + ": replicas and concurrency (Knative KPA, simulated)")
            .xAxisTitle("seconds")
            .yAxisTitle("replicas / requests")
            .build();
    replicas.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    XYSeries p = replicas.addSeries("panic mode", t, panic);
    p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    p.setMarker(SeriesMarkers.NONE);
    p.setFillColor(new Color(255, 200, 200, 120));
    p.setLineColor(new Color(255, 200, 200, 0));
    replicas
        .addSeries("concurrency (in flight + queued)", t, concurrency)
        .setMarker(SeriesMarkers.NONE);
    replicas.addSeries("desired replicas", t, desired).setMarker(SeriesMarkers.NONE);
    replicas.addSeries("ready replicas", t, ready).setMarker(SeriesMarkers.NONE);
    XYChart queue =
        new XYChartBuilder()
            .width(1000)
            .height(460)
            .title("requests waiting in the activator")
            .xAxisTitle("seconds")
            .yAxisTitle("requests")
            .build();
    queue.getStyler().setLegendVisible(false);
    XYSeries q = queue.addSeries("queued", t, queued);
    q.setMarker(SeriesMarkers.NONE);
    q.setLineColor(new Color(40, 80, 200));
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String base =
        png.toString().endsWith(".png")
            ? png.toString().substring(0, png.toString().length() - 4)
            : png.toString();
    BitmapEncoder.saveBitmap(List.of(replicas, queue), 2, 1, base, BitmapEncoder.BitmapFormat.PNG);
  }

  private static Path png(Path csv) {
    String n = csv.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return csv.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".png");
  }
}
