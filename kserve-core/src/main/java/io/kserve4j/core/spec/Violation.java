package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * One problem with a spec: the field's path, its value, the rule it breaks and the fix. It reads
 * {@code spec.predictor.minReplicas = -1: must be >= 0 (use 0 to allow scale to zero)}.
 *
 * @param path the field, e.g. {@code spec.predictor.minReplicas}, or a source position for syntax
 *     errors
 * @param value the offending value, or {@code null} when the field is missing
 * @param rule the rule it breaks
 * @param fix how to fix it
 */
public record Violation(String path, @Nullable Object value, String rule, String fix) {
  @Override
  public String toString() {
    return path + " = " + (value == null ? "<unset>" : value) + ": " + rule + " (" + fix + ")";
  }
}
