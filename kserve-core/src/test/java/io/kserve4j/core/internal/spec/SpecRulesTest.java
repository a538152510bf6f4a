package io.kserve4j.core.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The value helpers behind {@link SpecRules}' messages. */
class SpecRulesTest {
  @Test
  void goDuration_readsGoDurations_andNothingElse() {
    assertThat(SpecRules.goDuration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(SpecRules.goDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(SpecRules.goDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(SpecRules.goDuration("2ms")).isEqualTo(Duration.ofMillis(2));
    assertThat(SpecRules.goDuration("3us")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(SpecRules.goDuration("3µs")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(SpecRules.goDuration("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(SpecRules.goDuration("9223372036854775807ns"))
        .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(SpecRules.goDuration("9223372036854775808ns")).isNull();
    assertThat(SpecRules.goDuration("")).isNull();
    assertThat(SpecRules.goDuration("60")).isNull();
    assertThat(SpecRules.goDuration("x60s")).isNull();
    assertThat(SpecRules.goDuration("60s ")).isNull();
  }

  @Test
  void suggestName_makesAKServeName() {
    assertThat(SpecRules.suggestName("Sklearn_Iris")).isEqualTo("sklearn-iris");
    assertThat(SpecRules.suggestName("1st--Model-")).isEqualTo("st-model");
    assertThat(SpecRules.suggestName("123")).isEqualTo("my-model");
  }
}
