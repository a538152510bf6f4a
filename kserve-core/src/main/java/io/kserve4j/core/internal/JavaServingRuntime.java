package io.kserve4j.core.internal;

import io.kserve4j.core.ModelFunction;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The built-in runtime for predictors written as Java code (model format {@value
 * Predictor#JAVA_FORMAT}): the function comes from the builder, or is instantiated from the class
 * the predictor annotation {@value #CLASS_ANNOTATION} names.
 */
public final class JavaServingRuntime implements ServingRuntime {
  /** The runtime's name. */
  public static final String NAME = "kserve4j-java";

  /** Annotation naming the class of a component written in Java. */
  public static final String CLASS_ANNOTATION = "serving.kserve4j.io/class";

  /** Creates the runtime (ServiceLoader). */
  public JavaServingRuntime() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SupportedModelFormat> supportedModelFormats() {
    return List.of(new SupportedModelFormat(Predictor.JAVA_FORMAT, null, true, 1));
  }

  @Override
  public Model load(ModelContext context) {
    JavaPredictor given = context.option(JavaPredictor.class);
    ModelFunction function = given == null ? null : given.function();
    boolean owned = function == null;
    if (function == null) {
      String className = context.annotations().get(CLASS_ANNOTATION);
      if (className == null) {
        throw new SpecValidationException(
            "InferenceService '" + context.modelName() + "'",
            List.of(
                new Violation(
                    "spec.predictor.annotations[" + CLASS_ANNOTATION + "]",
                    null,
                    "a predictor of modelFormat java needs its Java class",
                    "name a public class implementing io.kserve4j.core.ModelFunction, or build"
                        + " the service with Predictor.function(...)")));
      }
      function =
          JavaComponents.instantiate(
              context.modelName(), "spec.predictor", className, ModelFunction.class);
    }
    ModelMetadata signature = given == null ? null : given.signature();
    return new FunctionModel(context.modelName(), function, signature, owned);
  }

  /** A Java function as a model. */
  private static final class FunctionModel implements Model {
    private final String name;
    private final ModelFunction function;
    private final @Nullable ModelMetadata signature;
    private final ModelMetadata metadata;
    private final boolean owned;

    FunctionModel(
        String name, ModelFunction function, @Nullable ModelMetadata signature, boolean owned) {
      this.name = name;
      this.owned = owned;
      this.function = function;
      this.signature = signature;
      this.metadata =
          signature == null
              ? new ModelMetadata(name, List.of(), "java", List.of(), List.of(), Map.of())
              : signature.withName(name);
    }

    @Override
    public ModelMetadata metadata() {
      return metadata;
    }

    @Override
    public InferResponse predict(InferRequest request) {
      if (signature != null) {
        SignatureCheck.check(name, signature.inputs(), request);
      }
      try {
        return function.predict(request);
      } catch (InferenceException e) {
        throw e;
      } catch (Exception e) {
        throw new ModelFailureException(name, "the Java predictor failed: " + e, e);
      }
    }

    @Override
    public void close() {
      // A function handed to the builder is shared by every replica and owned by the caller.
      if (owned && function instanceof AutoCloseable) {
        try {
          ((AutoCloseable) function).close();
        } catch (Exception e) {
          System.getLogger(JavaServingRuntime.class.getName())
              .log(
                  System.Logger.Level.WARNING,
                  "model " + name + ": closing its function failed",
                  e);
        }
      }
    }
  }
}
