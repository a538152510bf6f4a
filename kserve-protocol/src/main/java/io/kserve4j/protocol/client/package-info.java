/**
 * Clients of Open Inference Protocol servers over REST (JSON or binary tensors) and gRPC, all
 * behind {@link io.kserve4j.protocol.client.OpenInferenceClient}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol.client;
