package io.kserve4j.runtime.xgboost.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.runtime.xgboost.XgboostOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One XGBoost booster serving the Open Inference Protocol as KServe's xgbserver does: a replica
 * loaded by {@link XgboostServingRuntime}.
 *
 * <p><b>Tensors.</b> One input, {@code input-0}, FP32 or FP64 of shape {@code [rows, features]}
 * (any name is read as it, as KServe reads {@code inputs[0]}); {@code NaN} is a missing value. FP64
 * is narrowed to FP32, as XGBoost itself stores features. One output, {@code output-0}, FP32:
 * {@code [rows]} for regression and binary objectives, {@code [rows, k]} when the booster answers k
 * values per row (probabilities of k classes for {@code multi:softprob}, k targets). Everything
 * else is a 400 naming the tensor (see {@link TreeTensors}).
 *
 * <p><b>Calls.</b> Each prediction is one {@code Booster.inplace_predict} (XGBoost's thread-safe
 * prediction, no DMatrix) on {@link XgboostOptions#threads()} threads. Thread-safe: {@link
 * #predict} may run on many threads at once; {@link #close} waits for the calls in flight, then
 * frees the booster, and later calls answer 503.
 */
final class XgboostModel implements Model {
  private final String name;
  private final Booster booster;
  private final int features;
  private final int perRow;
  private final float missing;
  private final int[] iterationRange;
  private final Booster.PredictionType type;
  private final ModelMetadata metadata;
  private final String outputShape;
  private final StampedLock lock = new StampedLock();
  private volatile boolean closed;

  private XgboostModel(String name, Booster booster, XgboostOptions options, String where)
      throws XGBoostError {
    this.name = name;
    this.booster = booster;
    booster.setParam("nthread", options.threads());
    this.features = Math.toIntExact(booster.getNumFeature());
    this.missing = options.missing();
    String best = booster.getAttr("best_iteration");
    int end = options.iterationEnd();
    if (end == 0 && options.bestIteration() && best != null) {
      end = Integer.parseInt(best.trim()) + 1;
    }
    this.iterationRange = new int[] {options.iterationBegin(), end};
    this.type =
        options.outputMargin() ? Booster.PredictionType.kMargin : Booster.PredictionType.kValue;
    // How many values a row answers (classes, targets): ask with one row of missing values.
    float[] probe = new float[features];
    Arrays.fill(probe, Float.NaN);
    float[][] answer =
        booster.inplace_predict(probe, 1, features, missing, iterationRange.clone(), type, null);
    this.perRow = answer[0].length;
    TensorMetadata output =
        perRow == 1
            ? TensorMetadata.of(TreeTensors.OUTPUT, DataType.FP32, -1)
            : TensorMetadata.of(TreeTensors.OUTPUT, DataType.FP32, -1, perRow);
    this.outputShape = output.datatype() + " " + output.shape();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("datatypes", "FP32, FP64");
    parameters.put("missing", Float.isNaN(missing) ? "NaN" : "NaN, " + missing);
    parameters.put("num_boosted_rounds", booster.getNumBoostedRound());
    if (best != null) {
      parameters.put("best_iteration", best);
    }
    parameters.put(
        "iteration_range", "[" + iterationRange[0] + ", " + iterationRange[1] + ") (0: all)");
    String[] featureNames = booster.getFeatureNames();
    if (featureNames != null && featureNames.length > 0) {
      parameters.put("feature_names", String.join(",", featureNames));
    }
    parameters.put("device", where);
    this.metadata =
        new ModelMetadata(
            name,
            List.of(),
            "xgboost",
            List.of(TensorMetadata.of(TreeTensors.INPUT, DataType.FP32, -1, features)),
            List.of(output),
            parameters);
  }

  /**
   * A model over a loaded booster; on failure the booster is freed.
   *
   * @throws ModelFailureException if XGBoost rejects the options or cannot predict
   */
  static XgboostModel create(String name, Booster booster, XgboostOptions options) {
    try {
      return new XgboostModel(name, booster, options, "cpu");
    } catch (XGBoostError | RuntimeException e) {
      booster.dispose();
      throw new ModelFailureException(
          name, "XGBoost could not prepare the model (" + options + "): " + e.getMessage(), e);
    }
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * Predicts the rows of the request's one input.
   *
   * @throws InvalidInputException if there is not exactly one input of FP32 or FP64 {@code [rows,
   *     features]}, or a requested output is not {@code output-0}; the message names the tensor
   * @throws ModelFailureException if XGBoost fails; the message carries XGBoost's
   * @throws ModelNotReadyException if the model has been closed
   */
  @Override
  public InferResponse predict(InferRequest request) {
    long stamp = lock.tryReadLock();
    if (stamp == 0L) {
      throw closedException();
    }
    try {
      if (closed) {
        throw closedException();
      }
      return run(request);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private InferResponse run(InferRequest request) {
    Tensor x = TreeTensors.features(name, request, features, outputShape);
    int rows = Math.toIntExact(x.dim(0));
    float[] flat = new float[rows * perRow];
    if (rows > 0) {
      float[] data = x.datatype() == DataType.FP32 ? x.asFloats() : narrow(x.asDoubles());
      float[][] answer;
      try {
        answer = booster.inplace_predict(data, rows, features, missing, iterationRange, type, null);
      } catch (XGBoostError | RuntimeException e) {
        throw new ModelFailureException(name, "XGBoost failed to predict: " + e.getMessage(), e);
      }
      for (int r = 0; r < rows; r++) {
        System.arraycopy(answer[r], 0, flat, r * perRow, perRow);
      }
    }
    Tensor out =
        perRow == 1
            ? Tensor.of(TreeTensors.OUTPUT, flat, rows)
            : Tensor.of(TreeTensors.OUTPUT, flat, rows, perRow);
    InferResponse response = InferResponse.of(name, List.of(out));
    String id = request.id();
    return id == null ? response : response.withId(id);
  }

  private static float[] narrow(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private ModelNotReadyException closedException() {
    return new ModelNotReadyException(
        name, "the model is closed (its XGBoost booster was freed; load it again)");
  }

  /**
   * Frees the booster after the calls in flight finish. Idempotent; later calls to {@link #predict}
   * answer with a {@link ModelNotReadyException}.
   */
  @Override
  public void close() {
    long stamp = lock.writeLock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      booster.dispose();
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  @Override
  public String toString() {
    return "XgboostModel{" + name + ", features=" + features + ", output=" + outputShape + "}";
  }
}
