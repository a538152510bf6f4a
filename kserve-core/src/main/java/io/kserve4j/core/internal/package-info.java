/**
 * kserve4j core's implementation: the request chain ({@code Link}s), runtime selection with
 * KServe's rules, storage URI resolution and the built-in Java-function runtime. Not exported;
 * nothing here is API.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.internal;
