/**
 * JUnit 5 support: an extension that builds an {@code InferenceService} from a YAML file or
 * classpath resource, injects it into a test and closes it after, and tensor assertions with
 * tolerances; and {@link io.kserve4j.core.testing.RuntimeCompatibilityKit}, the abstract test every
 * serving runtime's tests extend to prove that its models check inputs, answer and close as
 * kserve4j expects.
 *
 * <p>JUnit 5 is an optional dependency of kserve-core: add {@code junit-jupiter-api} to use this
 * package.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.testing;
