/**
 * Generic serving machinery with no model knowledge: replica pool, autoscaler, batcher.
 *
 * <p>Today it holds the {@link io.kserve4j.autoscale.Clock} every time-based part reads; the
 * autoscaling issue adds the replica pool with per-replica concurrency slots and an activator queue
 * at zero, the KPA-style autoscaler with stable and panic windows, and the dynamic batcher, all
 * driven by an injected clock.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.autoscale;
