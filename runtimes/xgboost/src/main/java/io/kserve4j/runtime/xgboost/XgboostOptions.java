package io.kserve4j.runtime.xgboost;

import io.kserve4j.core.runtime.RuntimeOptions;
import java.util.Locale;

/**
 * Prediction settings for the XGBoost runtime ({@code kserve4j-xgboost}), chosen for an in-process
 * server as KServe's {@code kserve-xgbserver} chooses them: one thread per prediction, so that
 * replicas and the application's own threads share the machine's cores.
 *
 * <p>Pass an instance to {@code InferenceService.builder().runtimeOptions(...)}. {@link
 * #ofDefaults()}: 1 thread ({@code nthread=1}, KServe's {@code --nthread=1}), transformed
 * predictions (probabilities for {@code multi:softprob}, not margins), every boosting round (as
 * KServe's {@code Booster.predict} uses them, even when the model records an early-stopping {@code
 * best_iteration}), and {@code NaN} as the missing value.
 */
public final class XgboostOptions implements RuntimeOptions {
  private static final XgboostOptions DEFAULTS = builder().build();

  private final int threads;
  private final boolean outputMargin;
  private final int iterationBegin;
  private final int iterationEnd;
  private final boolean bestIteration;
  private final float missing;

  private XgboostOptions(Builder b) {
    this.threads = b.threads;
    this.outputMargin = b.outputMargin;
    this.iterationBegin = b.iterationBegin;
    this.iterationEnd = b.iterationEnd;
    this.bestIteration = b.bestIteration;
    this.missing = b.missing;
  }

  /** The defaults described in the class documentation. */
  public static XgboostOptions ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Threads one prediction may use (XGBoost's {@code nthread}). */
  public int threads() {
    return threads;
  }

  /** Whether predictions are untransformed margins ({@code output_margin}). */
  public boolean outputMargin() {
    return outputMargin;
  }

  /** The first boosting round used, inclusive (XGBoost's {@code iteration_range[0]}). */
  public int iterationBegin() {
    return iterationBegin;
  }

  /**
   * The boosting round after the last one used, exclusive (XGBoost's {@code iteration_range[1]}); 0
   * for all rounds.
   */
  public int iterationEnd() {
    return iterationEnd;
  }

  /**
   * Whether the rounds up to the model's {@code best_iteration} attribute are used when no {@link
   * #iterationEnd()} is set.
   */
  public boolean bestIteration() {
    return bestIteration;
  }

  /** The input value that means missing ({@code missing}); {@code NaN} by default. */
  public float missing() {
    return missing;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "XgboostOptions{threads=%d, outputMargin=%s, iterationRange=[%d, %d), bestIteration=%s,"
            + " missing=%s}",
        threads,
        outputMargin,
        iterationBegin,
        iterationEnd,
        bestIteration,
        missing);
  }

  /** Builds {@link XgboostOptions}. */
  public static final class Builder {
    private int threads = 1;
    private boolean outputMargin;
    private int iterationBegin;
    private int iterationEnd;
    private boolean bestIteration;
    private float missing = Float.NaN;

    private Builder() {}

    /**
     * Threads one prediction may use (XGBoost's {@code nthread}). By default 1, as KServe's {@code
     * kserve-xgbserver} runs ({@code --nthread=1}): concurrent calls use one core each.
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

    /**
     * Whether to answer untransformed margins (before the sigmoid or softmax). By default {@code
     * false}: probabilities for classifiers, as KServe's {@code booster.predict(dmatrix)} answers.
     */
    public Builder outputMargin(boolean outputMargin) {
      this.outputMargin = outputMargin;
      return this;
    }

    /**
     * Uses the boosting rounds {@code [begin, end)} only (XGBoost's {@code iteration_range}), e.g.
     * the rounds up to early stopping's best iteration. By default every round ({@code [0, 0)}).
     *
     * @throws IllegalArgumentException if {@code begin < 0}, {@code end < 0}, or {@code end} is not
     *     0 and not above {@code begin}
     */
    public Builder iterationRange(int begin, int end) {
      if (begin < 0 || end < 0 || (end != 0 && end <= begin)) {
        throw new IllegalArgumentException(
            "iterationRange = ["
                + begin
                + ", "
                + end
                + "): must be 0 <= begin < end, or end = 0 for every round from begin");
      }
      this.iterationBegin = begin;
      this.iterationEnd = end;
      return this;
    }

    /**
     * Whether to use the boosting rounds up to the model's early-stopping {@code best_iteration}
     * attribute ({@code [0, best_iteration + 1)}), as XGBoost's scikit-learn {@code predict} and
     * MLServer (KServe's runtime for protocol v2) do; an {@link #iterationRange} wins over it. By
     * default {@code false}: every round, as KServe's xgbserver ({@code Booster.predict}) answers.
     * A model without the attribute uses every round either way.
     */
    public Builder bestIteration(boolean bestIteration) {
      this.bestIteration = bestIteration;
      return this;
    }

    /**
     * The input value that means missing, besides {@code NaN}. By default {@code NaN} only, as
     * KServe's {@code xgb.DMatrix(instances)} reads a request.
     */
    public Builder missing(float missing) {
      this.missing = missing;
      return this;
    }

    /** Builds the options. */
    public XgboostOptions build() {
      return new XgboostOptions(this);
    }
  }
}
