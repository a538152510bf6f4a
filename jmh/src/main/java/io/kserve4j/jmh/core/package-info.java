/** Benchmarks of in-process {@code predict()} against raw ONNX Runtime. */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.core;
