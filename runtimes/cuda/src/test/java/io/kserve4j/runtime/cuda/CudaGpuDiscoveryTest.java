package io.kserve4j.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.gpu.Gpus;
import io.kserve4j.core.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The CUDA runtime through the javacpp presets, for real: on a machine without an NVIDIA driver
 * (CI, most laptops) the JNI library fails to load and the inventory says why; on a GPU machine the
 * devices are read.
 */
class CudaGpuDiscoveryTest {
  /** Whether this machine has an NVIDIA driver (the library the CUDA runtime's JNI needs). */
  private static boolean driverInstalled() {
    for (String dir :
        List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64")) {
      if (Files.exists(Path.of(dir, "libcuda.so.1"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void isTheSystemDiscovery_foundByServiceLoader() {
    assertThat(GpuDiscovery.system()).isInstanceOf(CudaGpuDiscovery.class);
  }

  @Test
  void withoutADriver_noGpu_oneInfoLine_sayingSo_andNeverThrows() {
    assumeTrue(!driverInstalled(), "this machine has an NVIDIA driver");
    try (LogCapture log = LogCapture.of(CudaGpuDiscovery.class)) {
      CudaGpuDiscovery discovery = CudaGpuDiscovery.fresh();

      GpuInventory first = discovery.discover();
      GpuInventory second = discovery.discover();

      assertThat(first.devices()).isEmpty();
      assertThat(second).isEqualTo(first);
      assertThat(first.absentReason())
          .isEqualTo("no NVIDIA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)");
      assertThat(log.messages(Level.INFO)).containsExactly("no GPU: " + first.absentReason());
      assertThat(log.messages(Level.WARNING)).isEmpty();
      assertThat(log.messages(Level.SEVERE)).isEmpty();
    }
    assertThat(Gpus.discover()).isEmpty();
  }

  @Test
  void loadFailure_namesTheCause() {
    UnsatisfiedLinkError e =
        new UnsatisfiedLinkError(
            "/x/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file");

    assertThat(CudaGpuDiscovery.loadFailure(e))
        .isEqualTo("no NVIDIA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)");
    assertThat(CudaGpuDiscovery.loadFailure(new UnsatisfiedLinkError("libcudart.so.13: missing")))
        .startsWith("the CUDA runtime could not be loaded: java.lang.UnsatisfiedLinkError:")
        .contains("org.bytedeco:cuda:13.3-9.25-1.5.14");
    assertThat(CudaGpuDiscovery.loadFailure(new IllegalStateException("x".repeat(1000))))
        .hasSize("the CUDA runtime could not be loaded: ".length() + 403);
  }

  @Test
  void ensureCacheDir_setsAWritableFolder_onlyWhenUnset() {
    String key = "org.bytedeco.javacpp.cachedir";
    String before = System.getProperty(key);
    try {
      System.setProperty(key, "/somewhere/else");
      CudaGpuDiscovery.ensureCacheDir();
      assertThat(System.getProperty(key)).isEqualTo("/somewhere/else");

      System.clearProperty(key);
      CudaGpuDiscovery.ensureCacheDir();
      assertThat(System.getProperty(key)).endsWith("javacpp");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  /** Runs only where a GPU and its driver are present. */
  @Test
  void onAGpuMachine_devicesHaveNamesAndMemory() {
    GpuInventory inventory = Gpus.inventory();
    assumeTrue(!inventory.isEmpty(), () -> "no GPU: " + inventory.absentReason());
    List<GpuDevice> devices = inventory.devices();
    for (int i = 0; i < devices.size(); i++) {
      GpuDevice d = devices.get(i);
      assertThat(d.index()).isEqualTo(i);
      assertThat(d.name()).isNotBlank();
      assertThat(d.computeCapability()).matches("\\d+\\.\\d+");
      assertThat(d.totalMemory()).isPositive();
      assertThat(d.freeMemory()).isPositive().isLessThanOrEqualTo(d.totalMemory());
      assertThat(d.pciBusId()).matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}");
    }
  }
}
