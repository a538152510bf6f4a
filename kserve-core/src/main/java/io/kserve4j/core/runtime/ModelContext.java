package io.kserve4j.core.runtime;

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
 * @param options runtime options the user passed (e.g. {@link OnnxRuntimeOptions}) and, for a Java
 *     predictor, the function itself
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
}
