package io.kserve4j.core.gpu;

import java.util.Locale;
import java.util.Objects;

/**
 * One CUDA device as the CUDA runtime reports it.
 *
 * @param index the CUDA device ordinal ({@code cudaSetDevice(index)}), from 0
 * @param name the product name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param computeCapability major.minor, e.g. {@code 9.0}
 * @param totalMemory the device's memory in bytes
 * @param freeMemory the memory free when the device was discovered, in bytes
 * @param pciBusId the PCI address in CUDA's form {@code domain:bus:device}, e.g. {@code
 *     0000:18:00}; empty when unknown
 */
public record GpuDevice(
    int index,
    String name,
    String computeCapability,
    long totalMemory,
    long freeMemory,
    String pciBusId) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the index or a memory size is negative, or free memory
   *     exceeds total memory
   */
  public GpuDevice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(computeCapability, "computeCapability");
    Objects.requireNonNull(pciBusId, "pciBusId");
    if (index < 0) {
      throw new IllegalArgumentException("index = " + index + ": must be >= 0");
    }
    if (totalMemory < 0 || freeMemory < 0 || freeMemory > totalMemory) {
      throw new IllegalArgumentException(
          "memory: free "
              + freeMemory
              + " of total "
              + totalMemory
              + " bytes: both must be >= 0 and free <= total");
    }
  }

  /** The device's name as kserve4j reports it in status and metadata: {@code cuda:<index>}. */
  public String id() {
    return "cuda:" + index;
  }

  /** The same device with another amount of free memory (a fresh reading). */
  public GpuDevice withFreeMemory(long bytes) {
    return new GpuDevice(index, name, computeCapability, totalMemory, bytes, pciBusId);
  }

  /**
   * One line for logs: {@code cuda:0 NVIDIA H100 80GB HBM3 (sm 9.0, 79.1 GiB free of 79.6 GiB, PCI
   * 0000:18:00)}.
   */
  public String describe() {
    return id()
        + " "
        + name
        + " (sm "
        + computeCapability
        + ", "
        + gib(freeMemory)
        + " free of "
        + gib(totalMemory)
        + (pciBusId.isEmpty() ? "" : ", PCI " + pciBusId)
        + ")";
  }

  /** Bytes as GiB with one decimal, in the root locale: {@code 79.1 GiB}. */
  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
