package io.kserve4j.runtime.lightgbm.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.runtime.lightgbm.LightGbmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kserve4j-lightgbm}: KServe's {@code kserve-lgbserver} in a JVM, on LightGBM 4.3.0's C API.
 *
 * <p>It auto-selects for modelFormat {@code lightgbm} at priority 1, as {@code kserve-lgbserver}
 * does; besides KServe's version {@code 4} it lists {@code 3}, since LightGBM 4 reads the text
 * models LightGBM 3 saved. The model's storage must be a LightGBM text model ({@code model.txt}, or
 * {@code model.bst} as KServe names it), or a folder holding exactly one ({@link
 * LightGbmArtifacts}). What a loaded model answers is described on {@code LightGbmModel}, and in
 * {@code docs/lightgbm-runtime.md}.
 *
 * <p>Options come from the {@link LightGbmOptions} in the model's context, else {@link
 * LightGbmOptions#ofDefaults()}: one thread per prediction, as KServe runs {@code --nthread=1}.
 */
public final class LightGbmServingRuntime implements ServingRuntime {
  /** The runtime's name, its artifact's name. */
  public static final String NAME = "kserve4j-lightgbm";

  private static final System.Logger LOG = System.getLogger(LightGbmServingRuntime.class.getName());

  private static final List<SupportedModelFormat> FORMATS =
      List.of(
          new SupportedModelFormat("lightgbm", "4", true, 1),
          new SupportedModelFormat("lightgbm", "3", true, 1));

  /** Creates the runtime; LightGBM's natives load with the first model. */
  public LightGbmServingRuntime() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SupportedModelFormat> supportedModelFormats() {
    return FORMATS;
  }

  /** Whether {@code artifact} is, or is a folder holding, a LightGBM text model. */
  @Override
  public boolean canLoad(Path artifact) {
    return LightGbmArtifacts.holdsModel(artifact);
  }

  /**
   * Loads the model's LightGBM text file into a booster.
   *
   * @throws SpecValidationException if the context has no model path, or the path holds no LightGBM
   *     model or several; the message says how to fix it
   * @throws ModelFailureException if LightGBM cannot read the file or its natives cannot load (the
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
                  LightGbmArtifacts.FIELD,
                  storageUri,
                  "is required: the LightGBM runtime loads its model from storage",
                  "set storageUri to LightGBM's model.txt, or a folder holding one")));
    }
    Path file = LightGbmArtifacts.locate(subject, storageUri, path);
    LightGbmOptions options = context.option(LightGbmOptions.class);
    LightGbmOptions used = options == null ? LightGbmOptions.ofDefaults() : options;
    long start = System.nanoTime();
    try {
      LightGbmNatives.load();
    } catch (IllegalStateException e) {
      throw new ModelFailureException(context.modelName(), String.valueOf(e.getMessage()), e);
    }
    LightGbmModel model =
        LightGbmModel.load(context.modelName(), file.toString(), used, header(file));
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.log(
        System.Logger.Level.DEBUG,
        () ->
            "loaded LightGBM model '"
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

  /** The objective and feature names from the model file's header, for the metadata. */
  private static Map<String, Object> header(Path file) {
    Map<String, Object> facts = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 64; i++) {
        String line = reader.readLine();
        if (line == null || line.startsWith("Tree=")) {
          break;
        }
        if (line.startsWith("objective=")) {
          facts.put("objective", line.substring("objective=".length()));
        } else if (line.startsWith("feature_names=")) {
          facts.put("feature_names", line.substring("feature_names=".length()).replace(' ', ','));
        }
      }
    } catch (IOException e) {
      // the header is metadata only: LightGBM reports a file it cannot read
    }
    return facts;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
