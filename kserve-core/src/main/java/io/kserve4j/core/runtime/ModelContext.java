package io.kserve4j.core.runtime;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.spec.ModelSpec;
import java.nio.file.Path;
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
 * @param options runtime options the user passed (e.g. {@link OnnxRuntimeOptions}), for a Java
 *     predictor the function itself, and for a replica placed on a GPU its {@link GpuDevice} and
 *     {@link CudaOptions}
 */
public record ModelContext(
    String modelName,
    @Nullable ModelSpec model,
    @Nullable Path modelPath,
    Map<String, String> annotations,
    List<Object> options) {
  /** Copies the collections. */
  public ModelContext {
    annotations = Map.copyOf(annotations);
    options = List.copyOf(options);
  }

  /** The first option of this type, or {@code null} when none was given. */
  public <T> @Nullable T option(Class<T> type) {
    for (Object o : options) {
      if (type.isInstance(o)) {
        return type.cast(o);
      }
    }
    return null;
  }

  /** The GPU this replica runs on, or {@code null} for the CPU. */
  public @Nullable GpuDevice device() {
    return option(GpuDevice.class);
  }

  /**
   * This context with {@code extra} options ahead of the others (found first by {@link #option}).
   */
  public ModelContext withOptions(List<Object> extra) {
    List<Object> all = new java.util.ArrayList<>(extra);
    all.addAll(options);
    return new ModelContext(modelName, model, modelPath, annotations, all);
  }
}
