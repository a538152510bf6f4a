/** Benchmarks of the wire (gRPC) against in-process {@code predict()} of the same model. */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.wire;
