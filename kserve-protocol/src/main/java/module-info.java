/**
 * The Open Inference Protocol (KServe v2) data model: tensors, requests, responses, model metadata
 * and the typed errors every kserve4j layer reports; its JSON codec and binary tensor extension;
 * and the REST endpoint and client.
 *
 * <p>Netty is optional ({@code requires static}): only {@link io.kserve4j.protocol.rest.RestServer}
 * needs it, and it names the artifact to add when it is missing. The REST client uses the JDK's
 * {@code java.net.http}.
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

  exports io.kserve4j.protocol;
  exports io.kserve4j.protocol.client;
  exports io.kserve4j.protocol.json;
  exports io.kserve4j.protocol.rest;
}
