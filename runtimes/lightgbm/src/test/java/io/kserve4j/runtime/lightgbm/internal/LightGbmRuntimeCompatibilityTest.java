package io.kserve4j.runtime.lightgbm.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.testing.RuntimeCompatibilityKit;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import java.util.Set;

/**
 * The LightGBM runtime passes the runtime compatibility kit on {@code
 * lightgbm_iris_classification_na} (multiclass, 4 features, 3 classes), taking FP64 and FP32 rows,
 * one with a missing value.
 */
class LightGbmRuntimeCompatibilityTest extends RuntimeCompatibilityKit {
  @Override
  protected Model loadModel() {
    return TestModels.load(
        TestModels.model("lightgbm_iris_classification_na").resolve("model.txt"));
  }

  /** Features in the model's order: Petal.Length, Petal.Width, Sepal.Length, Sepal.Width. */
  @Override
  protected InferRequest goodRequest() {
    return InferRequest.of(
        "input-0",
        new double[][] {{1.4, 0.2, Double.NaN, 3.5}, {5.2, 2.3, 6.7, 3.0}, {4.25, 1.5, 5.9, 3.0}});
  }

  @Override
  protected Set<DataType> acceptedDatatypes() {
    return Set.of(DataType.FP64, DataType.FP32);
  }
}
