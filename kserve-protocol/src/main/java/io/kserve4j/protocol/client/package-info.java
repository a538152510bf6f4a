/**
 * Clients of Open Inference Protocol servers, all behind {@link
 * io.kserve4j.protocol.client.OpenInferenceClient}: {@link io.kserve4j.protocol.client.RestClient}
 * over the JDK's {@code java.net.http} (JSON or binary tensors) is here; the gRPC client comes with
 * the artifact {@code kserve4j-server-grpc}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol.client;
