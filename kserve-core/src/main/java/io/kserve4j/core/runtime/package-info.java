/**
 * The runtime SPI: {@link io.kserve4j.core.runtime.ServingRuntime}s load models of some formats
 * into {@link io.kserve4j.core.runtime.Model} instances, one per replica.
 *
 * <p>Runtimes are found with {@link java.util.ServiceLoader} and chosen per model by KServe's
 * selection rules. {@link io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions} tunes the built-in
 * ONNX Runtime, and {@link io.kserve4j.core.runtime.CudaOptions} its CUDA execution provider; a
 * runtime tells whether it can use a GPU with {@link io.kserve4j.core.runtime.GpuSupport}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.runtime;
