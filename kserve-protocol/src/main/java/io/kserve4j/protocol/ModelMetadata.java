package io.kserve4j.protocol;

import java.util.List;
import java.util.Map;

/**
 * v2 model metadata: the model's name, versions, platform and the tensors it takes and gives.
 *
 * @param name the model name
 * @param versions the versions served (may be empty)
 * @param platform the framework or runtime, e.g. {@code "onnxruntime"}
 * @param inputs the input tensors
 * @param outputs the output tensors
 * @param parameters extra facts about the model (runtime, device), possibly empty
 */
public record ModelMetadata(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs,
    Map<String, Object> parameters) {
  /** Copies the lists and checks the parameters. */
  public ModelMetadata {
    versions = List.copyOf(versions);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    parameters = Parameters.copyOf(parameters);
  }

  /** This metadata under another model name. */
  public ModelMetadata withName(String newName) {
    return new ModelMetadata(newName, versions, platform, inputs, outputs, parameters);
  }
}
