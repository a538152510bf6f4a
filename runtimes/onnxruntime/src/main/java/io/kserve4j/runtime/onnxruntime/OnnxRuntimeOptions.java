package io.kserve4j.runtime.onnxruntime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.kserve4j.core.runtime.RuntimeOptions;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Session options for the built-in ONNX Runtime, chosen for an in-process server: each session
 * computes on few threads and does not spin, so that many replicas and the application's own
 * threads share the machine's cores.
 *
 * <p>Pass an instance to {@code InferenceService.builder().runtimeOptions(...)}. {@link
 * #ofDefaults()} uses 1 intra-op thread on machines with up to 4 cores and half the cores (at most
 * 8) above that, 1 inter-op thread, spinning off, all graph optimizations, and ONNX Runtime's own
 * log at error level.
 */
public final class OnnxRuntimeOptions implements RuntimeOptions {
  private final int intraOpThreads;
  private final int interOpThreads;
  private final boolean spinning;
  private final OrtSession.SessionOptions.OptLevel optimizationLevel;
  private final @Nullable SessionCustomizer customizer;
  private final OrtLoggingLevel logLevel;

  private OnnxRuntimeOptions(Builder b) {
    this.logLevel = b.logLevel;
    this.intraOpThreads = b.intraOpThreads;
    this.interOpThreads = b.interOpThreads;
    this.spinning = b.spinning;
    this.optimizationLevel = b.optimizationLevel;
    this.customizer = b.customizer;
  }

  /** The defaults described in the class documentation. */
  public static OnnxRuntimeOptions ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Threads one operator may use. */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** Threads for running independent operators in parallel. */
  public int interOpThreads() {
    return interOpThreads;
  }

  /** Whether idle ONNX Runtime threads spin instead of sleeping. */
  public boolean spinning() {
    return spinning;
  }

  /** The graph optimization level. */
  public OrtSession.SessionOptions.OptLevel optimizationLevel() {
    return optimizationLevel;
  }

  /**
   * Builds the ONNX Runtime session options these settings describe. The caller closes them.
   *
   * @throws OrtException if ONNX Runtime rejects a setting
   */
  public OrtSession.SessionOptions toSessionOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(interOpThreads);
      options.setOptimizationLevel(optimizationLevel);
      options.setSessionLogLevel(logLevel);
      options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
      options.addConfigEntry("session.inter_op.allow_spinning", spinning ? "1" : "0");
      if (customizer != null) {
        customizer.customize(options);
      }
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "OnnxRuntimeOptions{intraOpThreads="
        + intraOpThreads
        + ", interOpThreads="
        + interOpThreads
        + ", spinning="
        + spinning
        + ", optimizationLevel="
        + optimizationLevel
        + "}";
  }

  /** Changes ONNX Runtime session options beyond what the builder offers. */
  @FunctionalInterface
  public interface SessionCustomizer {
    /**
     * Adjusts the options before a session is created.
     *
     * @throws OrtException if ONNX Runtime rejects a setting
     */
    void customize(OrtSession.SessionOptions options) throws OrtException;
  }

  /** Builds {@link OnnxRuntimeOptions}. */
  public static final class Builder {
    private int intraOpThreads = defaultIntraOpThreads();
    private int interOpThreads = 1;
    private boolean spinning = false;
    private OrtSession.SessionOptions.OptLevel optimizationLevel =
        OrtSession.SessionOptions.OptLevel.ALL_OPT;
    private @Nullable SessionCustomizer customizer;
    private OrtLoggingLevel logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;

    private Builder() {}

    /**
     * The level of ONNX Runtime's own log lines for the session (printed by the native library). By
     * default errors only: per-call warnings, such as a model declaring a fixed output shape it
     * does not keep at other batch sizes, would otherwise print on every call.
     */
    public Builder logLevel(OrtLoggingLevel level) {
      this.logLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Threads one operator may use. By default 1 on machines with up to 4 cores, else half the
     * cores up to 8.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder intraOpThreads(int threads) {
      this.intraOpThreads = positive("intraOpThreads", threads);
      return this;
    }

    /**
     * Threads for independent operators. By default 1.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder interOpThreads(int threads) {
      this.interOpThreads = positive("interOpThreads", threads);
      return this;
    }

    /** Whether idle threads spin. By default off: spinning burns cores a server shares. */
    public Builder spinning(boolean spinning) {
      this.spinning = spinning;
      return this;
    }

    /** The graph optimization level. By default {@code ALL_OPT}. */
    public Builder optimizationLevel(OrtSession.SessionOptions.OptLevel level) {
      this.optimizationLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** A hook that sees the session options last. By default none. */
    public Builder customizer(SessionCustomizer customizer) {
      this.customizer = customizer;
      return this;
    }

    /** Builds the options. */
    public OnnxRuntimeOptions build() {
      return new OnnxRuntimeOptions(this);
    }

    private static int positive(String field, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(field + " = " + value + ": must be >= 1");
      }
      return value;
    }

    private static int defaultIntraOpThreads() {
      int cores = Runtime.getRuntime().availableProcessors();
      return cores <= 4 ? 1 : Math.min(8, cores / 2);
    }
  }
}
