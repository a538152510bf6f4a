package io.kserve4j.runtime.onnxruntime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.runtime.onnxruntime.internal.OnnxCuda.EpView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which ONNX Runtime natives serve CUDA, and their unpacking, with fake native files. */
class OnnxCudaTest {
  @TempDir Path tmp;

  /** A class loader over fake jar folders holding the named resources, each containing its name. */
  private URLClassLoader classPath(String... resources) throws IOException {
    Path root = tmp.resolve("cp-" + System.nanoTime());
    for (String r : resources) {
      Path f = root.resolve(r);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "fake " + r);
    }
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }

  private static final String[] BYTEDECO = {
    OnnxCuda.BYTEDECO_DIR + "libonnxruntime.so.1",
    OnnxCuda.BYTEDECO_DIR + "libonnxruntime_providers_shared.so",
    OnnxCuda.BYTEDECO_DIR + "libonnxruntime_providers_cuda.so",
    OnnxCuda.MICROSOFT_DIR + "libonnxruntime4j_jni.so"
  };

  @Test
  void detect_bytedecoNatives_areCuda13ThroughThePluginApi() throws IOException {
    try (URLClassLoader cl = classPath(BYTEDECO)) {
      OnnxCuda.Natives n = OnnxCuda.detect(cl);

      assertThat(n.kind()).isEqualTo(OnnxCuda.Kind.PLUGIN);
      assertThat(n.description())
          .isEqualTo(
              "ONNX Runtime 1.28.0 for CUDA 13 from org.bytedeco:onnxruntime:1.28.0-1.5.14 with"
                  + " classifier linux-x86_64-gpu");
      assertThat(n.dir()).hasFileName("onnxruntime-1.28.0-cuda13");
    }
  }

  @Test
  void detect_microsoftsGpuJar_isCuda12() throws IOException {
    try (URLClassLoader cl =
        classPath(OnnxCuda.MICROSOFT_DIR + "libonnxruntime_providers_cuda.so")) {
      OnnxCuda.Natives n = OnnxCuda.detect(cl);

      assertThat(n.kind()).isEqualTo(OnnxCuda.Kind.CUDA12);
      assertThat(n.description())
          .isEqualTo(
              "ONNX Runtime from com.microsoft.onnxruntime:onnxruntime_gpu:1.28.0 (CUDA 12,"
                  + " cuDNN 9)");
    }
  }

  @Test
  void detect_noGpuBuild_namesBothArtifacts() throws IOException {
    try (URLClassLoader cl = classPath(OnnxCuda.MICROSOFT_DIR + "libonnxruntime4j_jni.so")) {
      OnnxCuda.Natives n = OnnxCuda.detect(cl);

      assertThat(n.kind()).isEqualTo(OnnxCuda.Kind.CPU);
      assertThat(n.description())
          .isEqualTo(
              "no ONNX Runtime build for CUDA is on the class path (for CUDA 13 add"
                  + " org.bytedeco:onnxruntime:1.28.0-1.5.14 with classifier linux-x86_64-gpu;"
                  + " for CUDA 12 replace com.microsoft.onnxruntime:onnxruntime with"
                  + " com.microsoft.onnxruntime:onnxruntime_gpu:1.28.0)");
    }
  }

  @Test
  void bytedecoJarName_givesTheVersion_andAMismatchIsRefused() throws IOException {
    URL ok =
        new URL(
            "jar:file:/r/org/bytedeco/onnxruntime/1.28.0-1.5.14/onnxruntime-1.28.0-1.5.14-linux-x86_64-gpu.jar!/"
                + OnnxCuda.BYTEDECO_DIR
                + "libonnxruntime_providers_cuda.so");
    URL newer =
        new URL(
            "jar:file:/r/onnxruntime-1.29.0-1.5.15-linux-x86_64-gpu.jar!/"
                + OnnxCuda.BYTEDECO_DIR
                + "libonnxruntime_providers_cuda.so");

    assertThat(OnnxCuda.cacheDir(ok)).hasFileName("onnxruntime-1.28.0-1.5.14-cuda13");
    assertThat(OnnxCuda.versionMismatch(ok)).isNull();
    assertThat(OnnxCuda.versionMismatch(newer))
        .isEqualTo(
            "bytedeco's ONNX Runtime 1.29.0 is on the class path, but the Java API is 1.28.0:"
                + " natives and API must be the same version (use"
                + " org.bytedeco:onnxruntime:1.28.0-1.5.14 with classifier linux-x86_64-gpu)");
  }

  @Test
  void entries_takeThreeBytedecoFilesAndMicrosoftsJni_underTheNamesOrtLoads() throws Exception {
    try (URLClassLoader cl = classPath(BYTEDECO)) {
      Path dir =
          NativeCache.ensure(
              tmp.resolve("cache/onnxruntime-1.28.0-cuda13"), OnnxCuda.entries(cl), "m");

      assertThat(names(dir))
          .containsExactly(
              ".complete",
              "libonnxruntime.so",
              "libonnxruntime4j_jni.so",
              "libonnxruntime_providers_cuda.so",
              "libonnxruntime_providers_shared.so");
      assertThat(Files.readString(dir.resolve("libonnxruntime.so")))
          .isEqualTo("fake " + OnnxCuda.BYTEDECO_DIR + "libonnxruntime.so.1");
    }
  }

  @Test
  void entries_aMissingFile_namesItsArtifact() throws IOException {
    try (URLClassLoader cl = classPath(BYTEDECO[0], BYTEDECO[1], BYTEDECO[2])) {
      assertThatThrownBy(() -> OnnxCuda.entries(cl))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so is not on the class path"
                  + " (it comes from com.microsoft.onnxruntime:onnxruntime:1.28.0)");
    }
  }

  @Test
  void ensure_aCompleteFolder_isUsedAsIs() throws IOException {
    Path target = tmp.resolve("c/ort");
    NativeCache.ensure(target, List.of(entry("a", "1")), "first");

    NativeCache.ensure(target, List.of(entry("a", "2")), "second");

    assertThat(Files.readString(target.resolve("a"))).isEqualTo("1");
    assertThat(Files.readString(target.resolve(NativeCache.MARKER))).isEqualTo("first");
  }

  @Test
  void ensure_aFolderNotMadeByKserve4j_isNotOverwritten() throws IOException {
    Path target = tmp.resolve("c/ort");
    Files.createDirectories(target);
    Files.writeString(target.resolve("junk"), "x");

    assertThatThrownBy(() -> NativeCache.ensure(target, List.of(entry("a", "1")), "m"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot move the unpacked natives to " + target.toAbsolutePath())
        .hasMessageEndingWith(
            "(the folder exists without .complete: remove it, and kserve4j unpacks it again)");
    assertThat(names(tmp.resolve("c"))).containsExactly("ort");
  }

  @Test
  void ensure_twoThreadsAtOnce_endWithOneCompleteFolder() throws Exception {
    Path target = tmp.resolve("cache/onnxruntime-1.28.0-cuda13");
    for (int round = 0; round < 5; round++) {
      Path t = target.resolveSibling("round" + round);
      // Both writers are inside their copy at the same time, so both reach the move.
      CyclicBarrier bothCopying = new CyclicBarrier(2);
      List<Path> results = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Path>> futures = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          String who = "writer" + w;
          NativeCache.Entry slow =
              new NativeCache.Entry(
                  "libonnxruntime.so",
                  () -> {
                    try {
                      bothCopying.await();
                    } catch (Exception e) {
                      throw new IOException(e);
                    }
                    return stream(who);
                  });
          futures.add(
              pool.submit(
                  () ->
                      NativeCache.ensure(
                          t, List.of(slow, entry("libonnxruntime4j_jni.so", who)), who)));
        }
        for (Future<Path> f : futures) {
          results.add(f.get());
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(results).containsOnly(t.toAbsolutePath());
      assertThat(names(t))
          .containsExactly(".complete", "libonnxruntime.so", "libonnxruntime4j_jni.so");
      String winner = Files.readString(t.resolve(NativeCache.MARKER));
      assertThat(Files.readString(t.resolve("libonnxruntime.so"))).isEqualTo(winner);
      assertThat(Files.readString(t.resolve("libonnxruntime4j_jni.so"))).isEqualTo(winner);
    }
    // No temporary folder is left behind.
    assertThat(names(tmp.resolve("cache")))
        .containsExactly("round0", "round1", "round2", "round3", "round4");
  }

  @Test
  void ensure_aFailedCopy_leavesNothingBehind() {
    Path target = tmp.resolve("c/ort");
    NativeCache.Entry broken =
        new NativeCache.Entry(
            "b",
            () -> {
              throw new IOException("disk full");
            });

    assertThatThrownBy(() -> NativeCache.ensure(target, List.of(entry("a", "1"), broken), "m"))
        .hasMessage("disk full");
    assertThat(target.getParent()).isEmptyDirectory();
  }

  @Test
  void pick_matchesByPciBusId_thenDeviceId_thenOrder() {
    GpuDevice gpu1 = new GpuDevice(1, "H100", "9.0", 80L << 30, 79L << 30, "0000:1b:00");
    EpView cpu = new EpView("CPUExecutionProvider", Map.of(), Map.of());
    EpView a = new EpView("CUDAExecutionProvider", Map.of("pci_bus_id", "0000:18:00.0"), Map.of());
    EpView b = new EpView("CUDAExecutionProvider", Map.of("pci_bus_id", "0000:1B:00.0"), Map.of());

    assertThat(OnnxCuda.pick(List.of(cpu, a, b), gpu1)).isEqualTo(2);
    assertThat(OnnxCuda.pick(List.of(cpu, b, a), gpu1)).isEqualTo(1);

    EpView c = new EpView("CUDAExecutionProvider", Map.of(), Map.of("device_id", "0"));
    EpView d = new EpView("CUDAExecutionProvider", Map.of(), Map.of("device_id", "1"));
    assertThat(OnnxCuda.pick(List.of(d, c), gpu1)).isEqualTo(0);

    EpView e = new EpView("CUDAExecutionProvider", Map.of(), Map.of());
    assertThat(OnnxCuda.pick(List.of(cpu, e, e), gpu1)).isEqualTo(2);
    assertThat(OnnxCuda.pick(List.of(cpu, e), gpu1)).isEqualTo(-1);
  }

  @Test
  void pciAddress_readsCudaAndSysfsForms() {
    assertThat(OnnxCuda.pciAddress("0000:18:00")).containsExactly(0, 0x18, 0);
    assertThat(OnnxCuda.pciAddress("00000001:AF:1F.3")).containsExactly(1, 0xaf, 0x1f);
    assertThat(OnnxCuda.pciAddress("18:00.0")).containsExactly(0, 0x18, 0);
    assertThat(OnnxCuda.pciAddress("GPU-1234")).isNull();
  }

  @Test
  void alreadyLoaded_explainsThatAJvmCannotSwitch() {
    assertThat(OnnxCuda.alreadyLoaded("/tmp/onnxruntime-java123/libonnxruntime.so"))
        .isEqualTo(
            "ONNX Runtime was already loaded in this JVM from"
                + " /tmp/onnxruntime-java123/libonnxruntime.so (its CPU natives) before kserve4j's"
                + " first model, and a JVM cannot switch natives: let kserve4j build its services"
                + " before any other OrtEnvironment is created, or start the JVM with"
                + " -Donnxruntime.native.path=<folder with ONNX Runtime's CUDA build>");
  }

  private static NativeCache.Entry entry(String name, String content) {
    return new NativeCache.Entry(name, () -> stream(content));
  }

  private static InputStream stream(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
