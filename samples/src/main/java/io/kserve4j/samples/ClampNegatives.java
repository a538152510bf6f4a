package io.kserve4j.samples;

import io.kserve4j.core.Transformer;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import java.util.List;
import java.util.Map;

/** Iris measurements are lengths: a negative one (a sensor glitch) is read as zero. */
public final class ClampNegatives implements Transformer {
  @Override
  public InferRequest preprocess(InferRequest request, Map<String, String> headers) {
    Tensor in = request.input("float_input");
    float[] x = in.asFloats().clone();
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(0f, x[i]);
    }
    return request.toBuilder().inputs(List.of(Tensor.of("float_input", x, in.shape()))).build();
  }
}
