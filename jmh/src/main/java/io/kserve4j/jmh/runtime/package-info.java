/**
 * Benchmarks of the tree runtimes' in-process {@code predict()} against the library's own predict
 * call on the same rows: xgboost4j's {@code Booster.inplace_predict} and lightgbm4j's {@code
 * LGBMBooster.predictForMat}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.runtime;
