/**
 * GPU discovery for kserve4j: the CUDA devices of this machine, with their free memory, read from
 * the CUDA runtime through the javacpp CUDA presets. Add this artifact beside a runtime that can
 * use a GPU (the ONNX Runtime artifact on CUDA) and {@code GpuDiscovery.system()} finds it.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.runtime.cuda {
  requires static org.jspecify;
  requires transitive io.kserve4j.core;
  requires org.bytedeco.javacpp;
  requires org.bytedeco.cuda;

  exports io.kserve4j.runtime.cuda;

  provides io.kserve4j.core.gpu.GpuDiscovery with
      io.kserve4j.runtime.cuda.CudaGpuDiscovery;
}
