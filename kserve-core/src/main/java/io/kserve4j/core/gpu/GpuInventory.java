package io.kserve4j.core.gpu;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link GpuDiscovery} found: the devices, or why there are none.
 *
 * @param devices the CUDA devices in index order; empty when there is no usable GPU
 * @param absentReason why {@code devices} is empty (no driver, no device, the CUDA bindings not on
 *     the class path...), naming what to install or add; {@code null} when devices were found
 */
public record GpuInventory(List<GpuDevice> devices, @Nullable String absentReason) {
  /**
   * Copies the devices.
   *
   * @throws IllegalArgumentException if there are no devices and no reason, or both
   */
  public GpuInventory {
    devices = List.copyOf(devices);
    if (devices.isEmpty() == (absentReason == null)) {
      throw new IllegalArgumentException(
          "an inventory has devices or a reason for having none, not "
              + (devices.isEmpty() ? "neither" : "both"));
    }
  }

  /** An inventory of these devices. */
  public static GpuInventory of(List<GpuDevice> devices) {
    return new GpuInventory(devices, null);
  }

  /** An inventory without devices, and why. */
  public static GpuInventory none(String reason) {
    return new GpuInventory(List.of(), reason);
  }

  /** Whether there is no usable GPU. */
  public boolean isEmpty() {
    return devices.isEmpty();
  }
}
