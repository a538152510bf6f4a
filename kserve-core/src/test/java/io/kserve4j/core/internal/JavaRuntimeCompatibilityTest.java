package io.kserve4j.core.internal;

import io.kserve4j.core.ModelFunction;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.spec.ModelFormat;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.testing.RuntimeCompatibilityKit;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;

/**
 * The Java-function runtime passes the runtime compatibility kit, as every runtime must: a function
 * with a declared signature (x FP32 [-1, 4] in; the row sums and row maxima out).
 */
class JavaRuntimeCompatibilityTest extends RuntimeCompatibilityKit {
  private static final ModelFunction ROW_STATS =
      request -> {
        Tensor x = request.input("x");
        float[] v = x.asFloats();
        int rows = (int) x.shape()[0];
        float[] sum = new float[rows];
        float[] max = new float[rows];
        for (int r = 0; r < rows; r++) {
          max[r] = Float.NEGATIVE_INFINITY;
          for (int c = 0; c < 4; c++) {
            sum[r] += v[r * 4 + c];
            max[r] = Math.max(max[r], v[r * 4 + c]);
          }
        }
        return InferResponse.of(
            "any", List.of(Tensor.of("sum", sum, rows), Tensor.of("max", max, rows)));
      };

  private static final ModelMetadata SIGNATURE =
      new ModelMetadata(
          "",
          List.of(),
          "java",
          List.of(new TensorMetadata("x", DataType.FP32, List.of(-1L, 4L))),
          List.of(
              new TensorMetadata("sum", DataType.FP32, List.of(-1L)),
              new TensorMetadata("max", DataType.FP32, List.of(-1L))),
          Map.of());

  @Override
  protected Model loadModel() {
    return new JavaServingRuntime()
        .load(
            new ModelContext(
                "row-stats",
                new ModelSpec(ModelFormat.of("java"), null, null, null, null, null, Map.of()),
                null,
                Map.of(),
                List.of(new JavaPredictor(ROW_STATS, SIGNATURE))));
  }

  @Override
  protected InferRequest goodRequest() {
    return InferRequest.of("x", new float[][] {{1, 2, 3, 4}, {-1, 0, 5, 2}});
  }
}
