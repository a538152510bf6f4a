package io.kserve4j.core.internal.onnx;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/** The shared test models ({@code ../shared/models}) and the one way tests load a model. */
final class SharedModels {
  private SharedModels() {}

  /** {@code ${kserve4j.shared.dir}/models}, else {@code ../../shared/models} from the module. */
  static Path dir() {
    String shared = System.getProperty("kserve4j.shared.dir");
    Path root = shared != null && !shared.isBlank() ? Paths.get(shared) : Paths.get("../../shared");
    Path models = root.resolve("models").toAbsolutePath().normalize();
    if (!Files.isDirectory(models)) {
      throw new IllegalStateException(
          "the shared test models are missing at "
              + models
              + " (set -Dkserve4j.shared.dir to the folder holding models/)");
    }
    return models;
  }

  /** The folder of the shared model {@code name}. */
  static Path model(String name) {
    return dir().resolve(name);
  }

  /**
   * Loads the shared model {@code name} from its folder: the one place tests load a model, so that
   * they can move to {@code InferenceService.predict()} by changing this method only.
   */
  static Model load(String name) {
    return load(name, model(name));
  }

  /** Loads the model at {@code path} (a folder or a file) under {@code name}. */
  static Model load(String name, Path path) {
    return new OnnxServingRuntime()
        .load(
            new ModelContext(
                name, ModelSpec.of("onnx", path.toUri().toString()), path, Map.of(), List.of()));
  }
}
