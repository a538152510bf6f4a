/**
 * JUnit 5 support: an extension that builds an {@code InferenceService} from a YAML file or
 * classpath resource, injects it into a test and closes it after, and tensor assertions with
 * tolerances.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.testing;
