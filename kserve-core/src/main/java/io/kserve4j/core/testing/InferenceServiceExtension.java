package io.kserve4j.core.testing;

import io.kserve4j.core.InferenceService;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5 extension that builds {@link InferenceService}s from KServe YAML for a test: fields and
 * parameters of type {@code InferenceService} annotated with {@link ServiceYaml} get the service,
 * built once per test class and YAML source, and closed after the class's last test.
 *
 * <pre>{@code
 * @ExtendWith(InferenceServiceExtension.class)
 * class IrisTest {
 *   @ServiceYaml("classpath:sklearn-iris.yaml") InferenceService iris;
 *
 *   @Test
 *   void setosa() {
 *     var r = iris.predict(InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}));
 *     TensorAssertions.assertTensorEquals(new long[] {0}, r.output("output_label"));
 *   }
 * }
 * }</pre>
 *
 * No server, no cluster, no network: the model runs in the test's JVM.
 */
public final class InferenceServiceExtension
    implements TestInstancePostProcessor, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(InferenceServiceExtension.class);

  /** Creates the extension (JUnit does). */
  public InferenceServiceExtension() {}

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context)
      throws Exception {
    for (Class<?> c = testInstance.getClass();
        c != null && c != Object.class;
        c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        ServiceYaml yaml = f.getAnnotation(ServiceYaml.class);
        if (yaml == null) {
          continue;
        }
        if (f.getType() != InferenceService.class || Modifier.isStatic(f.getModifiers())) {
          throw new IllegalStateException(
              "@ServiceYaml field "
                  + c.getSimpleName()
                  + "."
                  + f.getName()
                  + " must be a non-static InferenceService field");
        }
        f.setAccessible(true);
        f.set(testInstance, service(yaml, context));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == InferenceService.class
        && parameter.isAnnotated(ServiceYaml.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ServiceYaml yaml =
        parameter
            .findAnnotation(ServiceYaml.class)
            .orElseThrow(() -> new ParameterResolutionException("no @ServiceYaml"));
    return service(yaml, context);
  }

  private static InferenceService service(ServiceYaml yaml, ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    String key = yaml.value() + "#" + yaml.name();
    Managed managed =
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(key, k -> new Managed(load(yaml)), Managed.class);
    return managed.service;
  }

  private static InferenceService load(ServiceYaml yaml) {
    return InferenceService.fromYaml(yaml.value(), yaml.name().isEmpty() ? null : yaml.name());
  }

  /** Closes its service when JUnit closes the store of the test class. */
  private static final class Managed implements ExtensionContext.Store.CloseableResource {
    final InferenceService service;

    Managed(InferenceService service) {
      this.service = service;
    }

    @Override
    public void close() {
      service.close();
    }
  }
}
