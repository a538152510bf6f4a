/**
 * The Open Inference Protocol over gRPC: KServe's {@code inference.GRPCInferenceService}.
 *
 * <p>A {@link io.kserve4j.server.grpc.GrpcServer} serves any {@link
 * io.kserve4j.protocol.InferenceHandler} (kserve4j core's {@code ModelServer}, or your own) to
 * KServe, Triton and kserve4j clients; a {@link io.kserve4j.server.grpc.GrpcClient} calls any
 * KServe or Triton v2 gRPC server. Tensors travel as typed contents or as raw little-endian bytes;
 * received raw bytes become a {@link io.kserve4j.protocol.Tensor} over those bytes, without a copy.
 * Failures on the wire are the {@link io.kserve4j.protocol.InferenceException}s of the in-process
 * API, with KServe's gRPC status codes.
 *
 * <p>This package is the artifact {@code io.kserve4j:kserve4j-server-grpc}, which brings grpc-java
 * (Netty transport) and protobuf.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.server.grpc;
