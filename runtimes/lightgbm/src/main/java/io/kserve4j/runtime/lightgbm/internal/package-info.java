/**
 * The LightGBM runtime, {@code kserve4j-lightgbm}: KServe's {@code kserve-lgbserver} in a JVM.
 *
 * <p>{@link io.kserve4j.runtime.lightgbm.internal.LightGbmServingRuntime} finds the one LightGBM
 * text model in a model's storage and loads it through LightGBM's C API (lightgbm4j's SWIG
 * bindings, whose natives {@code LightGbmNatives} unpacks once into kserve4j's cache); {@code
 * LightGbmModel} checks each request as KServe's server reads it (one 2-D FP32 or FP64 input, NaN
 * missing, categorical features as their integer codes) and answers {@code output-0}. Not exported:
 * users reach it through the {@code ServingRuntime} SPI.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.lightgbm.internal;
