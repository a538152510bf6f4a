package io.kserve4j.core.gpu;

import io.kserve4j.core.internal.gpu.CudaRuntimeProbe;
import java.util.List;

/**
 * Finds the CUDA devices of this machine. {@link #system()} asks the CUDA runtime through the
 * javacpp CUDA presets when they are on the class path; tests and applications that know better
 * pass {@link #of(List)} to {@code InferenceService.builder().gpuDiscovery(...)}.
 *
 * <p>Implementations never throw: whatever goes wrong is an empty {@link GpuInventory} that says
 * why. Each call reads the devices' free memory afresh.
 */
@FunctionalInterface
public interface GpuDiscovery {
  /** The devices now, with their free memory, or why there are none. */
  GpuInventory discover();

  /**
   * The CUDA runtime of this machine, through {@code org.bytedeco:cuda} (JNI classifier {@code
   * linux-x86_64}) and {@code org.bytedeco:javacpp} when both are on the class path; otherwise, and
   * without an NVIDIA driver, an empty inventory that says which is missing. The first call logs
   * one line with what it found.
   */
  static GpuDiscovery system() {
    return CudaRuntimeProbe.shared();
  }

  /** A fixed list of devices, e.g. a fake one in tests; empty means "no GPU". */
  static GpuDiscovery of(List<GpuDevice> devices) {
    GpuInventory inventory =
        devices.isEmpty()
            ? GpuInventory.none("no GPU (an empty device list)")
            : GpuInventory.of(devices);
    return () -> inventory;
  }

  /** No GPU, for the reason given. */
  static GpuDiscovery none(String reason) {
    GpuInventory inventory = GpuInventory.none(reason);
    return () -> inventory;
  }
}
