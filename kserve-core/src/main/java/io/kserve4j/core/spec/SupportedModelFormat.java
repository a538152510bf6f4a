package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a ServingRuntime's {@code supportedModelFormats}.
 *
 * @param name the format name (required)
 * @param version the format version, compared as an exact string; {@code null} for any
 * @param autoSelect whether the runtime may be chosen automatically for this format
 * @param priority higher wins among automatic candidates; {@code null} for none (at least 1)
 */
public record SupportedModelFormat(
    String name,
    @Nullable String version,
    @Nullable Boolean autoSelect,
    @Nullable Integer priority) {

  /** Whether {@code autoSelect} is set and true. */
  public boolean isAutoSelect() {
    return Boolean.TRUE.equals(autoSelect);
  }
}
