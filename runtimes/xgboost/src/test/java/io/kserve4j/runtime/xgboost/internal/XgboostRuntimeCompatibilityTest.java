package io.kserve4j.runtime.xgboost.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.testing.RuntimeCompatibilityKit;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import java.util.Set;

/**
 * The XGBoost runtime passes the runtime compatibility kit on {@code xgboost_iris_multinomial}
 * (multi:softprob, 4 features, 3 classes), taking FP32 and FP64 rows.
 */
class XgboostRuntimeCompatibilityTest extends RuntimeCompatibilityKit {
  @Override
  protected Model loadModel() {
    return TestModels.load(TestModels.model("xgboost_iris_multinomial").resolve("model.json"));
  }

  @Override
  protected InferRequest goodRequest() {
    return InferRequest.of(
        "input-0",
        new float[][] {
          {5.1f, 3.5f, 1.4f, 0.2f}, {6.7f, 3.0f, 5.2f, 2.3f}, {5.9f, 3.0f, 4.2f, 1.5f}
        });
  }

  @Override
  protected Set<DataType> acceptedDatatypes() {
    return Set.of(DataType.FP32, DataType.FP64);
  }
}
