package io.kserve4j.core.spec;

import java.util.Map;

/**
 * {@code spec.explainer}: explanations of the predictor's answers. In a JVM the explainer is Java
 * code: the component annotation {@code serving.kserve4j.io/class} names a class implementing
 * {@code io.kserve4j.core.Explainer}, or the builder binds an instance.
 *
 * @param component the fields every component has
 * @param extra fields that cannot apply in one JVM ({@code art}, containers...), kept for export
 */
public record ExplainerSpec(ComponentExtensionSpec component, Map<String, Object> extra) {
  /** Copies the extra fields. */
  public ExplainerSpec {
    extra = Specs.copy(extra);
  }
}
