package io.kserve4j.autoscale;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplicaPool}'s state at one moment.
 *
 * @param ready replicas taking requests
 * @param desired replicas last asked for
 * @param starting replicas being created
 * @param draining replicas finishing their requests before they close
 * @param inFlight requests running on replicas
 * @param queued requests waiting in the activator queue
 * @param replaced replicas replaced after failing
 * @param startFailures replicas that failed to start
 * @param lastStartFailure the last start failure, or {@code null}
 */
public record PoolStatus(
    int ready,
    int desired,
    int starting,
    int draining,
    int inFlight,
    int queued,
    int replaced,
    int startFailures,
    @Nullable String lastStartFailure) {}
