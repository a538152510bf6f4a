package io.kserve4j.protocol;

import io.kserve4j.protocol.internal.wire.Echo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An Open Inference Protocol inference request: an optional id, parameters, the input tensors and
 * the outputs asked for (none means all).
 *
 * <p>Immutable; the tensors keep the memory they were built over.
 *
 * <pre>{@code
 * InferRequest request = InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});
 * }</pre>
 */
public final class InferRequest {
  private final @Nullable String id;
  private final Map<String, Object> parameters;
  private final List<Tensor> inputs;
  private final List<RequestedOutput> outputs;

  private InferRequest(
      @Nullable String id,
      Map<String, Object> parameters,
      List<Tensor> inputs,
      List<RequestedOutput> outputs) {
    this.id = id;
    this.parameters = parameters;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** A request with these inputs, no id, no parameters, all outputs. */
  public static InferRequest of(Tensor... inputs) {
    return new InferRequest(null, Map.of(), checkedInputs(List.of(inputs)), List.of());
  }

  /** A request with one FP32 input of shape [rows, columns], copied once from {@code rows}. */
  public static InferRequest of(String inputName, float[][] rows) {
    return of(Tensor.of(inputName, rows));
  }

  /** A request with one FP32 input over {@code data} (not copied) with the given shape. */
  public static InferRequest of(String inputName, float[] data, long... shape) {
    return of(Tensor.of(inputName, data, shape));
  }

  /** A request with one FP64 input of shape [rows, columns], copied once from {@code rows}. */
  public static InferRequest of(String inputName, double[][] rows) {
    return of(Tensor.of(inputName, rows));
  }

  /** A request with one FP64 input over {@code data} (not copied) with the given shape. */
  public static InferRequest of(String inputName, double[] data, long... shape) {
    return of(Tensor.of(inputName, data, shape));
  }

  /** A request with one INT64 input of shape [rows, columns], copied once from {@code rows}. */
  public static InferRequest of(String inputName, long[][] rows) {
    return of(Tensor.of(inputName, rows));
  }

  /** A request with one INT64 input over {@code data} (not copied) with the given shape. */
  public static InferRequest of(String inputName, long[] data, long... shape) {
    return of(Tensor.of(inputName, data, shape));
  }

  /** A request with one INT32 input of shape [rows, columns], copied once from {@code rows}. */
  public static InferRequest of(String inputName, int[][] rows) {
    return of(Tensor.of(inputName, rows));
  }

  /** A request with one INT32 input over {@code data} (not copied) with the given shape. */
  public static InferRequest of(String inputName, int[] data, long... shape) {
    return of(Tensor.of(inputName, data, shape));
  }

  /** A builder for a request. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.parameters = parameters;
    b.inputs.addAll(inputs);
    b.outputs.addAll(outputs);
    return b;
  }

  /** The request id, echoed in the response; {@code null} when the caller gave none. */
  public @Nullable String id() {
    return id;
  }

  /** The request parameters (immutable, possibly empty). */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** The input tensors, in order. */
  public List<Tensor> inputs() {
    return inputs;
  }

  /** The outputs the caller asked for; empty means every output. */
  public List<RequestedOutput> outputs() {
    return outputs;
  }

  /**
   * The input called {@code name}.
   *
   * @throws InvalidInputException if the request has no such input; the message lists those it has
   */
  public Tensor input(String name) {
    for (Tensor t : inputs) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    List<String> names = new ArrayList<>();
    for (Tensor t : inputs) {
      names.add(t.name());
    }
    throw new InvalidInputException(
        null,
        "the request has no input '"
            + Echo.cut(name)
            + "' (its inputs are "
            + Echo.message(names.toString())
            + ")");
  }

  @Override
  public String toString() {
    return "InferRequest{id=" + id + ", inputs=" + inputs + ", outputs=" + outputs + "}";
  }

  /** The inputs, checked in linear time: no name twice. */
  private static List<Tensor> checkedInputs(List<Tensor> inputs) {
    if (inputs.size() > 1) {
      HashSet<String> names = new HashSet<>(inputs.size() * 2);
      for (Tensor t : inputs) {
        if (!names.add(t.name())) {
          throw new InvalidInputException(
              null,
              "input '"
                  + Echo.cut(t.name())
                  + "' is given twice (each input tensor name must be unique)");
        }
      }
    }
    return inputs;
  }

  /** The requested outputs, checked in linear time: no name twice. */
  private static List<RequestedOutput> checkedOutputs(List<RequestedOutput> outputs) {
    if (outputs.size() > 1) {
      HashSet<String> names = new HashSet<>(outputs.size() * 2);
      for (RequestedOutput o : outputs) {
        if (!names.add(o.name())) {
          throw new InvalidInputException(
              null,
              "output '"
                  + Echo.cut(o.name())
                  + "' is asked for twice (name each requested output once; the answer holds"
                  + " it once)");
        }
      }
    }
    return outputs;
  }

  /** Builds an {@link InferRequest}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private Map<String, Object> parameters = Map.of();
    private final List<Tensor> inputs = new ArrayList<>();
    private final List<RequestedOutput> outputs = new ArrayList<>();

    private Builder() {}

    /** Sets the request id. By default a request has none. */
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Sets the request parameters. By default there are none. */
    public Builder parameters(Map<String, ?> parameters) {
      this.parameters = Parameters.copyOf(parameters);
      return this;
    }

    /** Adds an input tensor. */
    public Builder input(Tensor input) {
      inputs.add(input);
      return this;
    }

    /** Replaces the input tensors. */
    public Builder inputs(List<Tensor> newInputs) {
      inputs.clear();
      inputs.addAll(newInputs);
      return this;
    }

    /** Asks for an output by name. By default every output is returned. */
    public Builder output(String name) {
      outputs.add(RequestedOutput.of(name));
      return this;
    }

    /** Asks for an output with parameters. */
    public Builder output(RequestedOutput output) {
      outputs.add(output);
      return this;
    }

    /** Replaces the requested outputs. */
    public Builder outputs(List<RequestedOutput> newOutputs) {
      outputs.clear();
      outputs.addAll(newOutputs);
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws InvalidInputException if two inputs share a name, or an output is asked for twice
     */
    public InferRequest build() {
      return new InferRequest(
          id, parameters, checkedInputs(List.copyOf(inputs)), checkedOutputs(List.copyOf(outputs)));
    }
  }
}
