/**
 * The XGBoost serving runtime: modelFormat {@code xgboost}, XGBoost's own {@code model.json},
 * {@code model.ubj} and {@code model.bst}, on xgboost4j 3.4 (its Java API; no Scala). {@link
 * io.kserve4j.runtime.xgboost.XgboostOptions} are its typed prediction settings.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.runtime.xgboost {
  requires static org.jspecify;
  requires transitive io.kserve4j.core;
  requires ml.dmlc.xgboost4j;

  exports io.kserve4j.runtime.xgboost;

  provides io.kserve4j.core.runtime.ServingRuntime with
      io.kserve4j.runtime.xgboost.internal.XgboostServingRuntime;
}
