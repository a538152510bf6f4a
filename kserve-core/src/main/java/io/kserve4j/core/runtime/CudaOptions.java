package io.kserve4j.core.runtime;

import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ONNX Runtime's CUDA execution provider options for a predictor that runs on a GPU: which device,
 * how much memory its arena may take, how it grows, how cuDNN picks convolution algorithms, and
 * whether TF32 is allowed. Every option left unset keeps ONNX Runtime's default.
 *
 * <p>Give them in Java with {@code InferenceService.builder().runtimeOptions(CudaOptions.builder()
 * ...build())}, or in the spec as predictor (or service) annotations:
 *
 * <table>
 *   <caption>annotations and ONNX Runtime option names</caption>
 *   <tr><th>annotation</th><th>ONNX Runtime option</th><th>values</th></tr>
 *   <tr><td>{@code serving.kserve4j.io/cuda-device-id}</td><td>{@code device_id}</td>
 *       <td>a device index, e.g. {@code 0}; pins every replica to that device</td></tr>
 *   <tr><td>{@code serving.kserve4j.io/cuda-memory-limit}</td><td>{@code gpu_mem_limit}</td>
 *       <td>bytes, or a Kubernetes quantity such as {@code 4Gi} or {@code 512Mi}</td></tr>
 *   <tr><td>{@code serving.kserve4j.io/cuda-arena-strategy}</td>
 *       <td>{@code arena_extend_strategy}</td><td>{@code kNextPowerOfTwo} or
 *       {@code kSameAsRequested}</td></tr>
 *   <tr><td>{@code serving.kserve4j.io/cudnn-conv-algo-search}</td>
 *       <td>{@code cudnn_conv_algo_search}</td><td>{@code EXHAUSTIVE}, {@code HEURISTIC} or
 *       {@code DEFAULT}</td></tr>
 *   <tr><td>{@code serving.kserve4j.io/cuda-tf32}</td><td>{@code use_tf32}</td>
 *       <td>{@code true} or {@code false}</td></tr>
 * </table>
 *
 * <p>Options given in Java win over the annotations, field by field. The memory limit is also what
 * placement reserves for a replica: a replica whose limit exceeds every device's free memory is not
 * started.
 */
public final class CudaOptions implements RuntimeOptions {
  /** The annotation prefix of kserve4j's own settings. */
  private static final String PREFIX = "serving.kserve4j.io/";

  /** Annotation for {@link Builder#deviceId}. */
  public static final String DEVICE_ID_ANNOTATION = PREFIX + "cuda-device-id";

  /** Annotation for {@link Builder#memoryLimit}. */
  public static final String MEMORY_LIMIT_ANNOTATION = PREFIX + "cuda-memory-limit";

  /** Annotation for {@link Builder#arenaExtendStrategy}. */
  public static final String ARENA_STRATEGY_ANNOTATION = PREFIX + "cuda-arena-strategy";

  /** Annotation for {@link Builder#cudnnConvAlgoSearch}. */
  public static final String CONV_ALGO_SEARCH_ANNOTATION = PREFIX + "cudnn-conv-algo-search";

  /** Annotation for {@link Builder#tf32}. */
  public static final String TF32_ANNOTATION = PREFIX + "cuda-tf32";

  private static final CudaOptions DEFAULTS = builder().build();
  private static final Pattern QUANTITY =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(Ki|Mi|Gi|Ti|k|K|M|G|T)?");

  /** How the CUDA memory arena grows ({@code arena_extend_strategy}). */
  public enum ArenaExtendStrategy {
    /** Doubles each time ({@code kNextPowerOfTwo}, ONNX Runtime's default). */
    NEXT_POWER_OF_TWO("kNextPowerOfTwo"),
    /** Grows by what was asked ({@code kSameAsRequested}): tighter, more allocations. */
    SAME_AS_REQUESTED("kSameAsRequested");

    private final String ortName;

    ArenaExtendStrategy(String ortName) {
      this.ortName = ortName;
    }

    /** ONNX Runtime's value for it. */
    public String ortName() {
      return ortName;
    }
  }

  /** How cuDNN picks convolution algorithms ({@code cudnn_conv_algo_search}). */
  public enum ConvAlgoSearch {
    /** Benchmarks every algorithm once per shape ({@code EXHAUSTIVE}, ONNX Runtime's default). */
    EXHAUSTIVE,
    /** cuDNN's heuristics, no benchmarking ({@code HEURISTIC}). */
    HEURISTIC,
    /** A fixed default algorithm ({@code DEFAULT}). */
    DEFAULT
  }

