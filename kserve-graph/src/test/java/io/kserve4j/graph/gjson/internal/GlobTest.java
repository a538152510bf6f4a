package io.kserve4j.graph.gjson.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GJSON's wildcard match (tidwall/match semantics). */
class GlobTest {
  @Test
  void star_matchesAnyRunIncludingEmpty() {
    assertThat(Glob.match("", "*")).isTrue();
    assertThat(Glob.match("anything", "*")).isTrue();
    assertThat(Glob.match("abc", "a*")).isTrue();
    assertThat(Glob.match("abc", "*c")).isTrue();
    assertThat(Glob.match("abc", "a*c")).isTrue();
    assertThat(Glob.match("ac", "a*c")).isTrue();
    assertThat(Glob.match("abcbd", "a*b*d")).isTrue();
    assertThat(Glob.match("abcbx", "a*b*d")).isFalse();
    assertThat(Glob.match("abc", "a**c")).isTrue();
    assertThat(Glob.match("abc", "b*")).isFalse();
  }

  @Test
  void question_matchesExactlyOneCodePoint() {
    assertThat(Glob.match("a", "?")).isTrue();
    assertThat(Glob.match("", "?")).isFalse();
    assertThat(Glob.match("ab", "?")).isFalse();
    assertThat(Glob.match("\uD83D\uDE00", "?")).isTrue();
    assertThat(Glob.match("x\uD83D\uDE00y", "x?y")).isTrue();
    assertThat(Glob.match("的情况", "的?况")).isTrue();
  }

  @Test
  void backslash_makesTheNextCharacterLiteral() {
    assertThat(Glob.match("a*", "a\\*")).isTrue();
    assertThat(Glob.match("ab", "a\\*")).isFalse();
    assertThat(Glob.match("a?", "a\\?")).isTrue();
    assertThat(Glob.match("ab", "a\\?")).isFalse();
    assertThat(Glob.match("a\\", "a\\\\")).isTrue();
    assertThat(Glob.match("a", "a\\")).isFalse();
    assertThat(Glob.match("a\\", "a\\")).isFalse();
  }

  @Test
  void literal_mustMatchWhole() {
    assertThat(Glob.match("abc", "abc")).isTrue();
    assertThat(Glob.match("abcd", "abc")).isFalse();
    assertThat(Glob.match("ab", "abc")).isFalse();
    assertThat(Glob.match("", "")).isTrue();
    assertThat(Glob.match("a", "")).isFalse();
  }

  @Test
  void pathologicalPatterns_stayPolynomial() {
    String text = "a".repeat(5000);
    String pattern = "*a".repeat(50) + "b";
    long start = System.nanoTime();
    assertThat(Glob.match(text, pattern)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }
}
