package io.kserve4j.core.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The sample KServe YAML files under {@code src/test/resources/kserve}. */
final class Samples {
  /** The valid samples, by file name. */
  static final List<String> VALID =
      List.of(
          "sklearn-iris.yaml",
          "onnx-v2.yaml",
          "grpc.yaml",
          "autoscaling.yaml",
          "scale-to-zero.yaml",
          "canary.yaml",
          "batcher-logger.yaml",
          "transformer.yaml",
          "explainer.yaml",
          "raw-deployment.yaml",
          "runtime-and-service.yaml",
          "cluster-serving-runtime.yaml",
          "inference-graph.yaml",
          "trained-model.yaml");

  private Samples() {}

  /** A sample's path, e.g. {@code path("invalid/servingruntime.yaml")}. */
  static Path path(String name) {
    URL url = Objects.requireNonNull(Samples.class.getResource("/kserve/" + name), name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  /** A sample's text. */
  static String text(String name) {
    try {
      return Files.readString(path(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample read with {@link KServeYaml#read(Path)}. */
  static KServeDocuments read(String name) {
    return KServeYaml.read(path(name));
  }

  /** The non-empty YAML documents of a text, split at {@code ---} lines. */
  static List<String> documents(String yaml) {
    return Stream.of(yaml.split("(?m)^---\\s*$"))
        .filter(d -> !d.replaceAll("(?m)^\\s*#.*$", "").isBlank())
        .collect(Collectors.toList());
  }

  /**
   * Every file under {@code kserve/} that is not in {@code invalid/}, to keep {@link #VALID} whole.
   */
  static List<String> validOnDisk() {
    try (Stream<Path> files = Files.list(path("sklearn-iris.yaml").getParent())) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
