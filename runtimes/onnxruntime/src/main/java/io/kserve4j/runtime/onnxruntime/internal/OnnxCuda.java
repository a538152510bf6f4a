package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.NativeCacheDirs;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ONNX Runtime on CUDA: which native build this JVM runs, how it is loaded, and how a session gets
 * the CUDA execution provider.
 *
 * <ul>
 *   <li><b>CUDA 13</b> ({@link Kind#PLUGIN}): bytedeco's build of ONNX Runtime 1.28.0 for CUDA 13
 *       ({@value #BYTEDECO_ARTIFACT}) on the class path. Its {@code libonnxruntime.so.1}, {@code
 *       libonnxruntime_providers_shared.so} and {@code libonnxruntime_providers_cuda.so}, with
 *       Microsoft's {@code libonnxruntime4j_jni.so} from the CPU jar, are unpacked once into {@code
 *       <cache>/onnxruntime-<version>-cuda13} ({@link NativeCache}), and {@code
 *       onnxruntime.native.path} points there before the first {@code ai.onnxruntime} class loads.
 *       Sessions get CUDA through the plugin execution-provider API: the provider library is
 *       registered with the environment once, and each session adds the {@code
 *       CUDAExecutionProvider} device of its GPU.
 *   <li><b>CUDA 12</b> ({@link Kind#CUDA12}): Microsoft's {@code onnxruntime_gpu} jar in place of
 *       the CPU jar; sessions call {@code addCUDA(OrtCUDAProviderOptions)}.
 *   <li><b>Your own natives</b>: {@code -Donnxruntime.native.path=<dir>} naming a folder with
 *       {@code libonnxruntime_providers_cuda.so} is used as the CUDA 13 case, unpacking nothing.
 * </ul>
 *
 * <p>A JVM loads ONNX Runtime's natives once. When bytedeco's build is on the class path, kserve4j
 * loads it for every model (CPU models run on its CPU provider), so CPU and GPU services mix in any
 * order; but if something else loaded Microsoft's CPU natives first (an {@code OrtEnvironment}
 * created before kserve4j's first model), CUDA cannot be added in that JVM.
 */
final class OnnxCuda {
  /** The ONNX Runtime version of the Java API and of every native build used with it. */
  static final String ORT_VERSION = "1.28.0";

  /** Where bytedeco's jar keeps its natives. */
  static final String BYTEDECO_DIR = "org/bytedeco/onnxruntime/linux-x86_64-gpu/";

  /** Where Microsoft's jars keep theirs. */
  static final String MICROSOFT_DIR = "ai/onnxruntime/native/linux-x64/";

  static final String CUDA_PROVIDER = "libonnxruntime_providers_cuda.so";
  static final String SHARED_PROVIDER = "libonnxruntime_providers_shared.so";
  static final String JNI_LIBRARY = "libonnxruntime4j_jni.so";

  static final String BYTEDECO_ARTIFACT =
      "org.bytedeco:onnxruntime:1.28.0-1.5.14 with classifier linux-x86_64-gpu";
  static final String MICROSOFT_GPU_ARTIFACT = "com.microsoft.onnxruntime:onnxruntime_gpu:1.28.0";
  static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
  static final String CUDA_EP = "CUDAExecutionProvider";

  /** The libraries the CUDA provider needs on the machine. */
  static final String CUDA13_LIBRARIES =
      "libcudart.so.13, libcublas.so.13, libcublasLt.so.13 (CUDA 13) and libcudnn.so.9 (cuDNN 9)";

  private static final Pattern BYTEDECO_JAR =
      Pattern.compile("onnxruntime-([0-9][0-9.]*[0-9])-(1\\.[0-9.]*[0-9])-linux-x86_64-gpu\\.jar");

  private static final System.Logger LOG = System.getLogger(OnnxCuda.class.getName());

  /** How ONNX Runtime's natives are (or would be) loaded. */
  enum Kind {
    /** CPU only: no GPU build, or Microsoft's CPU natives already loaded. */
    CPU,
    /** A folder with a CUDA 13 provider, used through the plugin execution-provider API. */
    PLUGIN,
    /** Microsoft's onnxruntime_gpu jar (CUDA 12), used through {@code addCUDA}. */
    CUDA12
  }

  /**
   * The natives: their kind, their folder (PLUGIN), and a description: how CUDA runs, or why it
   * cannot.
   */
  record Natives(Kind kind, @Nullable Path dir, String description) {
    boolean cuda() {
      return kind != Kind.CPU;
    }
  }

  private static final Object LOCK = new Object();

  /** The folder of CPU natives kserve4j set as the native path, or {@code null}. */
  private static volatile @Nullable String cpuCache;

  private static final Map<OrtEnvironment, Object> REGISTERED = new java.util.WeakHashMap<>();

  private OnnxCuda() {}

  /** Which natives this JVM would use, without loading or unpacking anything. */
  static Natives detect(ClassLoader cl) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return new Natives(
          Kind.CPU,
          null,
          "ONNX Runtime on CUDA runs on Linux x86_64 only (this JVM: " + os + "/" + arch + ")");
    }
    String userPath = System.getProperty(NATIVE_PATH_PROPERTY);
    if (userPath != null && !userPath.isBlank() && !userPath.equals(cpuCache)) {
      Path dir = Path.of(userPath);
      if (Files.isRegularFile(dir.resolve(CUDA_PROVIDER))) {
        return new Natives(
            Kind.PLUGIN, dir, "ONNX Runtime natives from -D" + NATIVE_PATH_PROPERTY + "=" + dir);
      }
      return new Natives(
          Kind.CPU,
          null,
          "-D"
              + NATIVE_PATH_PROPERTY
              + "="
              + dir
              + " holds no "
              + CUDA_PROVIDER
              + " (point it at a folder with ONNX Runtime's CUDA build, or unset it and add "
              + BYTEDECO_ARTIFACT
              + ")");
    }
    URL bytedeco = cl.getResource(BYTEDECO_DIR + CUDA_PROVIDER);
    if (bytedeco != null) {
      String mismatch = versionMismatch(bytedeco);
      if (mismatch != null) {
        return new Natives(Kind.CPU, null, mismatch);
      }
      return new Natives(
          Kind.PLUGIN,
          cacheDir(bytedeco),
          "ONNX Runtime " + ORT_VERSION + " for CUDA 13 from " + BYTEDECO_ARTIFACT);
    }
    if (cl.getResource(MICROSOFT_DIR + CUDA_PROVIDER) != null) {
      return new Natives(
          Kind.CUDA12, null, "ONNX Runtime from " + MICROSOFT_GPU_ARTIFACT + " (CUDA 12, cuDNN 9)");
    }
    return new Natives(
        Kind.CPU,
        null,
        "no ONNX Runtime build for CUDA is on the class path (for CUDA 13 add "
            + BYTEDECO_ARTIFACT
            + "; for CUDA 12 replace com.microsoft.onnxruntime:onnxruntime with "
            + MICROSOFT_GPU_ARTIFACT
            + ")");
  }

  /**
   * Why bytedeco's jar at {@code url} cannot serve the Java API of {@value #ORT_VERSION}, or {@code
   * null} if it can (or its version cannot be told, e.g. in a shaded jar).
   */
  static @Nullable String versionMismatch(URL url) {
    Matcher m = BYTEDECO_JAR.matcher(url.toString());
    if (m.find() && !m.group(1).equals(ORT_VERSION)) {
      return "bytedeco's ONNX Runtime "
          + m.group(1)
          + " is on the class path, but the Java API is "
          + ORT_VERSION
          + ": natives and API must be the same version (use "
          + BYTEDECO_ARTIFACT
          + ")";
    }
    return null;
  }

  /**
   * The cache folder for bytedeco's natives: {@code <kserve4j cache>/onnxruntime-1.28.0-1.5.14-
   * cuda13}, the bytedeco version taken from the jar's name when it shows.
   */
  static Path cacheDir(URL bytedecoResource) {
    Matcher m = BYTEDECO_JAR.matcher(bytedecoResource.toString());
    String name =
        m.find()
            ? "onnxruntime-" + m.group(1) + "-" + m.group(2) + "-cuda13"
            : "onnxruntime-" + ORT_VERSION + "-cuda13";
    return NativeCacheDirs.root().resolve(name);
  }

  /** The four files of the CUDA 13 folder and where each comes from. */
  static List<NativeCache.Entry> entries(ClassLoader cl) throws IOException {
    List<NativeCache.Entry> entries = new ArrayList<>();
    entries.add(entry(cl, BYTEDECO_DIR + "libonnxruntime.so.1", "libonnxruntime.so"));
    entries.add(entry(cl, BYTEDECO_DIR + SHARED_PROVIDER, SHARED_PROVIDER));
    entries.add(entry(cl, BYTEDECO_DIR + CUDA_PROVIDER, CUDA_PROVIDER));
    entries.add(entry(cl, MICROSOFT_DIR + JNI_LIBRARY, JNI_LIBRARY));
    return entries;
  }

  private static NativeCache.Entry entry(ClassLoader cl, String resource, String name)
      throws IOException {
    URL url = cl.getResource(resource);
    if (url == null) {
      throw new IOException(
          resource
              + " is not on the class path (it comes from "
              + (resource.startsWith(BYTEDECO_DIR)
                  ? BYTEDECO_ARTIFACT
                  : "com.microsoft.onnxruntime:onnxruntime:" + ORT_VERSION)
              + ")");
    }
    return new NativeCache.Entry(name, url::openStream);
  }

  /**
   * Decides the natives before the first {@code OrtEnvironment}: for bytedeco's build, unpacks it
   * (once per cache) and sets {@code onnxruntime.native.path}.
   *
   * @throws IOException if the natives cannot be unpacked
   */
  static Natives prepare(ClassLoader cl) throws IOException {
    Natives n = detect(cl);
    if (System.getProperty(NATIVE_PATH_PROPERTY) != null) {
      return n;
    }
    if (n.kind() == Kind.CPU) {
      try {
        Path cpu = unpackCpu(cl);
        if (cpu != null) {
          cpuCache = cpu.toString();
          System.setProperty(NATIVE_PATH_PROPERTY, cpu.toString());
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "ONNX Runtime's CPU natives could not be cached ({0}); ONNX Runtime unpacks them itself",
            e.toString());
      }
      return n;
    }
    if (n.kind() != Kind.PLUGIN) {
      return n;
    }
    Path target = java.util.Objects.requireNonNull(n.dir());
    long start = System.nanoTime();
    boolean fresh = !NativeCache.isComplete(target);
    List<NativeCache.Entry> entries = entries(cl);
    StringBuilder manifest = new StringBuilder();
    for (String r :
        List.of(
            BYTEDECO_DIR + "libonnxruntime.so.1",
            BYTEDECO_DIR + SHARED_PROVIDER,
            BYTEDECO_DIR + CUDA_PROVIDER,
            MICROSOFT_DIR + JNI_LIBRARY)) {
      manifest.append(r).append(" <- ").append(cl.getResource(r)).append('\n');
    }
    Path dir = NativeCache.ensure(target, entries, manifest.toString());
    System.setProperty(NATIVE_PATH_PROPERTY, dir.toString());
    if (fresh) {
      LOG.log(
          System.Logger.Level.INFO,
          "unpacked ONNX Runtime {0} for CUDA 13 into {1} in {2} ms",
          ORT_VERSION,
          dir,
          (System.nanoTime() - start) / 1_000_000);
    }
    return new Natives(Kind.PLUGIN, dir, n.description());
  }

  /**
   * Unpacks Microsoft's CPU natives for this platform once into {@code <kserve4j
   * cache>/onnxruntime-<version>-<platform>}, so that ONNX Runtime loads them from there instead of
   * copying 24 MB into a new temporary folder in every JVM (which it leaves behind). {@code null}
   * where the platform's natives are not in the jar (ONNX Runtime's own loading then applies).
   *
   * @throws IOException if the cache cannot be written
   */
  static @Nullable Path unpackCpu(ClassLoader cl) throws IOException {
    String platform = cpuPlatform();
    if (platform == null) {
      return null;
    }
    String dir = "ai/onnxruntime/native/" + platform + "/";
    String ext =
        platform.startsWith("osx") ? ".dylib" : platform.startsWith("win") ? ".dll" : ".so";
    String prefix = platform.startsWith("win") ? "" : "lib";
    List<String> names = new ArrayList<>();
    names.add(prefix + "onnxruntime" + ext);
    names.add(prefix + "onnxruntime4j_jni" + ext);
    if (platform.startsWith("win")) {
      names.add("onnxruntime_providers_shared.dll");
    }
    List<NativeCache.Entry> entries = new ArrayList<>();
    StringBuilder manifest = new StringBuilder();
    for (String name : names) {
      URL url = cl.getResource(dir + name);
      if (url == null) {
        return null;
      }
      entries.add(new NativeCache.Entry(name, url::openStream));
      manifest.append(dir).append(name).append(" <- ").append(url).append('\n');
    }
    Path target = NativeCacheDirs.root().resolve("onnxruntime-" + ORT_VERSION + "-" + platform);
    return NativeCache.ensure(target, entries, manifest.toString());
  }

  /** ONNX Runtime's name for this platform's natives folder, or {@code null} if it has none. */
  static @Nullable String cpuPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String a =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    if (a == null) {
      return null;
    }
    if (os.contains("linux")) {
      return "linux-" + a;
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return "osx-" + a;
    }
    if (os.contains("win")) {
      return "win-" + a;
    }
    return null;
  }

  /**
   * Checks, after the environment exists, that ONNX Runtime was loaded from the natives decided on:
   * if another {@code libonnxruntime.so} is mapped (Microsoft's CPU natives, loaded before
   * kserve4j's first model), CUDA cannot be added in this JVM.
   */
  static Natives verifyLoaded(Natives decided) {
    if (decided.kind() != Kind.PLUGIN || decided.dir() == null) {
      return decided;
    }
    List<String> loaded = loadedLibraries("libonnxruntime.so");
    Path dir = decided.dir().toAbsolutePath().normalize();
    for (String lib : loaded) {
      if (!Path.of(lib).toAbsolutePath().normalize().startsWith(dir)) {
        return new Natives(Kind.CPU, null, alreadyLoaded(lib));
      }
    }
    return decided;
  }

  /** The message for a JVM whose ONNX Runtime natives were loaded before kserve4j decided. */
  static String alreadyLoaded(String library) {
    return "ONNX Runtime was already loaded in this JVM from "
        + library
        + " (its CPU natives) before kserve4j's first model, and a JVM cannot switch natives:"
        + " let kserve4j build its services before any other OrtEnvironment is created, or start"
        + " the JVM with -D"
        + NATIVE_PATH_PROPERTY
        + "=<folder with ONNX Runtime's CUDA build>";
  }

  /** The paths of mapped shared libraries whose file name starts with {@code prefix} (Linux). */
  static List<String> loadedLibraries(String prefix) {
    List<String> found = new ArrayList<>();
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return found;
    }
    try {
      for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
        int slash = line.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String path = line.substring(slash).trim();
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (file.startsWith(prefix) && !found.contains(path)) {
          found.add(path);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot read /proc/self/maps: {0}", e);
    }
    return found;
  }

  /**
   * Adds the CUDA execution provider for {@code device} to a session's options.
   *
   * @throws OrtException if ONNX Runtime refuses; the message says what the provider needs
   */
  static void addCuda(
      OrtEnvironment env,
      Natives natives,
      OrtSession.SessionOptions options,
      GpuDevice device,
      CudaOptions cuda)
      throws OrtException {
    Map<String, String> providerOptions = new LinkedHashMap<>(cuda.toProviderOptions());
    switch (natives.kind()) {
      case PLUGIN -> {
        Path dir = java.util.Objects.requireNonNull(natives.dir());
        register(env, dir);
        List<OrtEpDevice> all = env.getEpDevices();
        List<EpView> views = new ArrayList<>();
        for (OrtEpDevice d : all) {
          views.add(new EpView(d.getEpName(), d.getDevice().getMetadata(), d.getEpOptions()));
        }
        int pick = pick(views, device);
        if (pick < 0) {
          throw new IllegalStateException(
              "ONNX Runtime lists no "
                  + CUDA_EP
                  + " device for "
                  + device.describe()
                  + " (its devices: "
                  + views
                  + ")");
        }
        // The device chooses the GPU; device_id would contradict it.
        providerOptions.remove("device_id");
        options.addExecutionProvider(List.of(all.get(pick)), providerOptions);
      }
      case CUDA12 -> {
        try (OrtCUDAProviderOptions o = new OrtCUDAProviderOptions(device.index())) {
          for (Map.Entry<String, String> e : providerOptions.entrySet()) {
            if (!e.getKey().equals("device_id")) {
              o.add(e.getKey(), e.getValue());
            }
          }
          options.addCUDA(o);
        }
      }
      case CPU -> throw new IllegalStateException(natives.description());
    }
  }

  /** Registers the CUDA provider library with the environment, once. */
  private static void register(OrtEnvironment env, Path dir) throws OrtException {
    synchronized (LOCK) {
      if (REGISTERED.containsKey(env)) {
        return;
      }
      String library = dir.resolve(CUDA_PROVIDER).toString();
      try {
        env.registerExecutionProviderLibrary("CUDA", library);
      } catch (OrtException e) {
        throw new OrtException(
            "ONNX Runtime's CUDA provider "
                + library
                + " could not be loaded: "
                + e.getMessage()
                + " (it needs the NVIDIA driver and "
                + CUDA13_LIBRARIES
                + " on the library path, e.g. in /usr/local/cuda/lib64 and the loader cache)");
      }
      REGISTERED.put(env, Boolean.TRUE);
    }
  }

  /** What {@link #pick} reads of an {@code OrtEpDevice}. */
  record EpView(String epName, Map<String, String> deviceMetadata, Map<String, String> epOptions) {}

  /**
   * The index of the {@code CUDAExecutionProvider} device for {@code device}: the one with the same
   * PCI bus id, else the one whose {@code device_id} option is the CUDA index, else the index-th
   * CUDA device; -1 if there is none.
   */
  static int pick(List<EpView> devices, GpuDevice device) {
    List<Integer> cuda = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      if (devices.get(i).epName().equals(CUDA_EP)) {
        cuda.add(i);
      }
    }
    long[] bus = pciAddress(device.pciBusId());
    if (bus != null) {
      for (int i : cuda) {
        for (Map.Entry<String, String> e : devices.get(i).deviceMetadata().entrySet()) {
          if (e.getKey().toLowerCase(Locale.ROOT).contains("pci")
              && java.util.Arrays.equals(bus, pciAddress(e.getValue()))) {
            return i;
          }
        }
      }
    }
    for (int i : cuda) {
      if (Integer.toString(device.index()).equals(devices.get(i).epOptions().get("device_id"))) {
        return i;
      }
    }
    return device.index() < cuda.size() ? cuda.get(device.index()) : -1;
  }

  /** {@code domain:bus:device[.function]} in hex as (domain, bus, device); null if not one. */
  static long @Nullable [] pciAddress(@Nullable String text) {
    if (text == null) {
      return null;
    }
    Matcher m =
        Pattern.compile(
                "(?:([0-9a-fA-F]{1,8}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})(?:\\.[0-7])?")
            .matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    String domain = m.group(1);
    return new long[] {
      domain == null ? 0 : Long.parseLong(domain, 16),
      Long.parseLong(m.group(2), 16),
      Long.parseLong(m.group(3), 16)
    };
  }
}
