/**
 * The gRPC endpoint and client on grpc-java: KServe's messages (generated from {@code
 * kserve4j_inference.proto} into {@code internal.proto}), tensors to and from the wire, and
 * KServe's status codes. Not exported.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.server.grpc.internal;
