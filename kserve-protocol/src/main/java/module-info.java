/**
 * The Open Inference Protocol (KServe v2) data model: tensors, requests, responses, model metadata
 * and the typed errors every kserve4j layer reports; its JSON codec and binary tensor extension;
 * and the REST and gRPC endpoints and clients.
 *
 * <p>Netty, gRPC and protobuf are optional ({@code requires static}): only a user of {@code
 * io.kserve4j.protocol.rest.RestServer} or {@code io.kserve4j.protocol.grpc} adds them, and each
 * names the artifact to add when it is missing. The REST client uses the JDK's {@code
 * java.net.http}.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.protocol {
  requires static org.jspecify;
  requires com.fasterxml.jackson.core;
  requires java.net.http;
  requires static io.netty.common;
  requires static io.netty.buffer;
  requires static io.netty.transport;
  requires static io.netty.codec;
  requires static io.netty.handler;
  requires static io.netty.codec.http;
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
  exports io.kserve4j.protocol.json;
  exports io.kserve4j.protocol.rest;
}
