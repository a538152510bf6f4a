package io.kserve4j.core.gpu;

import java.util.List;

/**
 * The GPUs of this machine, in one call.
 *
 * <pre>{@code
 * for (GpuDevice d : Gpus.discover()) {
 *   System.out.println(d.describe()); // cuda:0 NVIDIA H100 80GB HBM3 (sm 9.0, 79.1 GiB free ...)
 * }
 * }</pre>
 *
 * <p>Without a GPU, an NVIDIA driver, or the javacpp CUDA presets on the class path the list is
 * empty and one info line says why; nothing is thrown.
 */
public final class Gpus {
  private Gpus() {}

  /** The CUDA devices of this machine, in index order; empty when there are none. */
  public static List<GpuDevice> discover() {
    return GpuDiscovery.system().discover().devices();
  }

  /** The CUDA devices of this machine, or why there are none. */
  public static GpuInventory inventory() {
    return GpuDiscovery.system().discover();
  }
}
