package io.kserve4j.core.runtime;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.spec.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ServingRuntime} needs to load a model.
 *
 * @param modelName the name the model answers to (the InferenceService's name)
 * @param model the model spec, or {@code null} for a predictor given as Java code
 * @param modelPath the model artifact on local disk (a file or a directory), resolved from {@code
 *     storageUri}; {@code null} when the model has no storage
 * @param annotations the predictor component's annotations merged over the service's
 * @param options the runtime options the user passed (e.g. the ONNX Runtime artifact's {@code
 *     OnnxRuntimeOptions}) and, for a replica placed on a GPU, its {@link CudaOptions}
 * @param device the GPU this replica runs on, or {@code null} for the CPU
 */
public record ModelContext(
    String modelName,
    @Nullable ModelSpec model,
    @Nullable Path modelPath,
    Map<String, String> annotations,
    List<RuntimeOptions> options,
    @Nullable GpuDevice device) {
  /** Copies the collections. */
  public ModelContext {
    annotations = Map.copyOf(annotations);
    options = List.copyOf(options);
  }

  /** A context on the CPU. */
  public ModelContext(
      String modelName,
      @Nullable ModelSpec model,
      @Nullable Path modelPath,
      Map<String, String> annotations,
      List<RuntimeOptions> options) {
    this(modelName, model, modelPath, annotations, options, null);
  }

  /** The first option of this type, or {@code null} when none was given. */
  public <T extends RuntimeOptions> @Nullable T option(Class<T> type) {
    for (RuntimeOptions o : options) {
      if (type.isInstance(o)) {
        return type.cast(o);
      }
    }
    return null;
  }

  /**
   * This context with {@code first} ahead of the other options (found first by {@link #option}).
   */
  public ModelContext withOption(RuntimeOptions first) {
    List<RuntimeOptions> all = new ArrayList<>(options.size() + 1);
    all.add(first);
    all.addAll(options);
    return new ModelContext(modelName, model, modelPath, annotations, all, device);
  }

  /** This context for a replica on {@code device}. */
  public ModelContext withDevice(@Nullable GpuDevice device) {
    return new ModelContext(modelName, model, modelPath, annotations, options, device);
  }
}
