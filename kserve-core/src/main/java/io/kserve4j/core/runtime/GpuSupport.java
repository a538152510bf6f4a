package io.kserve4j.core.runtime;

import java.util.Objects;

/**
 * Whether a {@link ServingRuntime} can run models on a CUDA GPU in this JVM, and how, or why not.
 *
 * @param available whether it can
 * @param description how it runs them (e.g. which ONNX Runtime build), or why it cannot, naming the
 *     artifact or setting that is missing
 */
public record GpuSupport(boolean available, String description) {
  /** Checks the description. */
  public GpuSupport {
    Objects.requireNonNull(description, "description");
  }

  /** The runtime can use a GPU, as described. */
  public static GpuSupport available(String how) {
    return new GpuSupport(true, how);
  }

  /** The runtime cannot use a GPU here, for this reason. */
  public static GpuSupport unavailable(String why) {
    return new GpuSupport(false, why);
  }
}
