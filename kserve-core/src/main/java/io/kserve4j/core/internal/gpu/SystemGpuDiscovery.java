package io.kserve4j.core.internal.gpu;

import io.kserve4j.core.gpu.GpuDiscovery;
import java.util.Iterator;
import java.util.ServiceLoader;

/** {@link GpuDiscovery#system()}: the provider {@link ServiceLoader} finds, looked up once. */
public final class SystemGpuDiscovery {
  /** The artifact that provides GPU discovery. */
  public static final String ARTIFACT = "io.kserve4j:kserve4j-cuda";

  private SystemGpuDiscovery() {}

  private static final class Holder {
    static final GpuDiscovery DISCOVERY = find();

    private static GpuDiscovery find() {
      Iterator<GpuDiscovery> found =
          ServiceLoader.load(GpuDiscovery.class, SystemGpuDiscovery.class.getClassLoader())
              .iterator();
      if (found.hasNext()) {
        return found.next();
      }
      return GpuDiscovery.none(
          "no GPU discovery on the class path (add "
              + ARTIFACT
              + ", which reads the CUDA runtime through javacpp's CUDA presets)");
    }
  }

  /** The discovery of this JVM. */
  public static GpuDiscovery get() {
    return Holder.DISCOVERY;
  }
}
