package io.kserve4j.runtime.lightgbm.internal;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tensors of a tree model as KServe's lgbserver and xgbserver take and give them: one 2-D input
 * of rows × features, FP32 or FP64, read whatever its name (KServe's servers read {@code
 * inputs[0]}), declared as {@code input-0}; one output, {@code output-0}, of shape {@code [rows]}
 * or {@code [rows, k]} (KServe's {@code get_predict_response}). Everything else is a 400 that names
 * the tensor.
 */
final class TreeTensors {
  /** The input's name in the metadata: KServe's own examples send {@code input-0}. */
  static final String INPUT = "input-0";

  /** The output's name: what KServe's {@code get_predict_response} calls a single output. */
  static final String OUTPUT = "output-0";

  private TreeTensors() {}

  /**
   * The request's one features tensor, checked: FP32 or FP64, {@code [rows, features]}.
   *
   * @throws InvalidInputException naming the tensor, if there is none, more than one, or it has
   *     another datatype or shape; or a requested output is not {@code output-0}
   */
  static Tensor features(String model, InferRequest request, int features, String outputShape) {
    for (RequestedOutput o : request.outputs()) {
      if (!o.name().equals(OUTPUT)) {
        throw new InvalidInputException(
            model,
            "requested output '"
                + o.name()
                + "' is not an output of this model (its one output is "
                + OUTPUT
                + " "
                + outputShape
                + ")");
      }
    }
    List<Tensor> inputs = request.inputs();
    String expected = "FP32 or FP64 [-1, " + features + "]";
    if (inputs.isEmpty()) {
      throw new InvalidInputException(
          model,
          "input '"
              + INPUT
              + "' is missing: the model takes one "
              + expected
              + " tensor, rows of "
              + features
              + " features");
    }
    if (inputs.size() > 1) {
      List<String> extra = new ArrayList<>();
      for (Tensor t : inputs.subList(1, inputs.size())) {
        extra.add("'" + t.name() + "'");
      }
      throw new InvalidInputException(
          model,
          "input "
              + String.join(", ", extra)
              + (extra.size() == 1 ? " is" : " are")
              + " one input too many: the model takes one input, "
              + INPUT
              + " "
              + expected
              + " (send the features of each row together, as one tensor)");
    }
    Tensor t = inputs.get(0);
    boolean datatype = t.datatype() == DataType.FP32 || t.datatype() == DataType.FP64;
    if (!datatype || t.rank() != 2 || t.dim(1) != features) {
      throw new InvalidInputException(
          model,
          "input '"
              + t.name()
              + "'"
              + (t.name().equals(INPUT) ? "" : " (read as the model's one input, " + INPUT + ")")
              + ": expected "
              + expected
              + ", got "
              + t.datatype()
              + " "
              + Arrays.toString(t.shape())
              + (datatype
                  ? " (rows of " + features + " features; -1 is a dimension of any size)"
                  : " (send the features as FP32 or FP64, NaN for a missing value)"));
    }
    return t;
  }
}
