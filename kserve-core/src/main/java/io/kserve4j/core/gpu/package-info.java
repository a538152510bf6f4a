/**
 * GPUs in the JVM: {@link io.kserve4j.core.gpu.Gpus#discover()} lists the CUDA devices ({@link
 * io.kserve4j.core.gpu.GpuDevice}: name, compute capability, total and free memory, PCI bus id)
 * through the javacpp CUDA presets when they are on the class path, and reports "no GPU" with the
 * reason otherwise; {@link io.kserve4j.core.gpu.GpuDiscovery} lets a test or an application supply
 * its own device list.
 *
 * <p>An InferenceService whose predictor asks for {@code nvidia.com/gpu} in its resource limits
 * runs each replica on one of these devices, the one with the most free memory first; see {@code
 * docs/gpu.md}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.gpu;
