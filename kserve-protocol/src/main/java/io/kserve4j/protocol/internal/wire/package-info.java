/**
 * What kserve4j's REST and gRPC servers share to stay safe with any client: strings a client sent
 * cut short before they are echoed ({@link io.kserve4j.protocol.internal.wire.Echo}), the checks of
 * a request's counts and id ({@link io.kserve4j.protocol.internal.wire.RequestChecks}), and a log
 * that reports client errors once per interval ({@link
 * io.kserve4j.protocol.internal.wire.ClientErrorLog}). Exported to the servers only: not an API.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol.internal.wire;
