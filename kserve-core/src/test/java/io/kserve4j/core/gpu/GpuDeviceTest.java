package io.kserve4j.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuDeviceTest {
  private static final long GIB = 1L << 30;

  @Test
  void idAndDescription() {
    GpuDevice d =
        new GpuDevice(1, "NVIDIA H100 80GB HBM3", "9.0", 80 * GIB, 79 * GIB, "0000:18:00");

    assertThat(d.id()).isEqualTo("cuda:1");
    assertThat(d.describe())
        .isEqualTo(
            "cuda:1 NVIDIA H100 80GB HBM3 (sm 9.0, 79.0 GiB free of 80.0 GiB, PCI 0000:18:00)");
    assertThat(d.withFreeMemory(GIB).freeMemory()).isEqualTo(GIB);
  }

  @Test
  void impossibleValues_areRefused() {
    assertThatThrownBy(() -> new GpuDevice(-1, "x", "9.0", 1, 1, ""))
        .hasMessage("index = -1: must be >= 0");
    assertThatThrownBy(() -> new GpuDevice(0, "x", "9.0", 1, 2, ""))
        .hasMessage("memory: free 2 of total 1 bytes: both must be >= 0 and free <= total");
  }

  @Test
  void inventory_hasDevicesOrAReason() {
    GpuDevice d = new GpuDevice(0, "x", "8.0", GIB, GIB, "");

    assertThat(GpuDiscovery.of(List.of(d)).discover().devices()).containsExactly(d);
    assertThat(GpuDiscovery.of(List.of()).discover().absentReason())
        .isEqualTo("no GPU (an empty device list)");
    assertThat(GpuDiscovery.none("no driver").discover().isEmpty()).isTrue();
    assertThatThrownBy(() -> new GpuInventory(List.of(), null))
        .hasMessage("an inventory has devices or a reason for having none, not neither");
  }
}
