package io.kserve4j.runtime.cuda;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.runtime.NativeCacheDirs;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;
import org.jspecify.annotations.Nullable;

/**
 * The CUDA devices of this machine, read from the CUDA runtime through the javacpp CUDA presets
 * ({@code org.bytedeco:cuda}, which this artifact brings with its {@code linux-x86_64} JNI jar). It
 * is the {@link GpuDiscovery#system()} of any JVM that has {@code io.kserve4j:kserve4j-cuda} on its
 * class path or module path ({@link java.util.ServiceLoader}).
 *
 * <p>Only long-standing runtime functions are called: {@code cudaGetDeviceCount}, {@code
 * cudaGetDeviceProperties}, {@code cudaSetDevice} and {@code cudaMemGetInfo} (and {@code
 * cudaGetErrorString} for messages). The 13.x bindings also bind functions that older drivers lack;
 * loading them is harmless, calling one would end the JVM.
 *
 * <p>Without an NVIDIA driver ({@code Loader.load} throws an {@link UnsatisfiedLinkError}: {@code
 * libcuda.so.1} is missing) the inventory is empty and says why; the first reading logs one info
 * line with what it found. Never throws.
 */
public final class CudaGpuDiscovery implements GpuDiscovery {
  private static final System.Logger LOG = System.getLogger(CudaGpuDiscovery.class.getName());

  /** The Maven coordinates of the CUDA runtime bindings this artifact brings. */
  public static final String ARTIFACTS =
      "org.bytedeco:cuda:13.3-9.25-1.5.14 with classifier linux-x86_64, and"
          + " org.bytedeco:javacpp:1.5.14 with classifier linux-x86_64";

  private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

  /** The CUDA runtime is loaded once per process: every instance made by the loader shares this. */
  private static final State SHARED = new State();

  private final State state;

  /**
   * The discovery of this JVM, for {@link java.util.ServiceLoader}; every instance shares one
   * loaded CUDA runtime and logs its finding once.
   */
  public CudaGpuDiscovery() {
    this(SHARED);
  }

  private CudaGpuDiscovery(State state) {
    this.state = state;
  }

  /** A discovery with state of its own, for tests of the first-reading log line. */
  static CudaGpuDiscovery fresh() {
    return new CudaGpuDiscovery(new State());
  }

  /** What was loaded, and whether the first reading was logged. */
  private static final class State {
    boolean loaded;
    @Nullable String failure;
    boolean logged;
  }

  @Override
  public GpuInventory discover() {
    synchronized (state) {
      GpuInventory inventory;
      try {
        inventory = read();
      } catch (Throwable t) { // a native failure must never reach the user as an exception
        inventory = GpuInventory.none("the CUDA runtime failed: " + t);
      }
      if (!state.logged) {
        state.logged = true;
        if (inventory.isEmpty()) {
          LOG.log(Level.INFO, "no GPU: {0}", inventory.absentReason());
        } else {
          List<String> found = new ArrayList<>();
          for (GpuDevice d : inventory.devices()) {
            found.add(d.describe());
          }
          LOG.log(Level.INFO, "GPUs: {0}", String.join("; ", found));
        }
      }
      return inventory;
    }
  }

  private GpuInventory read() {
    if (!load()) {
      return GpuInventory.none(String.valueOf(state.failure));
    }
    int[] count = new int[1];
    int status = cudart.cudaGetDeviceCount(count);
    if (status != 0) {
      return GpuInventory.none(
          "cudaGetDeviceCount failed: "
              + error(status)
              + (status == 35
                  ? " (the NVIDIA driver is older than the CUDA runtime: update the driver)"
                  : status == 100
                      ? " (no CUDA device is visible: check CUDA_VISIBLE_DEVICES)"
                      : ""));
    }
    if (count[0] == 0) {
      return GpuInventory.none("the CUDA runtime sees no device (check CUDA_VISIBLE_DEVICES)");
    }
    List<GpuDevice> devices = new ArrayList<>();
    for (int i = 0; i < count[0]; i++) {
      devices.add(device(i));
    }
    return GpuInventory.of(devices);
  }

