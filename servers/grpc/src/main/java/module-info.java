/**
 * KServe's v2 gRPC data plane ({@code inference.GRPCInferenceService}) on grpc-java: {@link
 * io.kserve4j.server.grpc.GrpcServer} serves any {@link io.kserve4j.protocol.InferenceHandler}, and
 * {@link io.kserve4j.server.grpc.GrpcClient} calls any KServe, Triton or kserve4j v2 gRPC server.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.server.grpc {
  requires static org.jspecify;
  requires transitive io.kserve4j.protocol;
  requires io.grpc;
  requires io.grpc.netty;
  requires io.grpc.protobuf;
  requires io.grpc.stub;
  requires com.google.protobuf;
  // The generated future stub names ListenableFuture; kserve4j itself uses no Guava.
  requires static com.google.common;
  // To log two of grpc-java's lines that a peer causes at FINE (PeerNoise).
  requires java.logging;

  exports io.kserve4j.server.grpc;
}
