package io.kserve4j.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code InferenceService} field or test parameter that {@link InferenceServiceExtension}
 * builds from KServe YAML, injects, and closes after the test class.
 *
 * <pre>{@code
 * @ServiceYaml("classpath:sklearn-iris.yaml") InferenceService iris;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface ServiceYaml {
  /**
   * The YAML file: a path (relative to the working directory, which Maven sets to the module) or
   * {@code classpath:} and a resource name.
   */
  String value();

  /** The InferenceService to build when the file holds several; empty when it holds one. */
  String name() default "";
}
