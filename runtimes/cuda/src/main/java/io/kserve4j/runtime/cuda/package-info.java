/**
 * {@link io.kserve4j.runtime.cuda.CudaGpuDiscovery}: the CUDA devices of this machine for {@code
 * GpuDiscovery.system()}, found by {@link java.util.ServiceLoader}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.runtime.cuda;
