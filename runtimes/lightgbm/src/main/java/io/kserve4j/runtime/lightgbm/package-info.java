/**
 * The LightGBM runtime's public face: {@link io.kserve4j.runtime.lightgbm.LightGbmOptions}, the
 * typed prediction settings (threads, raw scores, iterations) passed to {@code
 * InferenceService.builder().runtimeOptions(...)}. The runtime itself is found by {@link
 * java.util.ServiceLoader} as the {@code ServingRuntime} named {@code kserve4j-lightgbm}, and
 * serves modelFormat {@code lightgbm} and specs naming KServe's {@code kserve-lgbserver}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.lightgbm;
