/**
 * Benchmarks on a CUDA GPU (B9, B10). They compile everywhere and refuse to run, with the reason,
 * where there is no GPU or no GPU build of ONNX Runtime on the class path: run them on a GPU
 * machine with the {@code gpu} profile's dependencies (see {@code docs/gpu.md}).
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.gpu;
