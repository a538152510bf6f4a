package io.kserve4j.core;

import org.jspecify.annotations.Nullable;

/**
 * One Standard-mode canary ({@code spec.canary[]}), as KServe's {@code status.canaryStatuses}
 * reports it.
 *
 * @param name the canary predictor's name
 * @param revision its deployment, {@code <isvc>-<name>-predictor}
 * @param ready whether it is ready (only a ready canary gets traffic)
 * @param trafficPercent the share of traffic it gets now
 * @param failure why it failed to load, or {@code null}
 */
public record CanaryStatus(
    String name, String revision, boolean ready, int trafficPercent, @Nullable String failure) {}
