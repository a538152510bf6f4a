/**
 * The XGBoost runtime, {@code kserve4j-xgboost}: KServe's {@code kserve-xgbserver} in a JVM.
 *
 * <p>{@link io.kserve4j.runtime.xgboost.internal.XgboostServingRuntime} finds the one XGBoost file
 * in a model's storage and loads it into an xgboost4j {@code Booster}; {@code XgboostModel} checks
 * each request as KServe's server reads it (one 2-D FP32 or FP64 input, NaN missing) and answers
 * {@code output-0} from XGBoost's thread-safe in-place prediction. Not exported: users reach it
 * through the {@code ServingRuntime} SPI.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.xgboost.internal;
