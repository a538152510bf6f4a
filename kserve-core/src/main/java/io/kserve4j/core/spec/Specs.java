package io.kserve4j.core.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Copies for spec records: immutable and in their original order, for faithful export. */
final class Specs {
  private Specs() {}

  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static <T> List<T> copy(List<T> list) {
    return List.copyOf(list);
  }

  /** A text field of the {@code status} kept in {@code extra}, or {@code null}. */
  static @Nullable String statusText(Map<String, Object> extra, String field) {
    return extra.get("status") instanceof Map<?, ?> status && status.get(field) instanceof String s
        ? s
        : null;
  }
}
