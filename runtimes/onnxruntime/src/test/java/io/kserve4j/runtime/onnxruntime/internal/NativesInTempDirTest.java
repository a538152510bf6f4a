package io.kserve4j.runtime.onnxruntime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime unpacks its natives into a new {@code onnxruntime-java*} folder of the temp
 * directory in every JVM and leaves it behind; kserve4j unpacks them once into its cache instead.
 * Checked in a fresh JVM with a temp directory of its own.
 */
class NativesInTempDirTest {
  /** The fresh JVM's work: one ONNX service, one prediction. */
  public static void main(String[] args) {
    try (InferenceService s =
        InferenceService.builder()
            .name("mlp")
            .predictor(Predictor.model("onnx", args[0]))
            .build()) {
      s.predict(InferRequest.of("input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}));
    }
    System.out.println("predicted");
  }

  @Test
  void aJvmServingOnnx_leavesNothingInTheTempDirectory_andReusesItsCache(
      @TempDir Path tmp, @TempDir Path cache) throws Exception {
    Path model = SharedModels.model("handmade_mlp");

    for (int run = 0; run < 2; run++) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Djava.io.tmpdir=" + tmp,
                  "-Dkserve4j.cache.dir=" + cache,
                  "-cp",
                  System.getProperty("java.class.path"),
                  NativesInTempDirTest.class.getName(),
                  model.toString())
              .redirectErrorStream(true)
              .start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("predicted");

      try (Stream<Path> left = Files.list(tmp)) {
        assertThat(left.map(f -> f.getFileName().toString()))
            .as("temp directory after run " + run)
            .noneMatch(n -> n.startsWith("onnxruntime-java"));
      }
    }
    try (Stream<Path> dirs = Files.list(cache)) {
      List<String> names = dirs.map(f -> f.getFileName().toString()).toList();
      assertThat(names).containsExactly("onnxruntime-1.28.0-" + OnnxCuda.cpuPlatform());
    }
    assertThat(
            new File(cache.toFile(), "onnxruntime-1.28.0-" + OnnxCuda.cpuPlatform() + "/.complete"))
        .exists();
  }
}
