package io.kserve4j.core.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FieldNames} finds the field a misspelled name meant. */
class FieldNamesTest {
  private static final List<String> COMPONENT =
      List.of("maxReplicas", "minReplicas", "scaleMetric", "scaleTarget", "storageUris", "timeout");

  @Test
  void distance_countsInsertionsDeletionsSubstitutionsAndSwaps() {
    assertThat(FieldNames.distance("minreplicas", "minreplicas")).isZero();
    assertThat(FieldNames.distance("minreplica", "minreplicas")).isEqualTo(1);
    assertThat(FieldNames.distance("minreplicass", "minreplicas")).isEqualTo(1);
    assertThat(FieldNames.distance("storageurl", "storageuri")).isEqualTo(1);
    assertThat(FieldNames.distance("nmae", "name")).isEqualTo(1);
    assertThat(FieldNames.distance("", "abc")).isEqualTo(3);
    assertThat(FieldNames.distance("abc", "")).isEqualTo(3);
    assertThat(FieldNames.distance("ab", "ba")).isEqualTo(1);
    assertThat(FieldNames.distance("abc", "ca")).isEqualTo(3);
    assertThat(FieldNames.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void sameName_ignoresCaseUnderscoresAndDashes() {
    assertThat(FieldNames.sameName("MinReplicas", COMPONENT)).isEqualTo("minReplicas");
    assertThat(FieldNames.sameName("scale_metric", COMPONENT)).isEqualTo("scaleMetric");
    assertThat(FieldNames.sameName("scale-target", COMPONENT)).isEqualTo("scaleTarget");
    assertThat(FieldNames.sameName("minReplica", COMPONENT)).isNull();
  }

  @Test
  void closest_isWithinAFewEdits_growingWithTheNameLength() {
    assertThat(FieldNames.closest("minReplica", COMPONENT)).containsExactly("minReplicas");
    assertThat(FieldNames.closest("timout", COMPONENT)).containsExactly("timeout");
    assertThat(FieldNames.closest("timot", COMPONENT)).containsExactly("timeout");
    assertThat(FieldNames.closest("tmo", COMPONENT)).isEmpty();
    assertThat(FieldNames.closest("ur", List.of("uri", "url"))).containsExactly("uri", "url");
    assertThat(FieldNames.closest("u", List.of("uri"))).isEmpty();
    assertThat(FieldNames.closest("tim", List.of("time"))).containsExactly("time");
    assertThat(FieldNames.closest("abc", List.of("axyc"))).isEmpty();
    assertThat(FieldNames.closest("abcd", List.of("axyd"))).containsExactly("axyd");
    assertThat(FieldNames.closest("abcdefg", List.of("abcdxyz"))).containsExactly("abcdxyz");
    assertThat(FieldNames.closest("abcdefg", List.of("abcwxyz"))).isEmpty();
    assertThat(FieldNames.closest("abcdef", List.of("abcdxy"))).containsExactly("abcdxy");
    assertThat(FieldNames.closest("abcdef", List.of("abcxyz"))).isEmpty();
    assertThat(FieldNames.closest("futureField", COMPONENT)).isEmpty();
  }

  @Test
  void closest_keepsTheBestTies_inTheGivenOrder_atMostThree() {
    assertThat(FieldNames.closest("mReplicas", COMPONENT))
        .containsExactly("maxReplicas", "minReplicas");
    assertThat(FieldNames.closest("mixReplicas", COMPONENT))
        .containsExactly("maxReplicas", "minReplicas");
    assertThat(FieldNames.closest("abcd", List.of("abcx", "abxd", "axcd", "xbcd", "abcde")))
        .containsExactly("abcx", "abxd", "axcd");
    assertThat(FieldNames.closest("abcd", List.of("abxy", "abcx"))).containsExactly("abcx");
  }

  @Test
  void or_joinsNames() {
    assertThat(FieldNames.or(List.of("a"))).isEqualTo("a");
    assertThat(FieldNames.or(List.of("a", "b"))).isEqualTo("a or b");
    assertThat(FieldNames.or(List.of("a", "b", "c"))).isEqualTo("a, b or c");
  }
}
