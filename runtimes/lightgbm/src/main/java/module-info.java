/**
 * The LightGBM serving runtime: modelFormat {@code lightgbm}, LightGBM text models, on LightGBM
 * 4.3.0's C API through lightgbm4j's bindings. {@link io.kserve4j.runtime.lightgbm.LightGbmOptions}
 * are its typed prediction settings.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.runtime.lightgbm {
  requires static org.jspecify;
  requires transitive io.kserve4j.core;
  requires lightgbm4j;

  exports io.kserve4j.runtime.lightgbm;

  provides io.kserve4j.core.runtime.ServingRuntime with
      io.kserve4j.runtime.lightgbm.internal.LightGbmServingRuntime;
}
