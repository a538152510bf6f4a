package io.kserve4j.core.internal.gpu;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import java.lang.System.Logger.Level;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@link GpuDiscovery#system()}: the CUDA runtime through the javacpp CUDA presets ({@code
 * org.bytedeco:cuda} with its {@code linux-x86_64} JNI jar, and {@code org.bytedeco:javacpp}),
 * called by reflection so that kserve-core neither compiles against nor ships them.
 *
 * <p>Only long-standing runtime functions are called: {@code cudaGetDeviceCount}, {@code
 * cudaGetDeviceProperties}, {@code cudaSetDevice} and {@code cudaMemGetInfo} (and {@code
 * cudaGetErrorString} for messages). The 13.x bindings also bind functions that older drivers lack;
 * loading them is harmless, calling one would end the JVM.
 *
 * <p>Without the presets on the class path, or without an NVIDIA driver ({@code Loader.load} throws
 * an {@link UnsatisfiedLinkError}: {@code libcuda.so.1} is missing), the inventory is empty and
 * says why; the first such reading logs one info line. Never throws.
 */
public final class CudaRuntimeProbe implements GpuDiscovery {
  private static final System.Logger LOG = System.getLogger(CudaRuntimeProbe.class.getName());

  /** The class whose presence tells that the javacpp CUDA presets are on the class path. */
  public static final String CUDART_CLASS = "org.bytedeco.cuda.global.cudart";

  /** The Maven coordinates a user adds to discover GPUs. */
  public static final String ARTIFACTS =
      "org.bytedeco:cuda:13.3-9.25-1.5.14 with classifier linux-x86_64, and"
          + " org.bytedeco:javacpp:1.5.14 with classifier linux-x86_64";

  private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
  private static final CudaRuntimeProbe SHARED = new CudaRuntimeProbe();

  private final Object lock = new Object();
  private @Nullable Bindings bindings;
  private @Nullable String failure;
  private boolean logged;

  /** A probe of its own; {@link #shared()} is the one to use (tests make fresh ones). */
  CudaRuntimeProbe() {}

  /** The one probe of this JVM (the CUDA runtime is loaded once per process). */
  public static CudaRuntimeProbe shared() {
    return SHARED;
  }

