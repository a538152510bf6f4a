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
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * A Java function as a model. With a signature, requests are checked against its inputs and the
   * outputs asked for against its outputs, and the answer holds only the outputs asked for.
   */
  private static final class FunctionModel implements Model {
    private final String name;
    private final ModelFunction function;
    private final @Nullable ModelMetadata signature;
    private final ModelMetadata metadata;
    private final boolean owned;
    private volatile boolean closed;

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
      if (closed) {
        throw new ModelNotReadyException(name, "the model is closed");
      }
      ModelMetadata s = signature;
      if (s != null) {
        SignatureCheck.check(name, s.inputs(), request);
        SignatureCheck.checkRequestedOutputs(name, s.outputs(), request);
      }
      InferResponse response;
      try {
        response = function.predict(request);
      } catch (InferenceException e) {
        throw e;
      } catch (Exception e) {
        throw new ModelFailureException(name, "the Java predictor failed: " + e, e);
      }
      if (response == null) {
        throw new ModelFailureException(name, "the Java predictor returned no response");
      }
      response = onlyRequested(response, request);
      if (!response.modelName().equals(name)) {
        response = response.withModelName(name);
      }
      return java.util.Objects.equals(response.id(), request.id())
          ? response
          : response.withId(request.id());
    }

    /** The response with only the outputs the request asks for, when it asks for some. */
    private static InferResponse onlyRequested(InferResponse response, InferRequest request) {
      List<RequestedOutput> asked = request.outputs();
      if (asked.isEmpty() || asked.size() >= response.outputs().size()) {
        return response;
      }
      Set<String> names = new HashSet<>();
      for (RequestedOutput o : asked) {
        names.add(o.name());
      }
      List<Tensor> kept = new ArrayList<>();
      for (Tensor t : response.outputs()) {
        if (names.contains(t.name())) {
          kept.add(t);
        }
      }
      return response.toBuilder().outputs(kept).build();
    }

    @Override
    public void close() {
      closed = true;
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
