package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.predictor}. KServe's framework shortcuts ({@code sklearn:}, {@code onnx:}...) are
 * read into {@link #model()} with the matching {@code modelFormat}, as KServe's defaulting webhook
 * does.
 *
 * @param name the predictor's name, or {@code null}
 * @param model the model to serve, or {@code null} for a custom-container predictor
 * @param component the fields every component has
 * @param extra fields that cannot apply in one JVM (containers, resources, nodeSelector...), kept
 *     as read for export
 */
public record PredictorSpec(
    @Nullable String name,
    @Nullable ModelSpec model,
    ComponentExtensionSpec component,
    Map<String, Object> extra) {
  /** Copies the extra fields. */
  public PredictorSpec {
    extra = Specs.copy(extra);
  }

  /** A predictor serving this model, every other field unset. */
  public static PredictorSpec of(ModelSpec model) {
    return new PredictorSpec(null, model, ComponentExtensionSpec.empty(), Map.of());
  }

  /** This predictor with another model spec. */
  public PredictorSpec withModel(@Nullable ModelSpec newModel) {
    return new PredictorSpec(name, newModel, component, extra);
  }

  /** This predictor with other component fields. */
  public PredictorSpec withComponent(ComponentExtensionSpec newComponent) {
    return new PredictorSpec(name, model, newComponent, extra);
  }
}
