package io.kserve4j.core.internal.gpu;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Places the replicas of one service on GPUs, as Kubernetes' scheduler places pods by their
 * requests: each replica reserves its CUDA memory limit ({@code cuda-memory-limit}; nothing without
 * one) on its device until it closes.
 *
 * <p>A device's room is the lower of its free memory when the service was built and its free memory
 * now, less the reservations of this service's replicas on it. A new replica goes to a device whose
 * room holds its limit: the one with the fewest replicas of this service (spreading the work), then
 * the most room, then the lowest index. With a pinned device ({@code cuda-device-id}) only that
 * device is considered. When no device has room the replica is not started: {@link #place} throws
 * {@link NoRoomException} saying how much each device has.
 *
 * <p>Thread-safe.
 */
public final class GpuPlacement {
  private final String service;
  private final GpuDiscovery discovery;
  private final long reserve;
  private final @Nullable Integer pinned;
  private final Map<Integer, Long> baseline = new HashMap<>();
  private final Map<Integer, Integer> replicas = new HashMap<>();
  private final Map<Object, GpuDevice> placed = new IdentityHashMap<>();
  private List<GpuDevice> devices;

  /** A replica that fits on no device; it is not started. */
  public static final class NoRoomException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoRoomException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Placement over the devices of {@code inventory}.
   *
   * @param service the service's name, for messages
   * @param discovery reads free memory afresh at each placement
   * @param inventory the devices found when the service was built (not empty)
   * @param memoryLimit bytes each replica reserves, or {@code null} for none
   * @param pinned the only device to use, or {@code null}
   * @throws IllegalArgumentException if the inventory is empty, or the pinned device is not in it
   *     (the message lists the devices)
   */
  public GpuPlacement(
      String service,
      GpuDiscovery discovery,
      GpuInventory inventory,
      @Nullable Long memoryLimit,
      @Nullable Integer pinned) {
    if (inventory.isEmpty()) {
      throw new IllegalArgumentException("no GPU to place on: " + inventory.absentReason());
    }
    this.service = service;
    this.discovery = discovery;
    this.reserve = memoryLimit == null ? 0 : memoryLimit;
    this.pinned = pinned;
    this.devices = inventory.devices();
    for (GpuDevice d : devices) {
      baseline.put(d.index(), d.freeMemory());
      replicas.put(d.index(), 0);
    }
    if (pinned != null && !baseline.containsKey(pinned)) {
      throw new IllegalArgumentException(
          "there is no device cuda:" + pinned + " (devices: " + ids(devices) + ")");
    }
  }

  /**
   * Picks the device for a new replica and reserves its memory there; give it back with {@link
   * #release(GpuDevice)} if the replica fails to load, or bind the loaded replica with {@link
   * #bind}.
   *
   * @throws NoRoomException if no device has room for the replica's memory limit
   */
  public synchronized GpuDevice place() {
    refresh();
    GpuDevice best = null;
    long bestRoom = 0;
    List<String> rooms = new ArrayList<>();
    for (GpuDevice d : devices) {
      if (pinned != null && d.index() != pinned) {
        continue;
      }
      long room = room(d);
      rooms.add(d.id() + ": " + gib(room));
      if (room < Math.max(reserve, 1)) {
        continue;
      }
      if (best == null || better(d, room, best, bestRoom)) {
        best = d;
        bestRoom = room;
      }
    }
    if (best == null) {
      throw new NoRoomException(
          "InferenceService "
              + service
              + ": "
              + (reserve > 0
                  ? "a replica needs "
                      + gib(reserve)
                      + " of GPU memory (serving.kserve4j.io/cuda-memory-limit) and no device has"
                      + " that room"
                  : "no device has free GPU memory")
              + " ("
              + String.join(", ", rooms)
              + "); the replica is not started");
    }
    replicas.merge(best.index(), 1, Integer::sum);
    return best;
  }

  private boolean better(GpuDevice d, long room, GpuDevice best, long bestRoom) {
    int n = replicas.getOrDefault(d.index(), 0);
    int bestN = replicas.getOrDefault(best.index(), 0);
    if (n != bestN) {
      return n < bestN;
    }
    if (room != bestRoom) {
      return room > bestRoom;
    }
    return d.index() < best.index();
  }

  /** Memory this service may still use on {@code d}: free (then and now) less reservations. */
  private long room(GpuDevice d) {
    long free = Math.min(baseline.getOrDefault(d.index(), 0L), d.freeMemory());
    return free - reserve * replicas.getOrDefault(d.index(), 0);
  }

  private void refresh() {
    GpuInventory now = discovery.discover();
    if (now.isEmpty()) {
      return; // keep the last reading: a transient failure must not stop placement
    }
    Map<Integer, GpuDevice> byIndex = new HashMap<>();
    for (GpuDevice d : now.devices()) {
      byIndex.put(d.index(), d);
    }
    List<GpuDevice> fresh = new ArrayList<>();
    for (GpuDevice d : devices) {
      GpuDevice n = byIndex.get(d.index());
      fresh.add(n == null ? d : d.withFreeMemory(n.freeMemory()));
    }
    devices = fresh;
  }

  /** Records that {@code replica} runs on {@code device} (placed by {@link #place}). */
  public synchronized void bind(Object replica, GpuDevice device) {
    placed.put(replica, device);
  }

  /** Releases the reservation of a replica that failed to load on {@code device}. */
  public synchronized void release(GpuDevice device) {
    replicas.merge(device.index(), -1, Integer::sum);
  }

  /** Releases the reservation of a closed replica; {@code null} if it was not placed here. */
  public synchronized @Nullable GpuDevice unbind(Object replica) {
    GpuDevice d = placed.remove(replica);
    if (d != null) {
      release(d);
    }
    return d;
  }

  /** The device of each live replica ({@code cuda:<index>}), in device order. */
  public synchronized List<String> replicaDevices() {
    List<String> out = new ArrayList<>();
    for (GpuDevice d : devices) {
      for (GpuDevice p : placed.values()) {
        if (p.index() == d.index()) {
          out.add(d.id());
        }
      }
    }
    return out;
  }

  /** The devices placement may use, with their last reading. */
  public synchronized List<GpuDevice> devices() {
    return List.copyOf(devices);
  }

  private static List<String> ids(List<GpuDevice> devices) {
    List<String> ids = new ArrayList<>();
    for (GpuDevice d : devices) {
      ids.add(d.id());
    }
    return ids;
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
