package io.kserve4j.runtime.onnxruntime.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.testing.RuntimeCompatibilityKit;
import io.kserve4j.protocol.InferRequest;

/** The ONNX runtime passes the runtime compatibility kit on {@code handmade_mlp}. */
class OnnxRuntimeCompatibilityTest extends RuntimeCompatibilityKit {
  @Override
  protected Model loadModel() {
    return SharedModels.load("handmade_mlp");
  }

  @Override
  protected InferRequest goodRequest() {
    return InferRequest.of(
        "input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}, {6.7f, 3.0f, 5.2f, 2.3f}});
  }
}
