package io.kserve4j.protocol.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
  @Test
  void shortPrintableStrings_areEchoedWhole() {
    assertThat(Echo.cut("float_input")).isEqualTo("float_input");
    assertThat(Echo.cut("caf\u00e9 \ud83d\ude00")).isEqualTo("caf\u00e9 \ud83d\ude00");
    assertThat(Echo.cut(null)).isEqualTo("null");
  }

  @Test
  void longStrings_areCutToAPrefixAndTheirLength() {
    assertThat(Echo.cut("a".repeat(1_000_000)))
        .isEqualTo("a".repeat(64) + "...(1000000 characters)");
    // A surrogate pair is never split.
    String pairs = "x" + "\ud83d\ude00".repeat(40);
    assertThat(Echo.cut(pairs)).isEqualTo("x" + "\ud83d\ude00".repeat(31) + "...(81 characters)");
  }

  @Test
  void controlCharactersAndUnpairedSurrogates_areEscaped() {
    assertThat(Echo.cut("a\r\nSet-Cookie: x")).isEqualTo("a\\u000d\\u000aSet-Cookie: x");
    assertThat(Echo.cut("x\ud800y")).isEqualTo("x\\ud800y");
    assertThat(Echo.message("line\nforged")).isEqualTo("line\\u000aforged");
  }

  @Test
  void longMessages_keepTheirHeadAndTheirFix() {
    String m = "input '" + "n".repeat(100_000) + "' is wrong (send FP32)";

    String cut = Echo.message(m);

    assertThat(cut).hasSizeLessThan(1100);
    assertThat(cut).startsWith("input 'nnn").endsWith("' is wrong (send FP32)");
    assertThat(cut).contains("characters cut)");
  }
}
