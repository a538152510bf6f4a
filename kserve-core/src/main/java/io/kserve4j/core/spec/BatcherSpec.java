package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * A component's {@code batcher}: requests stacked into one runtime call.
 *
 * @param maxBatchSize most instances in one batch; {@code null} means KServe's default, 32
 * @param maxLatency longest wait for a batch to fill, in milliseconds; {@code null} means 5000
 * @param timeout batch timeout in seconds; KServe declares it but never propagates it
 */
public record BatcherSpec(
    @Nullable Integer maxBatchSize, @Nullable Integer maxLatency, @Nullable Integer timeout) {
  /** KServe's default maximum batch size. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 32;

  /** KServe's default maximum latency in milliseconds. */
  public static final int DEFAULT_MAX_LATENCY_MS = 5000;
}
