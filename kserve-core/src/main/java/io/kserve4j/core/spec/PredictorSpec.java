package io.kserve4j.core.spec;

import java.util.LinkedHashMap;
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

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this predictor's fields. */
  public Builder toBuilder() {
    return new Builder().name(name).model(model).component(component).extra(extra);
  }

  /** This predictor with another model spec. */
  public PredictorSpec withModel(@Nullable ModelSpec newModel) {
    return new PredictorSpec(name, newModel, component, extra);
  }

  /** This predictor with other component fields. */
  public PredictorSpec withComponent(ComponentExtensionSpec newComponent) {
    return new PredictorSpec(name, model, newComponent, extra);
  }

  /** Builds a {@link PredictorSpec}. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable ModelSpec model;
    private ComponentExtensionSpec component = ComponentExtensionSpec.empty();
    private Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The predictor's name (KServe's name format). By default unset: KServe names the predictor
     * {@code <service>-predictor}.
     */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /** The model to serve. By default unset, which only a custom-container predictor may leave. */
    public Builder model(@Nullable ModelSpec model) {
      this.model = model;
      return this;
    }

    /**
     * The component fields (replicas, scaling, batcher, logger...). By default every one is unset
     * ({@link ComponentExtensionSpec#empty()}).
     */
    public Builder component(ComponentExtensionSpec component) {
      this.component = component;
      return this;
    }

    /** Replaces the fields kept for export only. By default there are none. */
    public Builder extra(Map<String, Object> extra) {
      this.extra = new LinkedHashMap<>(extra);
      return this;
    }

    /**
     * Adds one field kept for export only, e.g. {@code containers} or {@code nodeSelector}. By
     * default there are none.
     */
    public Builder extra(String field, Object value) {
      extra.put(field, value);
      return this;
    }

    /** The predictor. */
    public PredictorSpec build() {
      return new PredictorSpec(name, model, component, extra);
    }
  }
}
