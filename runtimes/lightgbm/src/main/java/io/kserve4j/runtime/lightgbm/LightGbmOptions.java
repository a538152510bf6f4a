package io.kserve4j.runtime.lightgbm;

import io.kserve4j.core.runtime.RuntimeOptions;
import java.util.Locale;
import java.util.Objects;

/**
 * Prediction settings for the LightGBM runtime ({@code kserve4j-lightgbm}), chosen for an
 * in-process server as KServe's {@code kserve-lgbserver} chooses them: one thread per prediction,
 * so that replicas and the application's own threads share the machine's cores.
 *
 * <p>Pass an instance to {@code InferenceService.builder().runtimeOptions(...)}. {@link
 * #ofDefaults()}: 1 thread ({@code num_threads=1}, KServe's {@code --nthread=1}), transformed
 * predictions ({@link Prediction#VALUE}: probabilities for classifiers), every iteration.
 */
public final class LightGbmOptions implements RuntimeOptions {
  private static final LightGbmOptions DEFAULTS = builder().build();

  /** What a prediction answers (LightGBM's {@code predict_type}). */
  public enum Prediction {
    /** The transformed value: probabilities for classifiers ({@code C_API_PREDICT_NORMAL}). */
    VALUE,
    /** The raw score before the sigmoid or softmax ({@code C_API_PREDICT_RAW_SCORE}). */
    RAW_SCORE
  }

  private final int threads;
  private final Prediction prediction;
  private final int startIteration;
  private final int numIteration;

  private LightGbmOptions(Builder b) {
    this.threads = b.threads;
    this.prediction = b.prediction;
    this.startIteration = b.startIteration;
    this.numIteration = b.numIteration;
  }

  /** The defaults described in the class documentation. */
  public static LightGbmOptions ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Threads one prediction may use (LightGBM's {@code num_threads}). */
  public int threads() {
    return threads;
  }

  /** What a prediction answers. */
  public Prediction prediction() {
    return prediction;
  }

  /** The first iteration used ({@code start_iteration}). */
  public int startIteration() {
    return startIteration;
  }

  /** How many iterations are used from the first ({@code num_iteration}); 0 for all. */
  public int numIteration() {
    return numIteration;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "LightGbmOptions{threads=%d, prediction=%s, startIteration=%d, numIteration=%d}",
        threads,
        prediction,
        startIteration,
        numIteration);
  }

  /** Builds {@link LightGbmOptions}. */
  public static final class Builder {
    private int threads = 1;
    private Prediction prediction = Prediction.VALUE;
    private int startIteration;
    private int numIteration;

    private Builder() {}

    /**
     * Threads one prediction may use (LightGBM's {@code num_threads}). By default 1, as KServe's
     * {@code kserve-lgbserver} runs ({@code --nthread=1}): concurrent calls use one core each.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
      }
      this.threads = threads;
      return this;
    }

    /** What a prediction answers. By default {@link Prediction#VALUE}, as KServe answers. */
    public Builder prediction(Prediction prediction) {
      this.prediction = Objects.requireNonNull(prediction, "prediction");
      return this;
    }

    /**
     * Uses {@code count} iterations from iteration {@code start} (LightGBM's {@code
     * start_iteration} and {@code num_iteration}); {@code count} 0 uses every iteration from {@code
     * start}. By default every iteration.
     *
     * @throws IllegalArgumentException if {@code start < 0} or {@code count < 0}
     */
    public Builder iterations(int start, int count) {
      if (start < 0 || count < 0) {
        throw new IllegalArgumentException(
            "iterations(" + start + ", " + count + "): start and count must be >= 0");
      }
      this.startIteration = start;
      this.numIteration = count;
      return this;
    }

    /** Builds the options. */
    public LightGbmOptions build() {
      return new LightGbmOptions(this);
    }
  }
}
