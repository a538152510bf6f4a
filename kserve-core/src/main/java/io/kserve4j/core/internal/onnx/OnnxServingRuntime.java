package io.kserve4j.core.internal.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.OnnxRuntimeOptions;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.ModelFailureException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code kserve4j-onnxruntime}: the built-in runtime that serves ONNX models on ONNX Runtime (CPU
 * unless the session options add an execution provider).
 *
 * <p>It auto-selects for {@code onnx} (version 1) and for models of other frameworks exported to
 * ONNX: {@code sklearn} (1, via skl2onnx), {@code xgboost} (2) and {@code lightgbm} (4, via
 * onnxmltools), and {@code pytorch} (1, via {@code torch.onnx.export}), each at priority 1. The
 * model's storage must be a {@code .onnx} file or a folder holding exactly one; a pickle, an
 * XGBoost or LightGBM file or a TorchScript file is refused with the one-line conversion that makes
 * it servable.
 *
 * <p>Every model shares one {@link OrtEnvironment}, created when the first model loads. Session
 * options come from the {@link OnnxRuntimeOptions} in the model's context, else {@link
 * OnnxRuntimeOptions#ofDefaults()}: one intra-op thread on machines with up to 4 cores, no
 * spinning, all graph optimizations. What a loaded model answers is described on {@code OnnxModel},
 * and in {@code docs/onnx-runtime.md}.
 */
public final class OnnxServingRuntime implements ServingRuntime {
  /** The runtime's name. */
  public static final String NAME = "kserve4j-onnxruntime";

  private static final System.Logger LOG = System.getLogger(OnnxServingRuntime.class.getName());

  private static final List<SupportedModelFormat> FORMATS =
      List.of(
          new SupportedModelFormat("onnx", "1", true, 1),
          new SupportedModelFormat("sklearn", "1", true, 1),
          new SupportedModelFormat("xgboost", "2", true, 1),
          new SupportedModelFormat("lightgbm", "4", true, 1),
          new SupportedModelFormat("pytorch", "1", true, 1));

  private static @Nullable OrtEnvironment environment;

  /** Creates the runtime; nothing native is loaded until the first model is. */
  public OnnxServingRuntime() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<SupportedModelFormat> supportedModelFormats() {
    return FORMATS;
  }

  /**
   * Opens an ONNX Runtime session on the model's ONNX file.
   *
   * @throws SpecValidationException if the context has no model path, or the path holds no ONNX
   *     file, several, or only files of another framework; the message says how to fix it
   * @throws ModelFailureException if ONNX Runtime cannot load the file (corrupt, unsupported
   *     operators), with ONNX Runtime's message, or the model has inputs or outputs kserve4j cannot
   *     serve
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
                  OnnxArtifacts.FIELD,
                  storageUri,
                  "is required: the ONNX runtime loads its model from storage",
                  "set storageUri to a .onnx file, or a folder holding exactly one")));
    }
    Path file = OnnxArtifacts.locate(subject, storageUri, path);
    OnnxRuntimeOptions options = context.option(OnnxRuntimeOptions.class);
    if (options == null) {
      options = OnnxRuntimeOptions.ofDefaults();
    }
    long start = System.nanoTime();
    OrtEnvironment env = environment(context.modelName());
    OrtSession session;
    try (OrtSession.SessionOptions sessionOptions = options.toSessionOptions()) {
      session = env.createSession(file.toString(), sessionOptions);
    } catch (OrtException e) {
      throw new ModelFailureException(
          context.modelName(), "ONNX Runtime could not load " + file + ": " + e.getMessage(), e);
    }
    OnnxModel model = OnnxModel.create(context.modelName(), env, session);
    long millis = (System.nanoTime() - start) / 1_000_000;
    OnnxRuntimeOptions used = options;
    LOG.log(
        System.Logger.Level.INFO,
        () ->
            "loaded ONNX model '"
                + context.modelName()
                + "' from "
                + file
                + " in "
                + millis
                + " ms (inputs "
                + OnnxModel.describe(model.metadata().inputs())
                + "; "
                + used
                + ")");
    return model;
  }

  private static synchronized OrtEnvironment environment(String modelName) {
    OrtEnvironment env = environment;
    if (env == null) {
      try {
        env = OrtEnvironment.getEnvironment();
      } catch (RuntimeException | LinkageError e) {
        throw new ModelFailureException(
            modelName,
            "ONNX Runtime's native library could not be loaded: "
                + e
                + " (com.microsoft.onnxruntime:onnxruntime ships natives for linux, macOS and"
                + " Windows on x64 and arm64)",
            e);
      }
      environment = env;
    }
    return env;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
