package io.kserve4j.core.internal.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class GpuPlacementTest {
  private static final long GIB = 1L << 30;

  /** Three devices: 40, 20 and 70 GiB free of 80. */
  private static List<GpuDevice> three() {
    return List.of(
        new GpuDevice(0, "A100", "8.0", 80 * GIB, 40 * GIB, "0000:07:00"),
        new GpuDevice(1, "A100", "8.0", 80 * GIB, 20 * GIB, "0000:0b:00"),
        new GpuDevice(2, "A100", "8.0", 80 * GIB, 70 * GIB, "0000:48:00"));
  }

  private static GpuPlacement placement(@Nullable Long limit, @Nullable Integer pinned) {
    GpuDiscovery d = GpuDiscovery.of(three());
    return new GpuPlacement("m", d, d.discover(), limit, pinned);
  }

  private static List<String> place(GpuPlacement p, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GpuDevice d = p.place();
      p.bind(new Object(), d);
      ids.add(d.id());
    }
    return ids;
  }

  @Test
  void withoutLimit_spreadsOverDevices_mostFreeFirst() {
    GpuPlacement p = placement(null, null);

    assertThat(place(p, 6))
        .containsExactly("cuda:2", "cuda:0", "cuda:1", "cuda:2", "cuda:0", "cuda:1");
    assertThat(p.replicaDevices())
        .containsExactly("cuda:0", "cuda:0", "cuda:1", "cuda:1", "cuda:2", "cuda:2");
  }

  @Test
  void withLimit_aReplicaThatFitsNowhere_isRefused_sayingWhatEachDeviceHas() {
    GpuPlacement p = placement(30 * GIB, null);

    // cuda:1 (20 GiB) never fits; cuda:0 fits once, cuda:2 twice.
    assertThat(place(p, 3)).containsExactly("cuda:2", "cuda:0", "cuda:2");
    assertThatThrownBy(p::place)
        .isInstanceOf(GpuPlacement.NoRoomException.class)
        .hasMessage(
            "InferenceService m: a replica needs 30.0 GiB of GPU memory"
                + " (serving.kserve4j.io/cuda-memory-limit) and no device has that room (cuda:0:"
                + " 10.0 GiB, cuda:1: 20.0 GiB, cuda:2: 10.0 GiB); the replica is not started");
    assertThat(p.replicaDevices()).containsExactly("cuda:0", "cuda:2", "cuda:2");
  }

  @Test
  void closingAReplica_givesItsRoomBack() {
    GpuPlacement p = placement(60 * GIB, null);
    GpuDevice d = p.place();
    Object replica = new Object();
    p.bind(replica, d);
    assertThatThrownBy(p::place).isInstanceOf(GpuPlacement.NoRoomException.class);

    assertThat(p.unbind(replica)).isEqualTo(d);

    assertThat(p.place().id()).isEqualTo("cuda:2");
    assertThat(p.unbind(new Object())).isNull();
  }

  @Test
  void aFailedLoad_releasesItsDevice() {
    GpuPlacement p = placement(60 * GIB, null);
    GpuDevice d = p.place();
    p.release(d);

    assertThat(p.place()).isEqualTo(d);
  }

  @Test
  void pinnedDevice_isTheOnlyOne() {
    GpuPlacement p = placement(null, 1);

    assertThat(place(p, 3)).containsExactly("cuda:1", "cuda:1", "cuda:1");
    assertThatThrownBy(() -> placement(null, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("there is no device cuda:5 (devices: [cuda:0, cuda:1, cuda:2])");
  }

  @Test
  void freeMemory_isReadAfresh_atEachPlacement() {
    AtomicReference<List<GpuDevice>> now = new AtomicReference<>(three());
    GpuDiscovery live = () -> GpuInventory.of(java.util.Objects.requireNonNull(now.get()));
    GpuPlacement p = new GpuPlacement("m", live, live.discover(), 10 * GIB, null);

    // Something else took cuda:2's memory since the service was built.
    List<GpuDevice> later = new ArrayList<>(three());
    later.set(2, later.get(2).withFreeMemory(5 * GIB));
    now.set(later);

    assertThat(p.place().id()).isEqualTo("cuda:0");
    assertThat(p.place().id()).isEqualTo("cuda:1");
    assertThat(p.place().id()).isEqualTo("cuda:0");
  }
}
