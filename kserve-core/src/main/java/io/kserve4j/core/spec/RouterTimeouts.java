package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * An InferenceGraph's {@code routerTimeouts}, each in seconds and {@code null} when unset.
 *
 * @param serverRead longest read of a request by the router; unset means 60
 * @param serverWrite longest write of a response; unset means 60
 * @param serverIdle longest wait for the next request on a kept-alive connection; unset means 180
 * @param serviceClient longest call from the router to a step's service; unset means no limit
 */
public record RouterTimeouts(
    @Nullable Long serverRead,
    @Nullable Long serverWrite,
    @Nullable Long serverIdle,
    @Nullable Long serviceClient) {}
