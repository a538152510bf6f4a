package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.GpuSupport;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code kserve4j-onnxruntime}: the built-in runtime that serves ONNX models on ONNX Runtime, on
 * the CPU, or on a CUDA GPU when the replica's context carries a {@link GpuDevice} and a GPU build
 * of ONNX Runtime is on the class path ({@link OnnxCuda}).
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
  private static OnnxCuda.@Nullable Natives natives;
  private static boolean warming;

  /** Creates the runtime; nothing native is loaded until the first model is. */
  public OnnxServingRuntime() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Creates the shared environment (loading ONNX Runtime's natives, about 100-200 ms in a fresh
   * JVM) on a daemon thread, so that it overlaps the rest of the service's setup; {@link #load}
   * then finds it ready. A failure here is left for {@link #load} to report.
   */
  @Override
  public void prepare() {
    synchronized (OnnxServingRuntime.class) {
      if (environment != null || warming) {
        return;
      }
      warming = true;
    }
    Thread t =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                try {
                  environment("(warm-up)");
                } catch (RuntimeException | LinkageError e) {
                  // load() creates the environment again and reports the failure.
                } finally {
                  synchronized (OnnxServingRuntime.class) {
                    warming = false;
                  }
                }
              }
            },
            "kserve4j-onnxruntime-init");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public List<SupportedModelFormat> supportedModelFormats() {
    return FORMATS;
  }

  /**
   * Whether {@code artifact} holds an ONNX model: a {@code .onnx} file or a folder with one (or a
   * file of no other framework's kind). An XGBoost, LightGBM, PyTorch or pickle file is not: with
   * {@code kserve4j-xgboost} or {@code kserve4j-lightgbm} on the class path, selection gives those
   * files to that runtime.
   */
  @Override
  public boolean canLoad(Path artifact) {
    return OnnxArtifacts.holdsOnnx(artifact);
  }

  /**
   * CUDA when a GPU build of ONNX Runtime 1.28.0 is on the class path (bytedeco's for CUDA 13, or
   * Microsoft's onnxruntime_gpu for CUDA 12) and this JVM has not loaded ONNX Runtime's CPU natives
   * already; the description says which, or what to add.
   */
  @Override
  public GpuSupport gpuSupport() {
    OnnxCuda.Natives n;
    synchronized (OnnxServingRuntime.class) {
      n = natives;
    }
    if (n == null) {
      n = OnnxCuda.detect(loader());
    }
    return n.cuda()
        ? GpuSupport.available(n.description())
        : GpuSupport.unavailable(n.description());
  }

  /**
   * Opens an ONNX Runtime session on the model's ONNX file, on the context's GPU if it has one.
   *
   * @throws SpecValidationException if the context has no model path, or the path holds no ONNX
   *     file, several, or only files of another framework; the message says how to fix it
   * @throws ModelFailureException if ONNX Runtime cannot load the file (corrupt, unsupported
   *     operators), with ONNX Runtime's message, or the model has inputs or outputs kserve4j cannot
   *     serve, or the CUDA provider cannot be added for the context's GPU (the message says what it
   *     needs)
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
    GpuDevice device = context.device();
    CudaOptions cuda = context.option(CudaOptions.class);
    long start = System.nanoTime();
    OrtEnvironment env = environment(context.modelName());
    OnnxCuda.Natives loaded = nativesLoaded();
    if (device != null && !loaded.cuda()) {
      throw new ModelFailureException(
          context.modelName(), "cannot run on " + device.id() + ": " + loaded.description());
    }
    OrtSession session;
    try (OrtSession.SessionOptions sessionOptions = options.toSessionOptions()) {
      if (device != null) {
        OnnxCuda.addCuda(
            env, loaded, sessionOptions, device, cuda == null ? CudaOptions.ofDefaults() : cuda);
      }
      session = env.createSession(file.toString(), sessionOptions);
    } catch (OrtException | IllegalStateException e) {
      throw new ModelFailureException(
          context.modelName(),
          "ONNX Runtime could not load "
              + file
              + (device == null ? "" : " on " + device.id())
              + ": "
              + e.getMessage(),
          e);
    }
    String where = device == null ? "cpu" : device.id();
    OnnxModel model = OnnxModel.create(context.modelName(), env, session, where);
    long millis = (System.nanoTime() - start) / 1_000_000;
    OnnxRuntimeOptions used = options;
    // Each replica's load is a detail: the service logs one line when it is ready.
    LOG.log(
        System.Logger.Level.DEBUG,
        () ->
            "loaded ONNX model '"
                + context.modelName()
                + "' from "
                + file
                + " in "
                + millis
                + " ms on "
                + where
                + " (inputs "
                + OnnxModel.describe(model.metadata().inputs())
                + "; "
                + used
                + ")");
    return model;
  }

  private static ClassLoader loader() {
    ClassLoader cl = OnnxServingRuntime.class.getClassLoader();
    return cl != null ? cl : ClassLoader.getSystemClassLoader();
  }

  private static synchronized OnnxCuda.Natives nativesLoaded() {
    return java.util.Objects.requireNonNull(natives, "the environment is created first");
  }

  /**
   * The shared environment. The first call decides which natives ONNX Runtime loads (bytedeco's
   * CUDA 13 build when it is on the class path, unpacked first), before any {@code ai.onnxruntime}
   * class initializes its natives.
   */
  private static synchronized OrtEnvironment environment(String modelName) {
    OrtEnvironment env = environment;
    if (env == null) {
      OnnxCuda.Natives decided;
      try {
        decided = OnnxCuda.prepare(loader());
      } catch (IOException | RuntimeException e) {
        decided =
            new OnnxCuda.Natives(
                OnnxCuda.Kind.CPU,
                null,
                "ONNX Runtime's CUDA natives could not be unpacked: " + e.getMessage());
        LOG.log(
            System.Logger.Level.WARNING,
            "{0}; ONNX Runtime runs on its CPU natives in this JVM",
            decided.description());
      }
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
      natives = OnnxCuda.verifyLoaded(decided);
      environment = env;
    }
    return env;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
