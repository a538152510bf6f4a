package io.kserve4j.core.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How violations show values. */
class YamlFormatTest {
  @Test
  void show_quotesStrings_writesListsAndMapsAsJson_andCutsLongValues() {
    String fits = "x".repeat(118);
    String tooLong = "x".repeat(119);

    assertThat(YamlFormat.show(fits)).isEqualTo("\"" + fits + "\"");
    assertThat(YamlFormat.show(tooLong)).isEqualTo("\"" + "x".repeat(116) + "...");
    assertThat(YamlFormat.show(List.of("a", 1))).isEqualTo("[\"a\",1]");
    assertThat(YamlFormat.show(Map.of("a", true))).isEqualTo("{\"a\":true}");
    assertThat(YamlFormat.show(3)).isEqualTo(3);
    assertThat(YamlFormat.show(null)).isNull();
  }
}
