package io.kserve4j.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * An Open Inference Protocol inference response: the model's name and version, the request id and
 * the output tensors.
 *
 * <pre>{@code
 * long label = response.output("output_label").asLongs()[0];
 * }</pre>
 */
public final class InferResponse {
  private final String modelName;
  private final @Nullable String modelVersion;
  private final @Nullable String id;
  private final Map<String, Object> parameters;
  private final List<Tensor> outputs;

  private InferResponse(
      String modelName,
      @Nullable String modelVersion,
      @Nullable String id,
      Map<String, Object> parameters,
      List<Tensor> outputs) {
    this.modelName = modelName;
    this.modelVersion = modelVersion;
    this.id = id;
    this.parameters = parameters;
    this.outputs = outputs;
  }

  /** A response of {@code modelName} with these outputs. */
  public static InferResponse of(String modelName, List<Tensor> outputs) {
    return new InferResponse(modelName, null, null, Map.of(), List.copyOf(outputs));
  }

  /** A builder for a response. */
  public static Builder builder(String modelName) {
    return new Builder(modelName);
  }

  /** A builder that starts from this response. */
  public Builder toBuilder() {
    Builder b = new Builder(modelName);
    b.modelVersion = modelVersion;
    b.id = id;
    b.parameters = parameters;
    b.outputs.addAll(outputs);
    return b;
  }

  /** The name of the model that answered. */
  public String modelName() {
    return modelName;
  }

  /** The model's version, or {@code null} when it has none. */
  public @Nullable String modelVersion() {
    return modelVersion;
  }

  /** The request's id, or {@code null} when the request had none. */
  public @Nullable String id() {
    return id;
  }

  /** The response parameters (immutable, possibly empty). */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** The output tensors, in the model's order. */
  public List<Tensor> outputs() {
    return outputs;
  }

  /**
   * The output called {@code name}.
   *
   * @throws NoSuchElementException if there is none; the message lists the outputs there are
   */
  public Tensor output(String name) {
    for (Tensor t : outputs) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    List<String> names = new ArrayList<>();
    for (Tensor t : outputs) {
      names.add(t.name());
    }
    throw new NoSuchElementException(
        "model '"
            + modelName
            + "' returned no output '"
            + name
            + "' (its outputs are "
            + names
            + ")");
  }

  /** This response with another id (the same outputs, no copy). */
  public InferResponse withId(@Nullable String newId) {
    return new InferResponse(modelName, modelVersion, newId, parameters, outputs);
  }

  /** This response with another model name (the same outputs, no copy). */
  public InferResponse withModelName(String newModelName) {
    return new InferResponse(newModelName, modelVersion, id, parameters, outputs);
  }

  @Override
  public String toString() {
    return "InferResponse{model=" + modelName + ", id=" + id + ", outputs=" + outputs + "}";
  }

  /** Builds an {@link InferResponse}. Not thread-safe. */
  public static final class Builder {
    private final String modelName;
    private @Nullable String modelVersion;
    private @Nullable String id;
    private Map<String, Object> parameters = Map.of();
    private final List<Tensor> outputs = new ArrayList<>();

    private Builder(String modelName) {
      this.modelName = modelName;
    }

    /** Sets the model version. By default there is none. */
    public Builder modelVersion(@Nullable String version) {
      this.modelVersion = version;
      return this;
    }

    /** Sets the id. By default there is none. */
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Sets the parameters. By default there are none. */
    public Builder parameters(Map<String, ?> parameters) {
      this.parameters = Parameters.copyOf(parameters);
      return this;
    }

    /** Adds an output tensor. */
    public Builder output(Tensor output) {
      outputs.add(output);
      return this;
    }

    /** Replaces the output tensors. */
    public Builder outputs(List<Tensor> newOutputs) {
      outputs.clear();
      outputs.addAll(newOutputs);
      return this;
    }

    /** Builds the response. */
    public InferResponse build() {
      return new InferResponse(modelName, modelVersion, id, parameters, List.copyOf(outputs));
    }
  }
}