  private final @Nullable Integer deviceId;
  private final @Nullable Long memoryLimit;
  private final @Nullable ArenaExtendStrategy arenaExtendStrategy;
  private final @Nullable ConvAlgoSearch cudnnConvAlgoSearch;
  private final @Nullable Boolean tf32;

  private CudaOptions(Builder b) {
    this.deviceId = b.deviceId;
    this.memoryLimit = b.memoryLimit;
    this.arenaExtendStrategy = b.arenaExtendStrategy;
    this.cudnnConvAlgoSearch = b.cudnnConvAlgoSearch;
    this.tf32 = b.tf32;
  }

  /** Every option unset: ONNX Runtime's defaults, replicas placed by free memory. */
  public static CudaOptions ofDefaults() {
    return DEFAULTS;
  }

  /** A builder with every option unset. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The options the annotations give; annotations kserve4j does not know are ignored.
   *
   * @param subject what is checked, for messages, e.g. {@code InferenceService 'mnist'}
   * @param path the spec path of those annotations, for messages, e.g. {@code
   *     spec.predictor.annotations}
   * @param annotations the predictor's annotations merged over the service's
   * @throws SpecValidationException if a value is not valid, listing every such annotation with the
   *     values it takes
   */
  public static CudaOptions fromAnnotations(
      String subject, String path, Map<String, String> annotations) {
    List<Violation> problems = new ArrayList<>();
    Builder b = builder();
    String v = annotations.get(DEVICE_ID_ANNOTATION);
    if (v != null) {
      try {
        int id = Integer.parseInt(v.trim());
        if (id < 0) {
          throw new NumberFormatException();
        }
        b.deviceId(id);
      } catch (NumberFormatException e) {
        problems.add(
            bad(path, DEVICE_ID_ANNOTATION, v, "must be a device index >= 0", "write e.g. 0"));
      }
    }
    v = annotations.get(MEMORY_LIMIT_ANNOTATION);
    if (v != null) {
      long bytes = parseQuantity(v);
      if (bytes <= 0) {
        problems.add(
            bad(
                path,
                MEMORY_LIMIT_ANNOTATION,
                v,
                "must be a positive amount of memory",
                "write bytes or a quantity such as 4Gi or 512Mi"));
      } else {
        b.memoryLimit(bytes);
      }
    }
    v = annotations.get(ARENA_STRATEGY_ANNOTATION);
    if (v != null) {
      ArenaExtendStrategy s = null;
      for (ArenaExtendStrategy candidate : ArenaExtendStrategy.values()) {
        if (candidate.ortName.equalsIgnoreCase(v.trim())) {
          s = candidate;
        }
      }
      if (s == null) {
        problems.add(
            bad(
                path,
                ARENA_STRATEGY_ANNOTATION,
                v,
                "is not an arena extend strategy",
                "use kNextPowerOfTwo or kSameAsRequested"));
      } else {
        b.arenaExtendStrategy(s);
      }
    }
    v = annotations.get(CONV_ALGO_SEARCH_ANNOTATION);
    if (v != null) {
      try {
        b.cudnnConvAlgoSearch(ConvAlgoSearch.valueOf(v.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add(
            bad(
                path,
                CONV_ALGO_SEARCH_ANNOTATION,
                v,
                "is not a cuDNN algorithm search",
                "use EXHAUSTIVE, HEURISTIC or DEFAULT"));
      }
    }
    v = annotations.get(TF32_ANNOTATION);
    if (v != null) {
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        b.tf32(t.equals("true"));
      } else {
        problems.add(bad(path, TF32_ANNOTATION, v, "must be true or false", "write true or false"));
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecValidationException(subject, problems);
    }
    return b.build();
  }

  private static Violation bad(String path, String key, String value, String rule, String fix) {
    return new Violation(path + "[" + key + "]", value, rule, fix);
  }

  /**
   * Bytes in a Kubernetes quantity ({@code 4Gi}, {@code 512Mi}, {@code 2G}, {@code 1500000}), or -1
   * if it is not one.
   */
  static long parseQuantity(String text) {
    Matcher m = QUANTITY.matcher(text.trim());
    if (!m.matches()) {
      return -1;
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    double scale =
        unit == null
            ? 1
            : switch (unit) {
              case "Ki" -> 1L << 10;
              case "Mi" -> 1L << 20;
              case "Gi" -> 1L << 30;
              case "Ti" -> 1L << 40;
              case "k", "K" -> 1e3;
              case "M" -> 1e6;
              case "G" -> 1e9;
              default -> 1e12;
            };
    double bytes = n * scale;
    return bytes >= Long.MAX_VALUE ? -1 : (long) bytes;
  }

  /** The device every replica is pinned to, or {@code null}: placed by free memory. */
  public @Nullable Integer deviceId() {
    return deviceId;
  }

  /** The CUDA arena's limit in bytes, or {@code null}: ONNX Runtime's default (no limit). */
  public @Nullable Long memoryLimit() {
    return memoryLimit;
  }

  /** How the arena grows, or {@code null}: ONNX Runtime's default. */
  public @Nullable ArenaExtendStrategy arenaExtendStrategy() {
    return arenaExtendStrategy;
  }

  /** How cuDNN picks convolution algorithms, or {@code null}: ONNX Runtime's default. */
  public @Nullable ConvAlgoSearch cudnnConvAlgoSearch() {
    return cudnnConvAlgoSearch;
  }

  /** Whether TF32 math is allowed, or {@code null}: ONNX Runtime's default (allowed). */
  public @Nullable Boolean tf32() {
    return tf32;
  }

  /** These options with every option {@code other} sets taking its place. */
  public CudaOptions overriddenBy(CudaOptions other) {
    Builder b = builder();
    b.deviceId = other.deviceId != null ? other.deviceId : deviceId;
    b.memoryLimit = other.memoryLimit != null ? other.memoryLimit : memoryLimit;
    b.arenaExtendStrategy =
        other.arenaExtendStrategy != null ? other.arenaExtendStrategy : arenaExtendStrategy;
    b.cudnnConvAlgoSearch =
        other.cudnnConvAlgoSearch != null ? other.cudnnConvAlgoSearch : cudnnConvAlgoSearch;
    b.tf32 = other.tf32 != null ? other.tf32 : tf32;
    return b.build();
  }

  /**
   * The options that are set, under ONNX Runtime's names ({@code device_id}, {@code gpu_mem_limit},
   * {@code arena_extend_strategy}, {@code cudnn_conv_algo_search}, {@code use_tf32}), with ONNX
   * Runtime's values.
   */
  public Map<String, String> toProviderOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    if (deviceId != null) {
      m.put("device_id", Integer.toString(deviceId));
    }
    if (memoryLimit != null) {
      m.put("gpu_mem_limit", Long.toString(memoryLimit));
    }
    if (arenaExtendStrategy != null) {
      m.put("arena_extend_strategy", arenaExtendStrategy.ortName);
    }
    if (cudnnConvAlgoSearch != null) {
      m.put("cudnn_conv_algo_search", cudnnConvAlgoSearch.name());
    }
    if (tf32 != null) {
      m.put("use_tf32", tf32 ? "1" : "0");
    }
    return m;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CudaOptions c && c.toProviderOptions().equals(toProviderOptions());
  }

  @Override
  public int hashCode() {
    return toProviderOptions().hashCode();
  }

  @Override
  public String toString() {
    return "CudaOptions" + toProviderOptions();
  }

  /** Builds {@link CudaOptions}. */
  public static final class Builder {
    private @Nullable Integer deviceId;
    private @Nullable Long memoryLimit;
    private @Nullable ArenaExtendStrategy arenaExtendStrategy;
    private @Nullable ConvAlgoSearch cudnnConvAlgoSearch;
    private @Nullable Boolean tf32;

    private Builder() {}

    /**
     * Pins every replica to the device with this CUDA index. By default unset: each replica goes to
     * the device with the most free memory.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder deviceId(int index) {
      if (index < 0) {
        throw new IllegalArgumentException("deviceId = " + index + ": must be >= 0");
      }
      this.deviceId = index;
      return this;
    }

    /**
     * The most memory, in bytes, the CUDA arena of one replica may take ({@code gpu_mem_limit});
     * placement reserves it per replica. By default unset: no limit, nothing reserved.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder memoryLimit(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("memoryLimit = " + bytes + ": must be > 0");
      }
      this.memoryLimit = bytes;
      return this;
    }

    /** How the arena grows. By default unset: ONNX Runtime's {@code kNextPowerOfTwo}. */
    public Builder arenaExtendStrategy(ArenaExtendStrategy strategy) {
      this.arenaExtendStrategy = strategy;
      return this;
    }

    /** How cuDNN picks convolution algorithms. By default unset: ONNX Runtime's EXHAUSTIVE. */
    public Builder cudnnConvAlgoSearch(ConvAlgoSearch search) {
      this.cudnnConvAlgoSearch = search;
      return this;
    }

    /**
     * Whether matrix math may use TF32 (faster on Ampere and later, about 1e-3 relative error). By
     * default unset: ONNX Runtime allows it. Set {@code false} for results within float32 rounding
     * of the CPU's.
     */
    public Builder tf32(boolean allowed) {
      this.tf32 = allowed;
      return this;
    }

    /** Builds the options. */
    public CudaOptions build() {
      return new CudaOptions(this);
    }
  }
}
