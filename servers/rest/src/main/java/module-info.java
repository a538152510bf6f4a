/**
 * KServe's REST data plane on Netty: {@link io.kserve4j.server.rest.RestServer} serves any {@link
 * io.kserve4j.protocol.InferenceHandler} (kserve4j core's {@code ModelServer}, or your own) on
 * KServe's v1 and v2 routes, with the binary tensor extension and KServe's error bodies.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.server.rest {
  requires static org.jspecify;
  requires transitive io.kserve4j.protocol;
  requires com.fasterxml.jackson.core;
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.codec;
  requires io.netty.handler;
  requires io.netty.codec.http;

  exports io.kserve4j.server.rest;
}
