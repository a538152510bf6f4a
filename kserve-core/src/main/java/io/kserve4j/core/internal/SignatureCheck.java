package io.kserve4j.core.internal;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a request against a model's declared inputs: every input known, none missing, datatype and
 * shape as declared ({@code -1} matches any size). Each failure names the tensor, what was expected
 * and what came.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  /**
   * Checks {@code request} against {@code inputs}.
   *
   * @throws InvalidInputException on the first mismatch
   */
  public static void check(String modelName, List<TensorMetadata> inputs, InferRequest request) {
    List<Tensor> given = request.inputs();
    for (int i = 0; i < given.size(); i++) {
      Tensor t = given.get(i);
      TensorMetadata want = find(inputs, t.name());
      if (want == null) {
        throw new InvalidInputException(
            modelName,
            "unknown input '" + t.name() + "' (the model's inputs are " + names(inputs) + ")");
      }
      if (t.datatype() != want.datatype() || !want.accepts(t.shape())) {
        throw new InvalidInputException(
            modelName,
            "input '"
                + t.name()
                + "': expected "
                + describe(want)
                + ", got "
                + t.datatype()
                + " "
                + Arrays.toString(t.shape()));
      }
    }
    if (given.size() != inputs.size()) {
      for (TensorMetadata want : inputs) {
        boolean present = false;
        for (Tensor t : given) {
          present |= t.name().equals(want.name());
        }
        if (!present) {
          throw new InvalidInputException(
              modelName, "missing input '" + want.name() + "' (" + describe(want) + ")");
        }
      }
    }
  }

  /**
   * Checks that every output {@code request} asks for is one of {@code outputs}; nothing to check
   * when the model declares no outputs.
   *
   * @throws InvalidInputException naming the first unknown output and the outputs there are
   */
  public static void checkRequestedOutputs(
      String modelName, List<TensorMetadata> outputs, InferRequest request) {
    if (outputs.isEmpty()) {
      return;
    }
    for (io.kserve4j.protocol.RequestedOutput o : request.outputs()) {
      if (find(outputs, o.name()) == null) {
        throw new InvalidInputException(
            modelName,
            "unknown output '"
                + o.name()
                + "' requested (the model's outputs are "
                + names(outputs)
                + ")");
      }
    }
  }

  /** {@code FP32 [-1, 4]}. */
  public static String describe(TensorMetadata m) {
    return m.datatype() + " " + m.shape();
  }

  private static @org.jspecify.annotations.Nullable TensorMetadata find(
      List<TensorMetadata> inputs, String name) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(name)) {
        return inputs.get(i);
      }
    }
    return null;
  }

  private static List<String> names(List<TensorMetadata> inputs) {
    List<String> out = new ArrayList<>();
    for (TensorMetadata m : inputs) {
      out.add(m.name());
    }
    return out;
  }
}
