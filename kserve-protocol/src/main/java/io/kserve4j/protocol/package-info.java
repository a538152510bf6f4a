/**
 * The Open Inference Protocol (KServe v2) in Java objects.
 *
 * <p>An {@link io.kserve4j.protocol.InferRequest} carries named {@link
 * io.kserve4j.protocol.Tensor}s in; an {@link io.kserve4j.protocol.InferResponse} carries them out.
 * A tensor built over a primitive array or a direct little-endian {@link java.nio.ByteBuffer} keeps
 * that memory: nothing is copied on the way to the runtime. Every protocol datatype is a {@link
 * io.kserve4j.protocol.DataType} with its wire name and byte width.
 *
 * <p>Failures are {@link io.kserve4j.protocol.InferenceException}s that carry the HTTP status and
 * gRPC code KServe would answer with, so in-process callers and the wire see the same errors.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol;
