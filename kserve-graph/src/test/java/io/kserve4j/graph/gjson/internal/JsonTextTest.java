package io.kserve4j.graph.gjson.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON text helpers: writing strings as GJSON does, Go's float reading and writing, UTF-8. */
class JsonTextTest {
  private static String jsonString(byte[] text) {
    Out out = new Out(new Budget("", Long.MAX_VALUE), 4);
    JsonText.appendJsonString(out, text, 0, text.length);
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  private static String jsonString(String text) {
    return jsonString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void appendJsonString_escapesLikeGoWithHtmlEscaping() {
    assertThat(jsonString("plain")).isEqualTo("\"plain\"");
    assertThat(jsonString("q\"b\\")).isEqualTo("\"q\\\"b\\\\\"");
    assertThat(jsonString("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    assertThat(jsonString("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
    assertThat(jsonString("<a&b>")).isEqualTo("\"\\u003ca\\u0026b\\u003e\"");
    assertThat(jsonString("é\uD83D\uDE00")).isEqualTo("\"é\uD83D\uDE00\"");
    assertThat(jsonString("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    assertThat(jsonString("\u2027")).isEqualTo("\"\u2027\"");
  }

  @Test
  void appendJsonString_invalidUtf8BecomesReplacementCharacter() {
    assertThat(jsonString(new byte[] {'a', (byte) 0xff, 'b'})).isEqualTo("\"a\\ufffdb\"");
    assertThat(jsonString(new byte[] {(byte) 0xc3})).isEqualTo("\"\\ufffd\"");
    // Overlong encoding of '/', and an encoded surrogate, are not UTF-8.
    assertThat(jsonString(new byte[] {(byte) 0xc0, (byte) 0xaf})).isEqualTo("\"\\ufffd\\ufffd\"");
    assertThat(jsonString(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
        .isEqualTo("\"\\ufffd\\ufffd\\ufffd\"");
    assertThat(jsonString(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
        .isEqualTo("\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
  }

  @Test
  void utf8Length_acceptsOnlyShortestValidSequences() {
    assertThat(JsonText.utf8Length("é".getBytes(StandardCharsets.UTF_8), 0, 2)).isEqualTo(2);
    assertThat(JsonText.utf8Length("€".getBytes(StandardCharsets.UTF_8), 0, 3)).isEqualTo(3);
    assertThat(JsonText.utf8Length("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), 0, 4))
        .isEqualTo(4);
    assertThat(JsonText.utf8Length(new byte[] {(byte) 0xe2, (byte) 0x82}, 0, 2)).isZero();
    assertThat(JsonText.utf8Length(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, 0, 3))
        .isZero();
    assertThat(JsonText.utf8Length(new byte[] {(byte) 0xc3, 'a'}, 0, 2)).isZero();
    assertThat(JsonText.utf8Length(new byte[] {(byte) 0x80}, 0, 1)).isZero();
    assertThat(JsonText.utf8Length(new byte[] {(byte) 0xf5, 0, 0, 0}, 0, 4)).isZero();
  }

  @Test
  void parseGoFloat_decimalInfNanElseZero() {
    assertThat(JsonText.parseGoFloat("1.5")).isEqualTo(1.5);
    assertThat(JsonText.parseGoFloat("-1.5E+3")).isEqualTo(-1500);
    assertThat(JsonText.parseGoFloat("+2")).isEqualTo(2);
    assertThat(JsonText.parseGoFloat(".5")).isEqualTo(0.5);
    assertThat(JsonText.parseGoFloat("5.")).isEqualTo(5);
    assertThat(JsonText.parseGoFloat("1e-2")).isEqualTo(0.01);
    assertThat(JsonText.parseGoFloat("inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(JsonText.parseGoFloat("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(JsonText.parseGoFloat("NaN")).isNaN();
    assertThat(JsonText.parseGoFloat("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    for (String bad :
        new String[] {"", "+", "-", ".", "e5", "1e", "1e+", "1d", "0x10", "1_0", " 1", "abc"}) {
      assertThat(JsonText.parseGoFloat(bad)).as(bad).isZero();
    }
  }

  @Test
  void formatNumber_integersAsWrittenElseShortestPlainDecimal() {
    assertThat(JsonText.formatNumber("007", 7)).isEqualTo("007");
    assertThat(JsonText.formatNumber("-12", -12)).isEqualTo("-12");
    assertThat(JsonText.formatNumber("-", 0)).isEqualTo("0");
    assertThat(JsonText.formatNumber("", 0)).isEqualTo("0");
    assertThat(JsonText.formatNumber("2.50", 2.5)).isEqualTo("2.5");
    assertThat(JsonText.formatNumber("1e3", 1000)).isEqualTo("1000");
    assertThat(JsonText.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(JsonText.formatDouble(-0.0)).isEqualTo("-0");
    assertThat(JsonText.formatDouble(Double.NaN)).isEqualTo("NaN");
    assertThat(JsonText.formatDouble(1e-300)).startsWith("0.000").endsWith("1");
  }

  @Test
  void unescape_stopsAtControlCharactersAndBadEscapes() {
    byte[] b = "ab\u0001cd".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEqualTo("ab");
    b = "a\\".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEqualTo("a");
    b = "\\u00e9\\u00E9x".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEqualTo("ééx");
    b = "\\ud83d\\ude00".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEqualTo("\uD83D\uDE00");
    b = "\\ude00\\ud83d".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEqualTo("\ufffd\ufffd");
    b = "\\ud83dx".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEqualTo("\ufffdx");
    b = "\\uZZZZ".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonText.unescape(b, 0, b.length)).isEmpty();
  }

  @Test
  void isValid_deepNestingWithoutRecursion() {
    byte[] deep = ("[".repeat(100_000) + "{\"a\":[1]}" + "]".repeat(100_000)).getBytes();
    assertThat(JsonText.isValid(deep, 0, deep.length)).isTrue();
    byte[] mixed = ("{\"a\":".repeat(70) + "[" + "]" + "}".repeat(70)).getBytes();
    assertThat(JsonText.isValid(mixed, 0, mixed.length)).isTrue();
    byte[] wrong = ("{\"a\":".repeat(70) + "[" + "]" + "}".repeat(69) + "]").getBytes();
    assertThat(JsonText.isValid(wrong, 0, wrong.length)).isFalse();
  }

  @Test
  void skipContainer_bracketsMustMatchAtAnyDepth() {
    byte[] deep = ("[".repeat(200) + "{}" + "]".repeat(200)).getBytes();
    assertThat(Scanner.skipContainer(deep, 0, deep.length)).isEqualTo(deep.length);
    byte[] wrong = ("[".repeat(200) + "{}" + "]".repeat(199) + "}").getBytes();
    assertThat(Scanner.skipContainer(wrong, 0, wrong.length)).isEqualTo(-1);
    byte[] objects = ("{\"a\":".repeat(100) + "1" + "}".repeat(100)).getBytes();
    assertThat(Scanner.skipContainer(objects, 0, objects.length)).isEqualTo(objects.length);
    byte[] strings = "[\"]\",\"\\\"]\"]".getBytes();
    assertThat(Scanner.skipContainer(strings, 0, strings.length)).isEqualTo(strings.length);
    byte[] open = "[1,2".getBytes();
    assertThat(Scanner.skipContainer(open, 0, open.length)).isEqualTo(-1);
  }

  @Test
  void budget_throwsOnceSpent() {
    Budget budget = new Budget("p", 10);
    budget.charge(10);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> budget.charge(1))
        .isInstanceOf(io.kserve4j.graph.gjson.GjsonLimitException.class)
        .hasMessageStartingWith("GJSON path 'p' needs more than 10 bytes");
  }
}
