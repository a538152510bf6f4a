/**
 * KServe's REST data plane: {@link io.kserve4j.server.rest.RestServer} serves an {@link
 * io.kserve4j.protocol.InferenceHandler} on KServe's v1 and v2 routes over Netty. The client side
 * is {@link io.kserve4j.protocol.client.RestClient}, which needs no Netty.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.server.rest;
