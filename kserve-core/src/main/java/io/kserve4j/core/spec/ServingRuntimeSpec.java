package io.kserve4j.core.spec;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec} of a {@code ServingRuntime} or {@code ClusterServingRuntime}.
 *
 * @param supportedModelFormats the formats this runtime serves
 * @param protocolVersions the protocols it speaks; empty means any
 * @param multiModel whether it serves many models per server (never chosen for one model)
 * @param disabled whether it is disabled
 * @param extra containers and other fields kept as read for export
 */
public record ServingRuntimeSpec(
    List<SupportedModelFormat> supportedModelFormats,
    List<String> protocolVersions,
    @Nullable Boolean multiModel,
    @Nullable Boolean disabled,
    Map<String, Object> extra) {
  /** Copies the lists and map. */
  public ServingRuntimeSpec {
    supportedModelFormats = Specs.copy(supportedModelFormats);
    protocolVersions = Specs.copy(protocolVersions);
    extra = Specs.copy(extra);
  }

  /** Whether {@code disabled} is set and true. */
  public boolean isDisabled() {
    return Boolean.TRUE.equals(disabled);
  }

  /** Whether {@code multiModel} is set and true. */
  public boolean isMultiModel() {
    return Boolean.TRUE.equals(multiModel);
  }
}
