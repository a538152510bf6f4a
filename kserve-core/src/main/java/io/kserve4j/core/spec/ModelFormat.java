package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * {@code model.modelFormat}: the format of a model's artifact.
 *
 * @param name the format name, e.g. {@code onnx}, {@code sklearn} (required)
 * @param version the format version ({@code major[.minor[.patch]]}), compared as an exact string
 *     during runtime selection; {@code null} when unset
 */
public record ModelFormat(String name, @Nullable String version) {
  /** A format without a version. */
  public static ModelFormat of(String name) {
    return new ModelFormat(name, null);
  }
}
