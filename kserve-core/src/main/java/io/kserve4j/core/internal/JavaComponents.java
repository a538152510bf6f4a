package io.kserve4j.core.internal;

import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/** Instantiates components written in Java from the class name a YAML annotation gives. */
public final class JavaComponents {
  private JavaComponents() {}

  /**
   * A new instance of {@code className}, which must implement {@code type} and have a public
   * no-argument constructor.
   *
   * @throws SpecValidationException naming the annotation and what is wrong with the class
   */
  public static <T> T instantiate(
      String service, String component, String className, Class<T> type) {
    String field = component + ".annotations[" + JavaServingRuntime.CLASS_ANNOTATION + "]";
    String subject = "InferenceService '" + service + "'";
    Class<?> cls;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      cls =
          Class.forName(
              className, true, loader == null ? JavaComponents.class.getClassLoader() : loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SpecValidationException(
          subject,
          new Violation(
              field,
              className,
              "no such class on the class path",
              "check the name and the class path"),
          e);
    }
    if (!type.isAssignableFrom(cls)) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  field,
                  className,
                  "does not implement " + type.getName(),
                  "implement " + type.getSimpleName())));
    }
    try {
      return type.cast(cls.getConstructor().newInstance());
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new SpecValidationException(
          subject,
          new Violation(
              field,
              className,
              "cannot be instantiated: " + e,
              "give it a public no-argument constructor"),
          e);
    } catch (InvocationTargetException e) {
      throw new SpecValidationException(
          subject,
          new Violation(
              field, className, "its constructor failed: " + e.getCause(), "fix the constructor"),
          e);
    }
  }
}
