/**
 * The Open Inference Protocol (KServe v2) data model: tensors, requests, responses, model metadata
 * and the typed errors every kserve4j layer reports; its JSON codec and binary tensor extension;
 * and the REST client over the JDK's {@code java.net.http}.
 *
 * <p>No server lives here: the REST server is {@code kserve4j-server-rest} (Netty) and the gRPC
 * server and client are {@code kserve4j-server-grpc}. This module brings Jackson's streaming core
 * and nothing else.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.protocol {
  requires static org.jspecify;
  requires com.fasterxml.jackson.core;
  requires transitive java.net.http;

  exports io.kserve4j.protocol;
  exports io.kserve4j.protocol.client;
  exports io.kserve4j.protocol.json;
  // The wire codecs, for kserve4j's own servers only: not an API.
  exports io.kserve4j.protocol.internal.json to
      io.kserve4j.server.rest,
      io.kserve4j.server.grpc;
  exports io.kserve4j.protocol.internal.wire to
      io.kserve4j.server.rest,
      io.kserve4j.server.grpc;
}
