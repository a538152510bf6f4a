/**
 * Benchmarks of the wire: B8, a v2 REST JSON inference through {@code RestServer} against a bare
 * JDK {@code HttpServer} handler doing the same decode, run and encode; a 16-connection load loop
 * of both; the streaming JSON codec against Jackson databind's tree; and gRPC ModelInfer against
 * in-process {@code predict()} of the same model.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.wire;
