package io.kserve4j.runtime.onnxruntime.internal;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/** The test models ({@code testdata/models}) and the one way tests load a model. */
final class SharedModels {
  private SharedModels() {}

  /** {@code ${kserve4j.shared.dir}/models}, else {@code ../../testdata/models} from the module. */
  static Path dir() {
    String shared = System.getProperty("kserve4j.shared.dir");
    Path root =
        shared != null && !shared.isBlank() ? Paths.get(shared) : Paths.get("../../testdata");
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

  /**
   * The model called {@code name} served through an {@link InferenceService} ({@code predict()} all
   * the way: chain, replica pool, runtime), seen as a {@link Model}. The service's name is the
   * folder name with '_' written as '-', as KServe's name rules require.
   */
  static Model service(String name) {
    Path path = model(name);
    InferenceService s =
        InferenceService.builder()
            .name(name.replace('_', '-'))
            .predictor(Predictor.model("onnx", path.toString()))
            .build();
    return new Model() {
      @Override
      public ModelMetadata metadata() {
        return s.metadata();
      }

      @Override
      public InferResponse predict(InferRequest request) {
        return s.predict(request);
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }
}
