package io.kserve4j.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs a benchmark's baseline, candidate and A/A control interleaved, round after round (A, B, A',
 * A, B, A'...), and prints per round and overall (median of rounds) the ratios candidate/baseline
 * and control/baseline for p50, p99 and allocation per operation. Interleaving keeps slow drifts of
 * a shared machine out of the ratio; the control row shows how much noise is left.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.kserve4j.jmh.Ratios \
 *     io.kserve4j.jmh.core.PredictBenchmark rawRun predict rawRunControl rounds=3 model=handmade_mlp
 * </pre>
 *
 * <p>{@code threads=N} runs each side with N threads; {@code mode=thrpt} measures throughput
 * (operations per second; the p50 column then holds the throughput ratio, higher is better, and the
 * p99 column repeats it).
 */
public final class Ratios {
  private Ratios() {}

  /**
   * Arguments: class, baseline, candidate, control, then {@code rounds=N} and {@code param=value}.
   */
  public static void main(String[] args) throws RunnerException {
    if (args.length < 4) {
      System.err.println(
          "usage: Ratios <benchmark class> <baseline> <candidate> <control> [rounds=N] [param=value...]");
      System.exit(2);
    }
    String cls = args[0];
    String[] methods = {args[1], args[2], args[3]};
    int rounds = 3;
    int threads = 0;
    boolean throughput = false;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv[0].equals("rounds")) {
        rounds = Integer.parseInt(kv[1]);
      } else if (kv[0].equals("threads")) {
        threads = Integer.parseInt(kv[1]);
      } else if (kv[0].equals("mode")) {
        throughput = kv[1].equals("thrpt");
      } else {
        params.put(kv[0], kv[1]);
      }
    }
    List<double[]> rows = new ArrayList<>(); // per round: p50,p99,alloc for A,B,A'
    for (int round = 1; round <= rounds; round++) {
      double[] row = new double[9];
      for (int m = 0; m < 3; m++) {
        ChainedOptionsBuilder o =
            new OptionsBuilder()
                .include(java.util.regex.Pattern.quote(cls + "." + methods[m]) + "$")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        for (Map.Entry<String, String> p : params.entrySet()) {
          o.param(p.getKey(), p.getValue());
        }
        if (threads > 0) {
          o.threads(threads);
        }
        if (throughput) {
          o.mode(org.openjdk.jmh.annotations.Mode.Throughput)
              .timeUnit(java.util.concurrent.TimeUnit.SECONDS);
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        RunResult r = results.iterator().next();
        Result<?> primary = r.getPrimaryResult();
        row[m * 3] = percentile(primary, 50);
        row[m * 3 + 1] = percentile(primary, 99);
        Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
        if (alloc == null) {
          alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        }
        row[m * 3 + 2] = alloc == null ? Double.NaN : alloc.getScore();
      }
      rows.add(row);
      System.out.printf(
          Locale.ROOT,
          "round %d: %s p50 %.3f p99 %.3f alloc %.0f B | %s p50 %.3f p99 %.3f alloc %.0f B | %s p50 %.3f p99 %.3f alloc %.0f B%n",
          round,
          methods[0],
          row[0],
          row[1],
          row[2],
          methods[1],
          row[3],
          row[4],
          row[5],
          methods[2],
          row[6],
          row[7],
          row[8]);
    }
    System.out.println();
    System.out.println(
        "| ratio (median of " + rounds + " rounds) | p50 | p99 | extra alloc B/op |");
    System.out.println("|---|---|---|---|");
    print(methods[1] + " / " + methods[0], rows, 3);
    print(methods[2] + " / " + methods[0] + " (A/A control)", rows, 6);
  }

  private static void print(String label, List<double[]> rows, int offset) {
    double[] p50 = new double[rows.size()];
    double[] p99 = new double[rows.size()];
    double[] alloc = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      p50[i] = r[offset] / r[0];
      p99[i] = r[offset + 1] / r[1];
      alloc[i] = r[offset + 2] - r[2];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3f %s | %.3f %s | %.0f |%n",
        label,
        median(p50),
        Arrays.toString(round(p50)),
        median(p99),
        Arrays.toString(round(p99)),
        median(alloc));
  }

  private static double percentile(Result<?> r, double p) {
    return r.getStatistics().getN() > 1 ? r.getStatistics().getPercentile(p) : r.getScore();
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String[] round(double[] values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = String.format(Locale.ROOT, "%.3f", values[i]);
    }
    return out;
  }
}
