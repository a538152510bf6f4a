package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kserve4j.core.gpu.Gpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GpuCheckTest {
  private static String models() {
    String shared = System.getProperty("kserve4j.shared.dir", "../../testdata");
    return Path.of(shared, "models").toString();
  }

  @Test
  void withoutGpu_theRehearsal_showsTheRefusalAndTheCpuFallback() {
    assumeTrue(Gpus.inventory().isEmpty(), "this machine has a GPU");
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      code = GpuCheck.check("--allow-no-gpu", "--models", models());
    } finally {
      System.setOut(out);
    }
    String text = printed.toString(StandardCharsets.UTF_8);

    assertThat(code).as(text).isZero();
    assertThat(text)
        .contains("GPU: none: ")
        .contains("PASS without GPU the GPU spec is refused: ")
        .contains("PASS CPU fallback serves on [cpu]: ")
        .endsWith("2 passed, 0 failed\n");
  }
}
