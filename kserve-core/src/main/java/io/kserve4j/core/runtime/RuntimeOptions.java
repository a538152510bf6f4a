package io.kserve4j.core.runtime;

/**
 * Options for a runtime, given in Java with {@code InferenceService.builder().runtimeOptions(...)}
 * and read by the runtime from {@link ModelContext#option(Class)}. Each runtime artifact defines
 * its own typed options (the ONNX Runtime artifact's {@code OnnxRuntimeOptions}); {@link
 * CudaOptions} are read by every runtime that can use a GPU. Implementations are immutable.
 */
public interface RuntimeOptions {}
