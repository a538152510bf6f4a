/**
 * The Open Inference Protocol (KServe v2) data model: tensors, requests, responses, model metadata
 * and the typed errors every kserve4j layer reports; and its gRPC server and client.
 *
 * <p>gRPC, Netty and protobuf are optional ({@code requires static}): only a user of {@code
 * io.kserve4j.protocol.grpc} adds them.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.protocol {
  requires static org.jspecify;
  requires static io.grpc;
  requires static io.grpc.netty;
  requires static io.grpc.protobuf;
  requires static io.grpc.stub;
  requires static com.google.protobuf;
  // The generated future stub names ListenableFuture; kserve4j itself uses no Guava.
  requires static com.google.common;

  exports io.kserve4j.protocol;
  exports io.kserve4j.protocol.client;
  exports io.kserve4j.protocol.grpc;
}
