/**
 * KServe's REST data plane: {@link io.kserve4j.protocol.rest.RestServer} serves an {@link
 * io.kserve4j.protocol.InferenceHandler} on KServe's v1 and v2 routes (Netty, optional), and {@link
 * io.kserve4j.protocol.rest.RestClient} calls any KServe or Triton v2 server over the JDK's HTTP
 * client, with JSON or binary tensors.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol.rest;
