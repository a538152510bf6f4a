package io.kserve4j.jmh.runtime;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.runtime.lightgbm.LightGbmOptions;
import java.util.concurrent.TimeUnit;
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
 * {@code InferenceService.predict()} on the LightGBM runtime against lightgbm4j's own batch
 * prediction, {@code LGBMBooster.predictForMat}, on the same rows of the same model with the same
 * settings ({@code num_threads=1}, normal prediction, every iteration): {@code
 * lightgbm_auto_regression}, 7 features (3 categorical, given as codes; some horsepower missing),
 * one value per row.
 *
 * <p>Not the iris multiclass model: lightgbm4j 4.3.0-1's {@code predictForMat} allocates {@code 2 *
 * rows} doubles for the answer ({@code outBufferSize}) and LightGBM writes {@code classes * rows}
 * into it, so on a 3-class model it writes past its buffer (this benchmark crashed the JVM in the
 * garbage collector at batch 64). kserve4j sizes the buffer with {@code
 * LGBM_BoosterCalcNumPredict}.
 *
 * <p>The baseline hands the library the rows as the {@code double[]} it takes and gets its {@code
 * double[]} back. The predict side builds a request per call over the same {@code double[]} (a
 * zero-copy FP64 {@link Tensor}) and reads the output as a {@code double[]}. Both load LightGBM's
 * natives from the same files (lightgbm4j's loader runs first, and kserve4j is pointed at its
 * folder with {@code -Dkserve4j.lightgbm.native.path}), so one copy is in the process. {@link
 * #libraryControl} repeats the baseline: the A/A control.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LightGbmPredictBenchmark {
  private static final String MODEL = "lightgbm_auto_regression";

  private static final String[] FEATURES = {
    "cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year", "origin"
  };

  /** Rows per call. */
  @Param({"1", "64"})
  public int batch;

  private LGBMBooster booster;
  private double[] rows;
  private long[] shape;
  private InferenceService service;

  /** Loads the model twice: once as a bare booster, once as a service. */
  @Setup(Level.Trial)
  public void setUp() throws LGBMException {
    java.nio.file.Path file = IrisRows.file(MODEL, "model.txt");
    rows =
        IrisRows.rows(
            MODEL, batch, java.util.Set.of("cylinders", "model_year", "origin"), FEATURES);
    shape = new long[] {batch, FEATURES.length};
    booster = LGBMBooster.createFromModelfile(file.toString());
    System.setProperty("kserve4j.lightgbm.native.path", System.getProperty("java.io.tmpdir"));
    service =
        InferenceService.builder()
            .name("lgbm-auto")
            .predictor(Predictor.model("lightgbm", file.toString()))
            .runtimeOptions(LightGbmOptions.ofDefaults())
            .build();
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void tearDown() throws LGBMException {
    service.close();
    booster.close();
  }

  /** The baseline: lightgbm4j's own batch prediction. */
  @Benchmark
  public double[] library() throws LGBMException {
    return raw();
  }

  /** The A/A control: the baseline again. */
  @Benchmark
  public double[] libraryControl() throws LGBMException {
    return raw();
  }

  /** kserve4j: one in-process prediction through the service. */
  @Benchmark
  public double[] predict() {
    InferRequest request = InferRequest.of(Tensor.of("input-0", rows, shape));
    return service.predict(request).outputs().get(0).asDoubles();
  }

  private double[] raw() throws LGBMException {
    return booster.predictForMat(
        rows, batch, FEATURES.length, true, PredictionType.C_API_PREDICT_NORMAL, "num_threads=1");
  }
}
