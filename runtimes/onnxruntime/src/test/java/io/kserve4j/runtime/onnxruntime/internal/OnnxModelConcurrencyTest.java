package io.kserve4j.runtime.onnxruntime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One model under many threads answers every request correctly, and repeated rounds of predictions
 * leave the resident memory flat: every native tensor, sequence and map is released.
 */
class OnnxModelConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 10_000;
  private static final long MAX_GROWTH_KIB = 16 * 1024;
  private static final long SETTLED_KIB = 4 * 1024;
  private static final int MAX_WARM_UP_ROUNDS = 6;
  private static final Path STATUS = Path.of("/proc/self/status");

  /** One pool for every round, as a server keeps its request threads. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

  @AfterAll
  static void stopThreads() {
    POOL.shutdownNow();
  }

  @Test
  void mlp_8threadsX10000_allCorrect_andResidentMemoryFlat() throws Exception {
    try (Model model = SharedModels.service("handmade_mlp")) {
      int variants = 16;
      InferRequest[] requests = new InferRequest[variants];
      float[][] expected = new float[variants][];
      for (int v = 0; v < variants; v++) {
        float[] x = {v * 0.25f, 3.5f - v * 0.1f, 1.4f + v * 0.3f, 0.2f * v};
        requests[v] = InferRequest.builder().id("v" + v).input(Tensor.of("input", x, 1, 4)).build();
        expected[v] = model.predict(requests[v]).output("probabilities").asFloats().clone();
      }
      Callable<Long> work =
          () -> {
            long checked = 0;
            long seed = Thread.currentThread().getId();
            for (int i = 0; i < PER_THREAD; i++) {
              int v = (int) ((seed + i) % variants);
              InferResponse r = model.predict(requests[v]);
              if (!"v".concat(String.valueOf(v)).equals(r.id())) {
                throw new AssertionError("request v" + v + " answered with id " + r.id());
              }
              float[] p = r.output("probabilities").asFloats();
              if (!Arrays.equals(p, expected[v])) {
                throw new AssertionError("request v" + v + " answered " + Arrays.toString(p));
              }
              checked++;
            }
            return checked;
          };

      assertResidentMemoryFlat("handmade_mlp", work, THREADS, (long) THREADS * PER_THREAD);
    }
  }

  @Test
  void zipMapModel_repeatedRounds_leaveResidentMemoryFlat() throws Exception {
    Path set = SharedModels.model("sk_logreg_iris").resolve("test_data_set_0");
    Tensor input = TensorProtoReader.read(set.resolve("input_0.pb")).withName("float_input");
    InferRequest request = InferRequest.of(input);
    try (Model model = SharedModels.service("sk_logreg_iris")) {
      long[] labels = model.predict(request).output("output_label").asLongs();
      Callable<Long> work =
          () -> {
            long checked = 0;
            for (int i = 0; i < 1_000; i++) {
              InferResponse r = model.predict(request);
              if (!Arrays.equals(r.output("output_label").asLongs(), labels)
                  || r.output("output_probability").elementCount() != 38 * 3) {
                throw new AssertionError("a wrong answer under concurrency: " + r);
              }
              checked++;
            }
            return checked;
          };
      assertResidentMemoryFlat("sk_logreg_iris (ZipMap, 38 rows)", work, 2, 2 * 1_000);
    }
  }

  /**
   * Runs {@code work} on {@code threads} threads in equal rounds. Warm-up rounds run until the
   * resident memory settles (two readings within {@link #SETTLED_KIB}, at most {@link
   * #MAX_WARM_UP_ROUNDS} rounds): the JIT, the Java heap's first touch of its pages, ONNX Runtime's
   * CPU arena and malloc's per-thread arenas all grow once, by 20 to 30 MiB here, and that growth
   * may land in the first or the second round. Then one more equal round must not grow it by {@link
   * #MAX_GROWTH_KIB}: a leak of one native tensor per prediction (about 300 bytes) grows it by more
   * than that, and also keeps the warm-up from settling.
   */
  private static void assertResidentMemoryFlat(
      String model, Callable<Long> work, int threads, long perRound) throws Exception {
    long start = System.nanoTime();
    List<Long> warmUp = new ArrayList<>();
    long previous = -1;
    for (int i = 0; i < MAX_WARM_UP_ROUNDS; i++) {
      assertThat(rounds(work, threads)).isEqualTo(perRound);
      long rss = residentKib();
      warmUp.add(rss);
      if (previous > 0 && Math.abs(rss - previous) < SETTLED_KIB) {
        break;
      }
      previous = rss;
    }
    long warm = warmUp.get(warmUp.size() - 1);
    long warmMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    assertThat(rounds(work, threads)).isEqualTo(perRound);
    long after = residentKib();
    long roundMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "%s: %d threads, rounds of %d predictions. VmRSS after each warm-up round %s KiB (%d ms"
            + " in all); after one more equal round %d KiB (%d ms): growth %d KiB, %.1f bytes per"
            + " prediction%n",
        model,
        threads,
        perRound,
        warmUp,
        warmMillis,
        after,
        roundMillis,
        after - warm,
        (after - warm) * 1024.0 / perRound);
    assumeTrue(warm > 0, "no /proc/self/status here: resident memory not measured");
    assertThat(after - warm)
        .as("VmRSS growth over the measured round (KiB): %d -> %d", warm, after)
        .isLessThan(MAX_GROWTH_KIB);
  }

  private static long rounds(Callable<Long> work, int threads) throws Exception {
    List<Future<Long>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(POOL.submit(work));
    }
    long total = 0;
    for (Future<Long> f : futures) {
      total += f.get(5, TimeUnit.MINUTES);
    }
    return total;
  }

  /**
   * VmRSS in KiB, or -1 where /proc is absent: the least of three readings, each after a full GC
   * and a short pause. The first reading after a burst sometimes holds tens of MiB that the
   * collector and malloc release a moment later; what stays is what a leak would grow.
   */
  private static long residentKib() throws IOException, InterruptedException {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          least = Math.min(least, Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    }
    return least == Long.MAX_VALUE ? -1 : least;
  }
}
