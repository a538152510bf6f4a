package io.kserve4j.core.gpu;

import io.kserve4j.core.internal.gpu.SystemGpuDiscovery;
import java.util.List;

/**
 * Finds the CUDA devices of this machine. {@link #system()} is the discovery a {@link
 * java.util.ServiceLoader} finds, which the artifact {@code io.kserve4j:kserve4j-cuda} provides;
 * tests and applications that know better pass {@link #of(List)} to {@code
 * InferenceService.builder().gpuDiscovery(...)}.
 *
 * <p>Implementations never throw: whatever goes wrong is an empty {@link GpuInventory} that says
 * why. Each call reads the devices' free memory afresh.
 */
@FunctionalInterface
public interface GpuDiscovery {
  /** The devices now, with their free memory, or why there are none. */
  GpuInventory discover();

  /**
   * The GPU discovery of this JVM: the first {@code GpuDiscovery} that {@link
   * java.util.ServiceLoader} finds (add {@code io.kserve4j:kserve4j-cuda} to read the CUDA
   * runtime); without one, a discovery that finds no GPU and says which artifact to add.
   */
  static GpuDiscovery system() {
    return SystemGpuDiscovery.get();
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
