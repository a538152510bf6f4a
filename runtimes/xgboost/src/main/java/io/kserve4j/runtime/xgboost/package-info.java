/**
 * The XGBoost runtime's public face: {@link io.kserve4j.runtime.xgboost.XgboostOptions}, the typed
 * prediction settings (threads, margins, iteration range, missing value) passed to {@code
 * InferenceService.builder().runtimeOptions(...)}. The runtime itself is found by {@link
 * java.util.ServiceLoader} as the {@code ServingRuntime} named {@code kserve4j-xgboost}, and serves
 * modelFormat {@code xgboost} and specs naming KServe's {@code kserve-xgbserver}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.xgboost;
