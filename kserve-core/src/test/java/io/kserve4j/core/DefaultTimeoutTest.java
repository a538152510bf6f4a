package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Guards the build's default JUnit timeout (the parent POM's Surefire configuration): without it a
 * hung wait in any test would hang CI instead of failing one test.
 */
@ExtendWith(DefaultTimeoutTest.Configuration.class)
class DefaultTimeoutTest {
  @Test
  void everyTestHasADefaultTimeout(String defaultTimeout) {
    assertThat(defaultTimeout).as("junit.jupiter.execution.timeout.default").isEqualTo("60 s");
  }

  /** Hands the test the configuration parameter as JUnit read it. */
  static final class Configuration implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == String.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getConfigurationParameter("junit.jupiter.execution.timeout.default")
          .orElse("");
    }
  }
}
