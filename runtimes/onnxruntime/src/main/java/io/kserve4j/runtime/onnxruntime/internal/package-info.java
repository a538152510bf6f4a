/**
 * The built-in ONNX Runtime runtime, {@code kserve4j-onnxruntime}: it serves {@code onnx} models
 * and sklearn, XGBoost, LightGBM and PyTorch models exported to ONNX.
 *
 * <p>{@link io.kserve4j.runtime.onnxruntime.internal.OnnxServingRuntime} finds the one {@code
 * .onnx} file in a model's storage and opens an ONNX Runtime session on it; {@code OnnxModel}
 * checks each request against the session's inputs, hands tensors to ONNX Runtime without copying
 * where it can, and copies the outputs back into Java arrays. Not exported: users reach it through
 * the {@code ServingRuntime} SPI.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.onnxruntime.internal;
