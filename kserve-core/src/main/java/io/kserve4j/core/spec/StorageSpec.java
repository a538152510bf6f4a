package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code model.storage}: a storage location given by a key into the storage configuration and a
 * path, KServe's alternative to {@code storageUri}.
 *
 * @param key the storage configuration entry
 * @param path the model's path in that storage
 * @param parameters overrides of the configuration entry
 * @param schemaPath kept for export; KServe never reads it
 */
public record StorageSpec(
    @Nullable String key,
    @Nullable String path,
    Map<String, String> parameters,
    @Nullable String schemaPath) {
  /** Copies the parameters. */
  public StorageSpec {
    parameters = Specs.copy(parameters);
  }
}
