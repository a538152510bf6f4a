package io.kserve4j.graph.gjson.internal;

import org.jspecify.annotations.Nullable;

/** GJSON's built-in modifiers, by the name a path writes after {@code @}. */
enum Modifier {
  THIS("this"),
  REVERSE("reverse"),
  UGLY("ugly"),
  PRETTY("pretty"),
  FLATTEN("flatten"),
  JOIN("join"),
  KEYS("keys"),
  VALUES("values"),
  VALID("valid"),
  TOSTR("tostr"),
  FROMSTR("fromstr"),
  GROUP("group"),
  DIG("dig");

  final String label;

  Modifier(String label) {
    this.label = label;
  }

  /** The modifier named {@code name}, or {@code null}: GJSON then reads {@code @name} as a key. */
  static @Nullable Modifier named(String name) {
    for (Modifier m : values()) {
      if (m.label.equals(name)) {
        return m;
      }
    }
    return null;
  }
}
