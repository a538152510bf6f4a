package io.kserve4j.runtime.xgboost.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.runtime.xgboost.XgboostOptions;
import java.nio.file.Path;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * {@code kserve4j-xgboost}: KServe's {@code kserve-xgbserver} in a JVM, on xgboost4j 3.4.
 *
 * <p>It auto-selects for modelFormat {@code xgboost} at priority 1, as {@code kserve-xgbserver}
 * does; besides KServe's version {@code 2} it lists {@code 1} and {@code 3}, since XGBoost 3.4
 * reads JSON and UBJSON models saved by XGBoost 1.x, 2.x and 3.x. The model's storage must be
 * XGBoost's {@code model.json}, {@code model.ubj} or {@code model.bst}, or a folder holding exactly
 * one ({@link XgboostArtifacts}); the old binary format (XGBoost 2.0 and before, removed in 3.1) is
 * refused with the way to re-save it. What a loaded model answers is described on {@code
 * XgboostModel}, and in {@code docs/xgboost-runtime.md}.
 *
 * <p>Options come from the {@link XgboostOptions} in the model's context, else {@link
 * XgboostOptions#ofDefaults()}: one thread per prediction, as KServe runs {@code --nthread=1}.
 */
public final class XgboostServingRuntime implements ServingRuntime {
  /** The runtime's name, its artifact's name. */
  public static final String NAME = "kserve4j-xgboost";

  private static final System.Logger LOG = System.getLogger(XgboostServingRuntime.class.getName());

  private static final List<SupportedModelFormat> FORMATS =
      List.of(
          new SupportedModelFormat("xgboost", "2", true, 1),
          new SupportedModelFormat("xgboost", "1", true, 1),
          new SupportedModelFormat("xgboost", "3", true, 1));

  /** Creates the runtime; XGBoost's natives load with the first model. */
  public XgboostServingRuntime() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SupportedModelFormat> supportedModelFormats() {
    return FORMATS;
  }

  /**
   * Whether {@code artifact} is, or is a folder holding, an XGBoost model file: {@code .ubj}, a
   * {@code .json} with a {@code "learner"}, or a {@code .bst} that is not LightGBM text.
   */
  @Override
  public boolean canLoad(Path artifact) {
    return XgboostArtifacts.holdsModel(artifact);
  }

  /**
   * Loads the model's XGBoost file into a booster.
   *
   * @throws SpecValidationException if the context has no model path, or the path holds no XGBoost
   *     model, several, or one in the old binary format; the message says how to fix it
   * @throws ModelFailureException if XGBoost cannot read the file or its natives cannot load (the
   *     message says what is missing)
   */
  @Override
  public Model load(ModelContext context) {
    String subject = "InferenceService '" + context.modelName() + "'";
    ModelSpec spec = context.model();
    String storageUri = spec == null ? null : spec.storageUri();
    Path path = context.modelPath();
    if (path == null) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  XgboostArtifacts.FIELD,
                  storageUri,
                  "is required: the XGBoost runtime loads its model from storage",
                  "set storageUri to XGBoost's model.json, model.ubj or model.bst, or a folder"
                      + " holding one")));
    }
    Path file = XgboostArtifacts.locate(subject, storageUri, path);
    XgboostOptions options = context.option(XgboostOptions.class);
    XgboostOptions used = options == null ? XgboostOptions.ofDefaults() : options;
    long start = System.nanoTime();
    Booster booster;
    try {
      booster = XGBoost.loadModel(file.toString());
    } catch (XGBoostError e) {
      throw new ModelFailureException(
          context.modelName(), "XGBoost could not load " + file + ": " + e.getMessage(), e);
    } catch (LinkageError | IllegalStateException e) {
      throw new ModelFailureException(
          context.modelName(),
          "XGBoost's native library could not be loaded: "
              + e
              + " (ml.dmlc:xgboost4j_2.12 ships natives for linux x86_64 and aarch64 with glibc,"
              + " macOS and Windows; on Linux they need OpenMP's libgomp.so.1, e.g. apt-get"
              + " install libgomp1)",
          e);
    }
    XgboostModel model = XgboostModel.create(context.modelName(), booster, used);
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.log(
        System.Logger.Level.DEBUG,
        () ->
            "loaded XGBoost model '"
                + context.modelName()
                + "' from "
                + file
                + " in "
                + millis
                + " ms ("
                + model
                + "; "
                + used
                + ")");
    return model;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
