package io.kserve4j.core.spec;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A component's {@code logger}: where request and response events go.
 *
 * @param url the sink URL; {@code null} means KServe's default broker
 * @param mode {@code all}, {@code request} or {@code response}; KServe's webhook requires one
 * @param metadataHeaders request headers copied into each event
 * @param metadataAnnotations InferenceService annotations copied into each event
 * @param extra other logger fields (storage, marshallerUrl, batchSize...), kept for export
 */
public record LoggerSpec(
    @Nullable String url,
    @Nullable String mode,
    List<String> metadataHeaders,
    List<String> metadataAnnotations,
    Map<String, Object> extra) {
  /** Copies the lists and map. */
  public LoggerSpec {
    metadataHeaders = Specs.copy(metadataHeaders);
    metadataAnnotations = Specs.copy(metadataAnnotations);
    extra = Specs.copy(extra);
  }
}
