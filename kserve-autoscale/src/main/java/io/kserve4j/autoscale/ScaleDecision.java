package io.kserve4j.autoscale;

/**
 * One decision of {@link KpaAutoscaler}.
 *
 * @param desiredReplicas the replicas wanted now
 * @param panicking whether the autoscaler is in panic mode
 * @param excessBurstCapacity spare capacity beyond the target burst capacity; negative keeps the
 *     activator in the request path
 * @param stableValue the metric's stable-window average
 * @param panicValue the metric's panic-window average
 */
public record ScaleDecision(
    int desiredReplicas,
    boolean panicking,
    int excessBurstCapacity,
    double stableValue,
    double panicValue) {}
