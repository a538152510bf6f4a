package io.kserve4j.runtime.lightgbm.internal;

import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterCalcNumPredict;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterCreateFromModelfile;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterFree;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterGetNumClasses;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterGetNumFeature;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_BoosterPredictForMat;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_GetLastError;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_floatArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_int64_tp;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_intp;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_getitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.double_to_voidp_ptr;
import static com.microsoft.ml.lightgbm.lightgbmlib.floatArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.float_to_voidp_ptr;
import static com.microsoft.ml.lightgbm.lightgbmlib.int64_tp_value;
import static com.microsoft.ml.lightgbm.lightgbmlib.intp_value;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_floatArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_int64_tp;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_intp;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.voidpp_value;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
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
import io.kserve4j.runtime.lightgbm.LightGbmOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * One LightGBM booster serving the Open Inference Protocol as KServe's lgbserver does: a replica
 * loaded by {@link LightGbmServingRuntime}.
 *
 * <p><b>Tensors.</b> One input, {@code input-0}, FP64 or FP32 of shape {@code [rows, features]}
 * (any name is read as it, as KServe reads {@code inputs[0]}), handed to LightGBM in its own
 * datatype. {@code NaN} is a missing value and goes where each split sends missing values; a
 * categorical feature is its integer category code, as LightGBM was trained on it (negative codes
 * and {@code NaN} are missing). One output, {@code output-0}, FP64 as LightGBM computes it: {@code
 * [rows]} for regression and binary models, {@code [rows, classes]} for multiclass. Everything else
 * is a 400 naming the tensor (see {@link TreeTensors}).
 *
 * <p><b>Calls.</b> Each prediction is one {@code LGBM_BoosterPredictForMat} on {@link
 * LightGbmOptions#threads()} threads (the same C call lightgbm4j's {@code predictForMat} makes,
 * with the rows copied into native memory the same way). LightGBM runs predictions of one booster
 * under a shared lock, so {@link #predict} may run on many threads at once; {@link #close} waits
 * for the calls in flight, then frees the booster, and later calls answer 503.
 */
final class LightGbmModel implements Model {
  private final String name;
  private final SWIGTYPE_p_void handle;
  private final int features;
  private final int perRow;
  private final int predictType;
  private final int startIteration;
  private final int numIteration;
  private final String parameters;
  private final ModelMetadata metadata;
  private final String outputShape;
  private final StampedLock lock = new StampedLock();
  private volatile boolean closed;

  private LightGbmModel(
      String name,
      SWIGTYPE_p_void handle,
      LightGbmOptions options,
      Map<String, Object> modelFacts) {
    this.name = name;
    this.handle = handle;
    this.predictType =
        options.prediction() == LightGbmOptions.Prediction.RAW_SCORE
            ? lightgbmlibConstants.C_API_PREDICT_RAW_SCORE
            : lightgbmlibConstants.C_API_PREDICT_NORMAL;
    this.startIteration = options.startIteration();
    this.numIteration = options.numIteration() == 0 ? -1 : options.numIteration();
    this.parameters = "num_threads=" + options.threads();
    SWIGTYPE_p_int out = new_intp();
    try {
      check(LGBM_BoosterGetNumFeature(handle, out), "count the features");
      this.features = intp_value(out);
      check(LGBM_BoosterGetNumClasses(handle, out), "count the classes");
    } finally {
      delete_intp(out);
    }
    SWIGTYPE_p_long_long count = new_int64_tp();
    try {
      check(
          LGBM_BoosterCalcNumPredict(handle, 1, predictType, startIteration, numIteration, count),
          "count the values of a prediction");
      this.perRow = Math.toIntExact(int64_tp_value(count));
    } finally {
      delete_int64_tp(count);
    }
    TensorMetadata output =
        perRow == 1
            ? TensorMetadata.of(TreeTensors.OUTPUT, DataType.FP64, -1)
            : TensorMetadata.of(TreeTensors.OUTPUT, DataType.FP64, -1, perRow);
    this.outputShape = output.datatype() + " " + output.shape();
    Map<String, Object> facts = new java.util.LinkedHashMap<>(modelFacts);
    facts.put("datatypes", "FP64, FP32");
    facts.put("missing", "NaN");
    facts.put("device", "cpu");
    this.metadata =
        new ModelMetadata(
            name,
            List.of(),
            "lightgbm",
            List.of(TensorMetadata.of(TreeTensors.INPUT, DataType.FP64, -1, features)),
            List.of(output),
            facts);
  }

  /**
   * Loads a LightGBM text model.
   *
   * @param facts what the model file's header says (objective, feature names), for the metadata
   * @throws ModelFailureException if LightGBM cannot read the file; the message carries LightGBM's
   */
  static LightGbmModel load(
      String name, String file, LightGbmOptions options, Map<String, Object> facts) {
    SWIGTYPE_p_p_void out = new_voidpp();
    SWIGTYPE_p_int iterations = new_intp();
    SWIGTYPE_p_void handle;
    try {
      if (LGBM_BoosterCreateFromModelfile(file, iterations, out) != 0) {
        throw new ModelFailureException(
            name, "LightGBM could not load " + file + ": " + LGBM_GetLastError());
      }
      handle = voidpp_value(out);
    } finally {
      delete_intp(iterations);
      delete_voidpp(out);
    }
    try {
      return new LightGbmModel(name, handle, options, facts);
    } catch (RuntimeException e) {
      LGBM_BoosterFree(handle);
      throw e;
    }
  }

  private void check(int result, String what) {
    if (result != 0) {
      throw new ModelFailureException(
          name, "LightGBM could not " + what + ": " + LGBM_GetLastError());
    }
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * Predicts the rows of the request's one input.
   *
   * @throws InvalidInputException if there is not exactly one input of FP64 or FP32 {@code [rows,
   *     features]}, or a requested output is not {@code output-0}; the message names the tensor
   * @throws ModelFailureException if LightGBM fails; the message carries LightGBM's
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
    double[] values = rows == 0 ? new double[0] : predict(x, rows);
    Tensor out =
        perRow == 1
            ? Tensor.of(TreeTensors.OUTPUT, values, rows)
            : Tensor.of(TreeTensors.OUTPUT, values, rows, perRow);
    InferResponse response = InferResponse.of(name, List.of(out));
    String id = request.id();
    return id == null ? response : response.withId(id);
  }

  private double[] predict(Tensor x, int rows) {
    int n = rows * features;
    int answers = rows * perRow;
    SWIGTYPE_p_double output = new_doubleArray(answers);
    SWIGTYPE_p_long_long length = new_int64_tp();
    SWIGTYPE_p_double doubles = null;
    SWIGTYPE_p_float floats = null;
    try {
      SWIGTYPE_p_void data;
      int type;
      if (x.datatype() == DataType.FP64) {
        double[] v = x.asDoubles();
        doubles = new_doubleArray(n);
        for (int i = 0; i < n; i++) {
          doubleArray_setitem(doubles, i, v[i]);
        }
        data = double_to_voidp_ptr(doubles);
        type = lightgbmlibConstants.C_API_DTYPE_FLOAT64;
      } else {
        float[] v = x.asFloats();
        floats = new_floatArray(n);
        for (int i = 0; i < n; i++) {
          floatArray_setitem(floats, i, v[i]);
        }
        data = float_to_voidp_ptr(floats);
        type = lightgbmlibConstants.C_API_DTYPE_FLOAT32;
      }
      int result =
          LGBM_BoosterPredictForMat(
              handle,
              data,
              type,
              rows,
              features,
              1,
              predictType,
              startIteration,
              numIteration,
              parameters,
              length,
              output);
      if (result != 0) {
        throw new ModelFailureException(name, "LightGBM failed to predict: " + LGBM_GetLastError());
      }
      long got = int64_tp_value(length);
      if (got != answers) {
        throw new ModelFailureException(
            name, "LightGBM answered " + got + " values for " + rows + " rows, not " + answers);
      }
      double[] values = new double[answers];
      for (int i = 0; i < answers; i++) {
        values[i] = doubleArray_getitem(output, i);
      }
      return values;
    } finally {
      if (doubles != null) {
        delete_doubleArray(doubles);
      }
      if (floats != null) {
        delete_floatArray(floats);
      }
      delete_int64_tp(length);
      delete_doubleArray(output);
    }
  }

  private ModelNotReadyException closedException() {
    return new ModelNotReadyException(
        name, "the model is closed (its LightGBM booster was freed; load it again)");
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
      LGBM_BoosterFree(handle);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  @Override
  public String toString() {
    return "LightGbmModel{" + name + ", features=" + features + ", output=" + outputShape + "}";
  }
}
