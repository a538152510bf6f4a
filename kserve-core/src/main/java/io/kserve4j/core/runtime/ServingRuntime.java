package io.kserve4j.core.runtime;

import io.kserve4j.core.spec.SupportedModelFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * A runtime that loads models of some formats into the JVM: kserve4j's counterpart of a KServe
 * {@code ClusterServingRuntime}. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code provides io.kserve4j.core.runtime.ServingRuntime with ...} in {@code module-info.java},
 * or a {@code META-INF/services} file), and chosen per model by KServe's selection rules: an
 * explicit {@code runtime:} wins, else the auto-selectable runtimes for the model's format and
 * version, highest priority first.
 *
 * <p>When several runtimes on the class path auto-select a model's format at the same rank (the
 * ONNX runtime serves xgboost models exported to ONNX, {@code kserve4j-xgboost} serves XGBoost's
 * own files), the first in KServe's order whose {@link #canLoad} accepts the model's files is
 * chosen.
 *
 * <p>kserve4j ships {@code kserve4j-onnxruntime} (onnx, and sklearn, xgboost, lightgbm and pytorch
 * models exported to ONNX), {@code kserve4j-xgboost} and {@code kserve4j-lightgbm} (XGBoost and
 * LightGBM models as those libraries save them) and {@code kserve4j-java} (plain Java functions).
 */
public interface ServingRuntime {
  /** The runtime's name, unique among runtimes, e.g. {@code kserve4j-onnxruntime}. */
  String name();

  /** The model formats this runtime serves, with KServe's version, autoSelect and priority. */
  List<SupportedModelFormat> supportedModelFormats();

  /**
   * The protocols this runtime's models can be reached with. In a JVM every model speaks the v2
   * data model; by default this lists {@code v1}, {@code v2} and {@code grpc-v2}.
   */
  default List<String> protocolVersions() {
    return List.of("v1", "v2", "grpc-v2");
  }

  /**
   * Whether this runtime can put models on a CUDA GPU in this JVM: checked when a predictor asks
   * for {@code nvidia.com/gpu}, before any model loads. A runtime that can receives the replica's
   * device as a {@link io.kserve4j.core.gpu.GpuDevice} option ({@link ModelContext#device()}) and
   * its {@link CudaOptions}. By default a runtime runs on the CPU only.
   */
  default GpuSupport gpuSupport() {
    return GpuSupport.unavailable(name() + " runs models on the CPU only");
  }

  /**
   * Called when this runtime has been chosen for a model, before {@link #load}: start anything slow
   * that loading will need (such as native libraries) in the background, so that it overlaps the
   * rest of the service's setup. Must not throw. By default nothing.
   */
  default void prepare() {}

  /**
   * Whether the model artifact at {@code artifact} (a file, or a folder as storage resolved it)
   * holds a file this runtime loads. Runtime selection asks it when KServe's rules leave several
   * candidates: it skips a candidate that answers {@code false} for the next one that answers
   * {@code true} (so a {@code .onnx} file goes to the ONNX runtime and an XGBoost {@code
   * model.json} to the XGBoost runtime, both declared for modelFormat {@code xgboost}). Answer from
   * file names and a look at the first bytes; do not load the model. Must not throw. By default
   * {@code true}: a runtime that does not look is never skipped.
   */
  default boolean canLoad(Path artifact) {
    return true;
  }

  /**
   * Loads one instance of a model: one replica, with its own native resources.
   *
   * @param context the model's name, spec, local artifact and options
   * @return the loaded model, ready to predict
   * @throws io.kserve4j.core.spec.SpecValidationException if the artifact cannot be served by this
   *     runtime (wrong file type, several candidate files); the message says how to fix it
   * @throws io.kserve4j.protocol.ModelFailureException if the artifact is corrupt or the runtime
   *     fails to load it
   */
  Model load(ModelContext context);
}
