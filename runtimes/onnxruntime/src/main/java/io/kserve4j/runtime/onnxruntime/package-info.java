/**
 * The ONNX Runtime serving runtime's public face: {@link
 * io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions}, the typed session options passed to {@code
 * InferenceService.builder().runtimeOptions(...)}. The runtime itself is found by {@link
 * java.util.ServiceLoader} as the {@code ServingRuntime} named {@code kserve4j-onnxruntime}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.onnxruntime;