  /** Loads the CUDA runtime's JNI library once; whether it loaded (else the state says why). */
  private boolean load() {
    if (state.loaded || state.failure != null) {
      return state.loaded;
    }
    try {
      ensureCacheDir();
      Loader.load(cudart.class);
      state.loaded = true;
    } catch (Throwable t) {
      state.failure = loadFailure(t);
    }
    return state.loaded;
  }

  /** Why the CUDA runtime's JNI library did not load, in words a user can act on. */
  static String loadFailure(Throwable t) {
    StringBuilder text = new StringBuilder(String.valueOf(t));
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      text.append("; ").append(c);
    }
    LOG.log(Level.DEBUG, "the CUDA runtime did not load: {0}", text);
    String all = text.toString();
    if (all.contains("libcuda.so")) {
      return "no NVIDIA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)";
    }
    if (t instanceof UnsatisfiedLinkError || all.contains("UnsatisfiedLinkError")) {
      return "the CUDA runtime could not be loaded: "
          + shorten(all)
          + " (check that the NVIDIA driver and CUDA 13 libraries are installed, and that "
          + ARTIFACTS
          + " are on the class path)";
    }
    return "the CUDA runtime could not be loaded: " + shorten(all);
  }

  private static String shorten(String text) {
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }

  /** javacpp writes its natives under ~/.javacpp/cache unless told; choose a writable folder. */
  static void ensureCacheDir() {
    if (System.getProperty(CACHE_PROPERTY) != null) {
      return;
    }
    Path dir = NativeCacheDirs.root().resolve("javacpp");
    try {
      Files.createDirectories(dir);
      if (Files.isWritable(dir)) {
        System.setProperty(CACHE_PROPERTY, dir.toString());
        return;
      }
    } catch (java.io.IOException | SecurityException e) {
      // fall through to the temp directory
    }
    System.setProperty(
        CACHE_PROPERTY,
        Path.of(System.getProperty("java.io.tmpdir"), "kserve4j-javacpp-" + user()).toString());
  }

  private static String user() {
    return System.getProperty("user.name", "user").toLowerCase(Locale.ROOT);
  }

  private static String error(int status) {
    BytePointer p = cudart.cudaGetErrorString(status);
    return (p == null ? "error" : p.getString()) + " (" + status + ")";
  }

  private static GpuDevice device(int index) {
    try (cudaDeviceProp prop = new cudaDeviceProp();
        SizeTPointer free = new SizeTPointer(1L);
        SizeTPointer total = new SizeTPointer(1L)) {
      int status = cudart.cudaGetDeviceProperties(prop, index);
      if (status != 0) {
        throw new IllegalStateException(
            "cudaGetDeviceProperties(" + index + ") failed: " + error(status));
      }
      String name = prop.name().getString().trim();
      String cc = prop.major() + "." + prop.minor();
      long totalMem = prop.totalGlobalMem();
      String bus =
          String.format(
              Locale.ROOT,
              "%04x:%02x:%02x",
              prop.pciDomainID(),
              prop.pciBusID(),
              prop.pciDeviceID());
      long freeMem = totalMem;
      status = cudart.cudaSetDevice(index);
      if (status == 0) {
        status = cudart.cudaMemGetInfo(free, total);
      }
      if (status == 0) {
        freeMem = free.get();
        totalMem = Math.max(totalMem, total.get());
      } else {
        LOG.log(
            Level.DEBUG,
            "cudaMemGetInfo on device {0} failed: {1}; free memory unknown",
            index,
            error(status));
      }
      return new GpuDevice(index, name, cc, totalMem, Math.min(freeMem, totalMem), bus);
    }
  }
}
