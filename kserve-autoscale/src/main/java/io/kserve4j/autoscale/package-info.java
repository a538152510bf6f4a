/**
 * Serving machinery with no model knowledge, after Knative and KServe.
 *
 * <p>{@link io.kserve4j.autoscale.ReplicaPool} holds replicas with per-replica concurrency slots,
 * hands waiting requests over in order, queues them in a bounded activator queue at zero replicas,
 * drains and replaces replicas. {@link io.kserve4j.autoscale.KpaAutoscaler} is Knative's KPA
 * decision rule (stable and panic windows, rate limits, burst capacity, scale to zero) and {@link
 * io.kserve4j.autoscale.PoolAutoscaler} drives a pool with it. {@link
 * io.kserve4j.autoscale.Batcher} stacks requests into batches, work-conserving. Everything that
 * depends on time reads an injected {@link io.kserve4j.autoscale.Clock} and {@link
 * io.kserve4j.autoscale.Scheduler}; tests use {@link io.kserve4j.autoscale.VirtualTime}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.autoscale;
