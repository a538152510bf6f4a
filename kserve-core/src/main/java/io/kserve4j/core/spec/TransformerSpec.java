package io.kserve4j.core.spec;

import java.util.Map;

/**
 * {@code spec.transformer}: pre- and postprocessing around the predictor. In a JVM the transformer
 * is Java code: the component annotation {@code serving.kserve4j.io/class} names a class
 * implementing {@code io.kserve4j.core.Transformer}, or the builder binds an instance.
 *
 * @param component the fields every component has
 * @param extra fields that cannot apply in one JVM (containers...), kept as read for export
 */
public record TransformerSpec(ComponentExtensionSpec component, Map<String, Object> extra) {
  /** Copies the extra fields. */
  public TransformerSpec {
    extra = Specs.copy(extra);
  }
}
