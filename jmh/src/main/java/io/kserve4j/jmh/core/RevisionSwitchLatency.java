package io.kserve4j.jmh.core;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.jmh.SharedModels;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * p99 of {@code predict} during a revision switch under load, against p99 just before it, with an
 * A/A control. Not a JMH benchmark: what is measured is a window of time around an event, which
 * JMH's iterations cannot isolate; the harness keeps JMH's discipline otherwise (warm-up first,
 * both sides interleaved in one JVM, median of rounds, a control).
 *
 * <p>{@code threads} callers predict B1's model (the shared 4-8-3 MLP) in a closed loop the whole
 * time. Each round: {@code update()} points the service at the other of two copies of the model
 * file (a changed predictor, so a new revision that loads in the background while the current one
 * serves), and the harness waits until traffic has moved. The switch window runs from the update
 * call to 300 ms after traffic moved (the old revision drains and closes in that time: its calls in
 * flight take microseconds); the "before" window is the same length just before the update; the
 * control window is the same length after the switch, once the JVM settled, and is compared with
 * "before" the same way.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.kserve4j.jmh.core.RevisionSwitchLatency rounds=10 threads=4
 * </pre>
 */
public final class RevisionSwitchLatency {
  private RevisionSwitchLatency() {}

  private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

  /** Arguments: {@code rounds=N} (default 10), {@code threads=N} (default 4). */
  public static void main(String[] args) throws Exception {
    int rounds = 10;
    int threads = 4;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "rounds" -> rounds = Integer.parseInt(kv[1]);
        case "threads" -> threads = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Path dir = Files.createTempDirectory("kserve4j-switch");
    Path model = SharedModels.model("handmade_mlp");
    Path[] copies = {dir.resolve("a.onnx"), dir.resolve("b.onnx")};
    for (Path c : copies) {
      Files.copy(model, c, StandardCopyOption.REPLACE_EXISTING);
    }
    int width = SharedModels.inputWidth("handmade_mlp");
    ByteBuffer input = ByteBuffer.allocateDirect(width * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < width; i++) {
      input.putFloat(i * 4, (i % 7) * 0.25f);
    }
    try (InferenceService service = InferenceService.builder().resource(spec(copies[0])).build()) {
      String inputName = service.metadata().inputs().get(0).name();
      InferRequest request =
          InferRequest.of(Tensor.of(inputName, DataType.FP32, input, new long[] {1, width}));
      Recorder recorder = new Recorder(threads, 4_000_000);
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread caller =
            new Thread(
                () -> {
                  while (running.get()) {
                    long start = System.nanoTime();
                    service.predict(request);
                    recorder.record(id, start, System.nanoTime() - start);
                  }
                },
                "caller-" + t);
        caller.setDaemon(true);
        callers.add(caller);
        caller.start();
      }
      // Warm-up: the loop, the JIT, and two switches.
      Thread.sleep(3000);
      for (int w = 0; w < 2; w++) {
        service.update(spec(copies[(w + 1) % 2])).get(60, TimeUnit.SECONDS);
        Thread.sleep(1000);
      }
      int next = 0; // after two warm-up switches the service is on copies[0] again
      double[][] rows = new double[rounds][6];
      for (int round = 0; round < rounds; round++) {
        next = (next + 1) % 2;
        long updateAt = System.nanoTime();
        service.update(spec(copies[next])).get(60, TimeUnit.SECONDS);
        long switchEnd = System.nanoTime() + SETTLE_NANOS;
        long length = switchEnd - updateAt;
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(length) + 1000);
        long controlStart = System.nanoTime();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(length) + 1);
        long[] a = recorder.between(updateAt - length, updateAt);
        long[] b = recorder.between(updateAt, switchEnd);
        long[] c = recorder.between(controlStart, controlStart + length);
        rows[round] = new double[] {p(a, 50), p(a, 99), p(b, 50), p(b, 99), p(c, 50), p(c, 99)};
        System.out.printf(
            Locale.ROOT,
            "round %d: window %d ms | before p50 %.1f p99 %.1f µs (%d calls) | switch p50 %.1f"
                + " p99 %.1f µs (%d calls) | control p50 %.1f p99 %.1f µs (%d calls)%n",
            round + 1,
            TimeUnit.NANOSECONDS.toMillis(length),
            rows[round][0],
            rows[round][1],
            a.length,
            rows[round][2],
            rows[round][3],
            b.length,
            rows[round][4],
            rows[round][5],
            c.length);
        Thread.sleep(500);
      }
      running.set(false);
      for (Thread t : callers) {
        t.join(10_000);
      }
      System.out.println();
      System.out.println(
          "| ratio (median of " + rounds + " rounds, " + threads + " callers) | p50 | p99 |");
      System.out.println("|---|---|---|");
      print("during the switch / before it", rows, 2);
      print("after it / before it (A/A control)", rows, 4);
    } finally {
      for (Path c : copies) {
        Files.deleteIfExists(c);
      }
      Files.deleteIfExists(dir);
    }
  }

  private static InferenceServiceResource spec(Path model) {
    String yaml =
        "apiVersion: serving.kserve.io/v1beta1\n"
            + "kind: InferenceService\n"
            + "metadata:\n"
            + "  name: switch\n"
            + "spec:\n"
            + "  predictor:\n"
            + "    minReplicas: 1\n"
            + "    model:\n"
            + "      modelFormat:\n"
            + "        name: onnx\n"
            + "      storageUri: "
            + model.toUri()
            + "\n";
    return KServeYaml.read(yaml, "switch.yaml").inferenceServices().get(0);
  }

  private static void print(String label, double[][] rows, int offset) {
    double[] p50 = new double[rows.length];
    double[] p99 = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      p50[i] = rows[i][offset] / rows[i][0];
      p99[i] = rows[i][offset + 1] / rows[i][1];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3f %s | %.3f %s |%n",
        label,
        median(p50),
        Arrays.toString(rounded(p50)),
        median(p99),
        Arrays.toString(rounded(p99)));
  }

  private static double p(long[] nanos, double percentile) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] s = nanos.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(percentile / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))] / 1000.0;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String[] rounded(double[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = String.format(Locale.ROOT, "%.2f", values[i]);
    }
    return out;
  }

  /** Per caller, a ring of (start, latency) pairs; read only for windows already past. */
  private static final class Recorder {
    private final long[][] starts;
    private final long[][] latencies;
    private final int[] counts;

    Recorder(int threads, int capacity) {
      starts = new long[threads][capacity];
      latencies = new long[threads][capacity];
      counts = new int[threads];
    }

    void record(int thread, long start, long latency) {
      int n = counts[thread];
      int i = n % starts[thread].length;
      starts[thread][i] = start;
      latencies[thread][i] = latency;
      counts[thread] = n + 1;
    }

    /** Latencies of calls that started in [from, to). Racy by design: windows read are past. */
    long[] between(long from, long to) {
      long[] out = new long[1024];
      int n = 0;
      for (int t = 0; t < starts.length; t++) {
        int count = Math.min(counts[t], starts[t].length);
        for (int i = 0; i < count; i++) {
          long s = starts[t][i];
          if (s >= from && s < to) {
            if (n == out.length) {
              out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = latencies[t][i];
          }
        }
      }
      return Arrays.copyOf(out, n);
    }
  }
}
