package io.kserve4j.core;

import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.ModelFormat;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The predictor of an {@link InferenceService}: a model spec served by a runtime chosen with
 * KServe's rules, or plain Java code.
 *
 * <pre>{@code
 * Predictor onnx = Predictor.model("sklearn", "classpath:models/iris/model.onnx");
 * Predictor java = Predictor.function(request -> InferResponse.of("echo", request.inputs()));
 * }</pre>
 *
 * A Java predictor is a model of format {@value #JAVA_FORMAT}, served by the built-in {@code
 * kserve4j-java} runtime like any other runtime serves its formats. Immutable.
 */
public final class Predictor {
  /** The model format of predictors written as Java code. */
  public static final String JAVA_FORMAT = "java";

  private final PredictorSpec spec;
  private final @Nullable ModelFunction function;
  private final @Nullable ModelMetadata signature;

  private Predictor(
      PredictorSpec spec, @Nullable ModelFunction function, @Nullable ModelMetadata signature) {
    this.spec = spec;
    this.function = function;
    this.signature = signature;
  }

  /** A predictor serving {@code model}, every component field at KServe's default. */
  public static Predictor model(ModelSpec model) {
    return new Predictor(PredictorSpec.of(model), null, null);
  }

  /**
   * A predictor serving the model of this format at this storage URI, e.g. {@code model("onnx",
   * "file:///models/mnist")}.
   */
  public static Predictor model(String modelFormat, String storageUri) {
    return model(ModelSpec.of(modelFormat, storageUri));
  }

  /** A predictor from a full predictor spec (as read from YAML). */
  public static Predictor of(PredictorSpec spec) {
    return new Predictor(spec, null, null);
  }

  /**
   * A predictor written as Java code. Its metadata lists no inputs or outputs and requests are
   * passed through unchecked; use {@link #function(ModelFunction, List, List)} to declare them.
   */
  public static Predictor function(ModelFunction function) {
    return new Predictor(javaSpec(), Objects.requireNonNull(function, "function"), null);
  }

  /**
   * A predictor written as Java code with a declared signature: requests are checked against {@code
   * inputs} (names, datatypes, shapes with -1 for any size) before the function runs, and metadata
   * reports both lists.
   */
  public static Predictor function(
      ModelFunction function, List<TensorMetadata> inputs, List<TensorMetadata> outputs) {
    ModelMetadata signature = new ModelMetadata("", List.of(), "java", inputs, outputs, Map.of());
    return new Predictor(javaSpec(), Objects.requireNonNull(function, "function"), signature);
  }

  /** The predictor spec, as it would be written to KServe YAML. */
  public PredictorSpec spec() {
    return spec;
  }

  /** The Java function of a Java predictor; {@code null} for a model served by a runtime. */
  public @Nullable ModelFunction function() {
    return function;
  }

  /** The declared signature of a Java predictor, or {@code null}. */
  public @Nullable ModelMetadata signature() {
    return signature;
  }

  /** This predictor with other component fields (replicas, timeout, batcher, logger...). */
  public Predictor withComponent(ComponentExtensionSpec component) {
    return new Predictor(spec.withComponent(component), function, signature);
  }

  /** This predictor with another model spec (a Java function, if any, is dropped). */
  public Predictor withModel(ModelSpec model) {
    return new Predictor(spec.withModel(model), null, null);
  }

  @Override
  public String toString() {
    ModelSpec model = spec.model();
    return function != null
        ? "Predictor{java function}"
        : "Predictor{" + (model == null ? "no model" : model.modelFormat().name()) + "}";
  }

  private static PredictorSpec javaSpec() {
    return PredictorSpec.of(
        new ModelSpec(ModelFormat.of(JAVA_FORMAT), null, null, null, null, null, Map.of()));
  }
}
