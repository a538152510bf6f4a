/**
 * The ONNX Runtime serving runtime: {@code onnx} models, and {@code sklearn}, {@code xgboost},
 * {@code lightgbm} and {@code pytorch} models exported to ONNX, on the CPU by default and on CUDA
 * where a GPU build of ONNX Runtime and a GPU exist. {@link
 * io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions} are its typed session options.
 *
 * <p>The quick start's one dependency: it brings kserve-core (InferenceService, ModelServer, YAML)
 * and ONNX Runtime.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.runtime.onnxruntime {
  requires static org.jspecify;
  requires transitive io.kserve4j.core;
  requires transitive com.microsoft.onnxruntime;

  exports io.kserve4j.runtime.onnxruntime;

  provides io.kserve4j.core.runtime.ServingRuntime with
      io.kserve4j.runtime.onnxruntime.internal.OnnxServingRuntime;
}
