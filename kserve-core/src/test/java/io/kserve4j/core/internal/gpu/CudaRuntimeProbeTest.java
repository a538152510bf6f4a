package io.kserve4j.core.internal.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kserve4j.core.LogCapture;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.gpu.Gpus;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class CudaRuntimeProbeTest {
  private static boolean presetsOnClassPath() {
    try {
      Class.forName(
          CudaRuntimeProbe.CUDART_CLASS, false, CudaRuntimeProbeTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void withoutThePresets_noGpu_oneInfoLine_namingTheArtifacts() {
    assumeTrue(!presetsOnClassPath(), "the javacpp CUDA presets are on the class path");
    try (LogCapture log = LogCapture.of(CudaRuntimeProbe.class)) {
      CudaRuntimeProbe probe = new CudaRuntimeProbe();

      GpuInventory first = probe.discover();
      GpuInventory second = probe.discover();

      assertThat(first.devices()).isEmpty();
      assertThat(second).isEqualTo(first);
      assertThat(first.absentReason())
          .isEqualTo(
              "the javacpp CUDA presets are not on the class path (add"
                  + " org.bytedeco:cuda:13.3-9.25-1.5.14 with classifier linux-x86_64, and"
                  + " org.bytedeco:javacpp:1.5.14 with classifier linux-x86_64)");
      assertThat(log.messages(Level.INFO)).containsExactly("no GPU: " + first.absentReason());
      assertThat(log.messages(Level.WARNING)).isEmpty();
      assertThat(log.messages(Level.SEVERE)).isEmpty();
    }
  }

  @Test
  void gpusDiscover_onAMachineWithoutGpu_isEmpty_andNeverThrows() {
    assumeTrue(Gpus.inventory().isEmpty(), "this machine has a GPU");
    assertThat(Gpus.discover()).isEmpty();
    assertThat(Gpus.inventory().absentReason()).isNotBlank();
  }

  @Test
  void loadFailure_withoutDriver_saysSo() {
    UnsatisfiedLinkError e =
        new UnsatisfiedLinkError(
            "/x/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file");

    assertThat(CudaRuntimeProbe.loadFailure(e))
        .isEqualTo("no NVIDIA driver: libcuda.so.1 cannot be loaded (install the NVIDIA driver)");
    assertThat(CudaRuntimeProbe.loadFailure(new UnsatisfiedLinkError("libcudart.so.13: missing")))
        .startsWith("the CUDA runtime could not be loaded: java.lang.UnsatisfiedLinkError:")
        .contains("org.bytedeco:cuda:13.3-9.25-1.5.14");
  }

  @Test
  void ensureCacheDir_setsAWritableFolder_onlyWhenUnset() {
    String key = "org.bytedeco.javacpp.cachedir";
    String before = System.getProperty(key);
    try {
      System.setProperty(key, "/somewhere/else");
      CudaRuntimeProbe.ensureCacheDir();
      assertThat(System.getProperty(key)).isEqualTo("/somewhere/else");

      System.clearProperty(key);
      CudaRuntimeProbe.ensureCacheDir();
      assertThat(System.getProperty(key)).endsWith("javacpp");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  /** Runs only where a GPU, its driver and the javacpp presets are present. */
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
