package io.kserve4j.jmh;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The baselines' hand-written best-practice ONNX Runtime call: a tensor over a reused, pre-filled
 * direct buffer, one {@code run}, the first output copied into a new {@code float[]} (what code
 * that hands a result back must do), tensor and result closed.
 */
public final class RawRun {
  private RawRun() {}

  /**
   * Runs {@code session} once on {@code input} (a direct, native-order buffer) of {@code shape}.
   */
  public static float[] firstOutput(
      OrtEnvironment env, OrtSession session, String inputName, FloatBuffer input, long[] shape)
      throws OrtException {
    try (OnnxTensor x = OnnxTensor.createTensor(env, input, shape);
        OrtSession.Result result = session.run(Map.of(inputName, x))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }
}
