/**
 * The built-in storage providers (local paths and {@code file://}, {@code classpath:}, {@code
 * pvc://}) and the resolver that picks a provider by scheme.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.internal.storage;
