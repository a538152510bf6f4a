package io.kserve4j.jmh.runtime;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.runtime.xgboost.XgboostOptions;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code InferenceService.predict()} on the XGBoost runtime against xgboost4j's own thread-safe
 * prediction, {@code Booster.inplace_predict}, on the same rows of the same model with the same
 * settings (one thread, every round, NaN missing): {@code xgboost_iris_multinomial}, 3
 * probabilities per row.
 *
 * <p>The baseline hands the library the rows as the {@code float[]} it takes and gets its {@code
 * float[rows][3]} back. The predict side builds a request per call over the same {@code float[]} (a
 * zero-copy {@link Tensor}) and reads the output as a {@code float[]}. {@link #libraryControl}
 * repeats the baseline: the A/A control.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class XgboostPredictBenchmark {
  private static final String MODEL = "xgboost_iris_multinomial";

  /** Rows per call. */
  @Param({"1", "64"})
  public int batch;

  private Booster booster;
  private float[] rows;
  private long[] shape;
  private int[] allRounds;
  private InferenceService service;

  /** Loads the model twice: once as a bare booster, once as a service. */
  @Setup(Level.Trial)
  public void setUp() throws XGBoostError {
    java.nio.file.Path file = IrisRows.file(MODEL, "model.json");
    double[] values =
        IrisRows.rows(MODEL, batch, "Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width");
    rows = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      rows[i] = (float) values[i];
    }
    shape = new long[] {batch, 4};
    allRounds = new int[] {0, 0};
    booster = XGBoost.loadModel(file.toString());
    booster.setParam("nthread", 1);
    service =
        InferenceService.builder()
            .name("xgb-iris")
            .predictor(Predictor.model("xgboost", file.toString()))
            .runtimeOptions(XgboostOptions.ofDefaults())
            .build();
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void tearDown() {
    service.close();
    booster.dispose();
  }

  /** The baseline: xgboost4j's own in-place prediction. */
  @Benchmark
  public float[][] library() throws XGBoostError {
    return raw();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public float[][] libraryControl() throws XGBoostError {
    return raw();
  }

  /** kserve4j: one in-process prediction through the service. */
  @Benchmark
  public float[] predict() {
    InferRequest request = InferRequest.of(Tensor.of("input-0", rows, shape));
    return service.predict(request).outputs().get(0).asFloats();
  }

  private float[][] raw() throws XGBoostError {
    return booster.inplace_predict(
        rows, batch, 4, Float.NaN, allRounds, Booster.PredictionType.kValue, null);
  }
}