  @Override
  public GpuInventory discover() {
    synchronized (lock) {
      GpuInventory inventory;
      try {
        inventory = read();
      } catch (Throwable t) { // a native failure must never reach the user as an exception
        inventory = GpuInventory.none("the CUDA runtime failed: " + t);
      }
      if (!logged) {
        logged = true;
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

  private GpuInventory read() throws ReflectiveOperationException {
    Bindings b = bindings();
    if (b == null) {
      return GpuInventory.none(String.valueOf(failure));
    }
    int[] count = new int[1];
    int status = b.call(b.getDeviceCount, count);
    if (status != 0) {
      return GpuInventory.none(
          "cudaGetDeviceCount failed: "
              + b.error(status)
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
      devices.add(b.device(i));
    }
    return GpuInventory.of(devices);
  }

  private @Nullable Bindings bindings() {
    if (bindings != null || failure != null) {
      return bindings;
    }
    Class<?> cudart;
    try {
      cudart = Class.forName(CUDART_CLASS, false, CudaRuntimeProbe.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      failure = "the javacpp CUDA presets are not on the class path (add " + ARTIFACTS + ")";
      return null;
    }
    try {
      ensureCacheDir();
      Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader", true, cudart.getClassLoader());
      loader.getMethod("load", Class.class).invoke(null, cudart);
      bindings = new Bindings(cudart);
      return bindings;
    } catch (InvocationTargetException e) {
      failure = loadFailure(e.getCause() == null ? e : e.getCause());
    } catch (Throwable t) {
      failure = loadFailure(t);
    }
    return null;
  }

  /** Why the CUDA runtime's JNI library did not load, in words a user can act on. */
  static String loadFailure(Throwable t) {
    String text = String.valueOf(t);
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      text += "; " + c;
    }
    LOG.log(Level.DEBUG, "the CUDA runtime did not load: {0}", text);
    if (text.contains("libcuda.so")) {
      return "no NVIDIA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)";
    }
    if (t instanceof UnsatisfiedLinkError || text.contains("UnsatisfiedLinkError")) {
      return "the CUDA runtime could not be loaded: "
          + shorten(text)
          + " (check that the NVIDIA driver and CUDA 13 libraries are installed, and that "
          + ARTIFACTS
          + " are on the class path)";
    }
    return "the CUDA runtime could not be loaded: " + shorten(text);
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

  /** The five runtime functions, found once. */
  private static final class Bindings {
    final Method getDeviceCount;
    final Method getDeviceProperties;
    final Method setDevice;
    final Method memGetInfo;
    final Method errorString;
    final Constructor<?> newProp;
    final Constructor<?> newSizeT;
    final Method propName;
    final Method propMajor;
    final Method propMinor;
    final Method propTotal;
    final Method propBus;
    final Method propDomain;
    final Method propDevice;
    final Method sizeTGet;
    final Method bytesString;

    Bindings(Class<?> cudart) throws ReflectiveOperationException {
      ClassLoader cl = cudart.getClassLoader();
      Class<?> prop = Class.forName("org.bytedeco.cuda.cudart.cudaDeviceProp", true, cl);
      Class<?> sizeT = Class.forName("org.bytedeco.javacpp.SizeTPointer", true, cl);
      Class<?> bytes = Class.forName("org.bytedeco.javacpp.BytePointer", true, cl);
      getDeviceCount = cudart.getMethod("cudaGetDeviceCount", int[].class);
      getDeviceProperties = cudart.getMethod("cudaGetDeviceProperties", prop, int.class);
      setDevice = cudart.getMethod("cudaSetDevice", int.class);
      memGetInfo = cudart.getMethod("cudaMemGetInfo", sizeT, sizeT);
      errorString = cudart.getMethod("cudaGetErrorString", int.class);
      newProp = prop.getConstructor();
      newSizeT = sizeT.getConstructor(long.class);
      propName = prop.getMethod("name");
      propMajor = prop.getMethod("major");
      propMinor = prop.getMethod("minor");
      propTotal = prop.getMethod("totalGlobalMem");
      propBus = prop.getMethod("pciBusID");
      propDomain = prop.getMethod("pciDomainID");
      propDevice = prop.getMethod("pciDeviceID");
      sizeTGet = sizeT.getMethod("get");
      bytesString = bytes.getMethod("getString");
    }

    int call(Method m, Object... args) throws ReflectiveOperationException {
      return (Integer) m.invoke(null, args);
    }

    String error(int status) {
      try {
        Object p = errorString.invoke(null, status);
        return (p == null ? "error" : (String) bytesString.invoke(p)) + " (" + status + ")";
      } catch (ReflectiveOperationException | RuntimeException e) {
        return "CUDA error " + status;
      }
    }

    GpuDevice device(int index) throws ReflectiveOperationException {
      Object prop = newProp.newInstance();
      Object free = newSizeT.newInstance(1L);
      Object total = newSizeT.newInstance(1L);
      try {
        int status = call(getDeviceProperties, prop, index);
        if (status != 0) {
          throw new IllegalStateException(
              "cudaGetDeviceProperties(" + index + ") failed: " + error(status));
        }
        String name = ((String) bytesString.invoke(propName.invoke(prop))).trim();
        String cc = propMajor.invoke(prop) + "." + propMinor.invoke(prop);
        long totalMem = (Long) propTotal.invoke(prop);
        String bus =
            String.format(
                Locale.ROOT,
                "%04x:%02x:%02x",
                (Integer) propDomain.invoke(prop),
                (Integer) propBus.invoke(prop),
                (Integer) propDevice.invoke(prop));
        long freeMem = totalMem;
        status = call(setDevice, index);
        if (status == 0) {
          status = call(memGetInfo, free, total);
        }
        if (status == 0) {
          freeMem = (Long) sizeTGet.invoke(free);
          totalMem = Math.max(totalMem, (Long) sizeTGet.invoke(total));
        } else {
          LOG.log(
              Level.DEBUG,
              "cudaMemGetInfo on device {0} failed: {1}; free memory unknown",
              index,
              error(status));
        }
        return new GpuDevice(index, name, cc, totalMem, Math.min(freeMem, totalMem), bus);
      } finally {
        close(prop);
        close(free);
        close(total);
      }
    }

    private static void close(Object pointer) {
      if (pointer instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // releasing a few bytes of native memory; nothing to report
        }
      }
    }
  }
}
