package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes object metadata kserve4j reads: name, namespace, labels and annotations. Other
 * metadata fields are kept in {@code extra} for export.
 *
 * @param name the object's name
 * @param namespace its namespace, or {@code null} for the default
 * @param labels its labels
 * @param annotations its annotations
 * @param extra other metadata fields, kept as read
 */
public record ObjectMeta(
    String name,
    @Nullable String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Object> extra) {
  /** Copies the maps. */
  public ObjectMeta {
    labels = Specs.copy(labels);
    annotations = Specs.copy(annotations);
    extra = Specs.copy(extra);
  }

  /** Metadata with only a name. */
  public static ObjectMeta named(String name) {
    return new ObjectMeta(name, null, Map.of(), Map.of(), Map.of());
  }

  /** The namespace, {@code "default"} when none is set. */
  public String namespaceOrDefault() {
    return namespace == null ? "default" : namespace;
  }
}
