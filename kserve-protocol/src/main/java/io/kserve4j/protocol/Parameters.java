package io.kserve4j.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks and copies protocol parameter maps: values are strings, booleans or numbers. */
final class Parameters {
  private Parameters() {}

  static Map<String, Object> copyOf(Map<String, ?> parameters) {
    if (parameters.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : parameters.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof String || v instanceof Boolean || v instanceof Number)) {
        throw new IllegalArgumentException(
            "parameter '"
                + e.getKey()
                + "' = "
                + v
                + ": parameter values must be a string, a boolean or a number");
      }
      copy.put(e.getKey(), v);
    }
    return java.util.Collections.unmodifiableMap(copy);
  }
}
