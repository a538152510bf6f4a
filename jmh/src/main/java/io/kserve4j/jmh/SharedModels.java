package io.kserve4j.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds benchmark models: the test models in testdata/, or ones {@link OnnxModelWriter} builds. */
public final class SharedModels {
  private SharedModels() {}

  /**
   * The model file of a named benchmark model: {@code mlp784} (a 784-128-10 MLP built here) or the
   * name of a folder under {@code testdata/models} (system property {@code kserve4j.shared.dir},
   * else {@code testdata} or {@code ../testdata} from the working directory).
   */
  public static Path model(String name) {
    try {
      if (name.equals("mlp784")) {
        Path file = Files.createTempFile("kserve4j-mlp784-", ".onnx");
        file.toFile().deleteOnExit();
        Files.write(file, OnnxModelWriter.mlp(784, 128, 10, 42));
        return file;
      }
      for (String dir :
          new String[] {
            System.getProperty("kserve4j.shared.dir", "testdata"), "testdata", "../testdata"
          }) {
        Path p = Path.of(dir, "models", name, "model.onnx");
        if (Files.exists(p)) {
          return p.toAbsolutePath();
        }
      }
      throw new IllegalStateException(
          "model " + name + " not found: set -Dkserve4j.shared.dir to the testdata folder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The width of the input of a benchmark model ([N, width]). */
  public static int inputWidth(String name) {
    return name.equals("mlp784") ? 784 : 4;
  }
}
