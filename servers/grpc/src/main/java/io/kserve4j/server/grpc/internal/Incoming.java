package io.kserve4j.server.grpc.internal;

import org.jspecify.annotations.Nullable;

/**
 * A received message, or why its bytes could not be parsed. The server's marshallers never throw,
 * so that malformed bytes reach the service and are answered INVALID_ARGUMENT rather than gRPC's
 * own INTERNAL.
 *
 * @param message the message, or {@code null} when parsing failed
 * @param error why parsing failed, or {@code null}
 */
public record Incoming<T>(@Nullable T message, @Nullable String error) {}
