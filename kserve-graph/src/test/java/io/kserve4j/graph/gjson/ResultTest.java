package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Result}'s readers, as GJSON's {@code Result} reads values. */
class ResultTest {
  @Test
  void none_isEmptyEverywhere() {
    Result none = Gjson.get("{}", "a");
    assertThat(none).isSameAs(Result.none());
    assertThat(none.exists()).isFalse();
    assertThat(none.type()).isEqualTo(JsonType.NULL);
    assertThat(none.raw()).isEmpty();
    assertThat(none.string()).isEmpty();
    assertThat(none.number()).isZero();
    assertThat(none.longValue()).isZero();
    assertThat(none.bool()).isFalse();
    assertThat(none.isArray()).isFalse();
    assertThat(none.isObject()).isFalse();
    assertThat(none.array()).isEmpty();
    assertThat(none.map()).isEmpty();
    List<Result> seen = new ArrayList<>();
    none.forEach((k, v) -> seen.add(v));
    assertThat(seen).isEmpty();
  }

  @Test
  void types_fromTheFirstCharacter() {
    String json = "{\"s\":\"x\",\"n\":-1.5,\"t\":true,\"f\":false,\"z\":null,\"o\":{},\"a\":[]}";
    assertThat(Gjson.get(json, "s").type()).isEqualTo(JsonType.STRING);
    assertThat(Gjson.get(json, "n").type()).isEqualTo(JsonType.NUMBER);
    assertThat(Gjson.get(json, "t").type()).isEqualTo(JsonType.TRUE);
    assertThat(Gjson.get(json, "f").type()).isEqualTo(JsonType.FALSE);
    assertThat(Gjson.get(json, "z").type()).isEqualTo(JsonType.NULL);
    assertThat(Gjson.get(json, "z").exists()).isTrue();
    assertThat(Gjson.get(json, "o").type()).isEqualTo(JsonType.JSON);
    assertThat(Gjson.get(json, "o").isObject()).isTrue();
    assertThat(Gjson.get(json, "a").isArray()).isTrue();
  }

  @Test
  void string_ofNumbers_integersAsWrittenOthersAsShortestDecimal() {
    assertThat(Gjson.parse("100").string()).isEqualTo("100");
    assertThat(Gjson.parse("-7").string()).isEqualTo("-7");
    assertThat(Gjson.parse("12.50").string()).isEqualTo("12.5");
    assertThat(Gjson.parse("1.5e3").string()).isEqualTo("1500");
    assertThat(Gjson.parse("1E2").string()).isEqualTo("100");
    assertThat(Gjson.parse("1e-7").string()).isEqualTo("0.0000001");
    assertThat(Gjson.parse("1e21").string()).isEqualTo("1000000000000000000000");
    assertThat(Gjson.parse("-0.0").string()).isEqualTo("-0");
    assertThat(Gjson.parse("0.0").string()).isEqualTo("0");
    assertThat(Gjson.parse("1e400").string()).isEqualTo("+Inf");
    assertThat(Gjson.parse("-1e400").string()).isEqualTo("-Inf");
  }

  @Test
  void string_ofOtherTypes() {
    assertThat(Gjson.parse("\"a\\u00e9\\n\"").string()).isEqualTo("aé\n");
    assertThat(Gjson.parse("true").string()).isEqualTo("true");
    assertThat(Gjson.parse("false").string()).isEqualTo("false");
    assertThat(Gjson.parse("null").string()).isEmpty();
    assertThat(Gjson.parse("[1, 2]").string()).isEqualTo("[1, 2]");
  }

  @Test
  void string_invalidEscapeEndsTheValue_loneSurrogateIsReplaced() {
    assertThat(Gjson.parse("\"ab\\qcd\"").string()).isEqualTo("ab");
    assertThat(Gjson.parse("\"ab\\u12\"").string()).isEqualTo("ab");
    assertThat(Gjson.parse("\"x\\ud800y\"").string()).isEqualTo("x\ufffdy");
    assertThat(Gjson.parse("\"\\/\\b\\f\\r\\t\\\"\\\\\"").string()).isEqualTo("/\b\f\r\t\"\\");
  }

  @Test
  void number_convertsStringsAndBooleans() {
    assertThat(Gjson.parse("\"2.5\"").number()).isEqualTo(2.5);
    assertThat(Gjson.parse("\"abc\"").number()).isZero();
    assertThat(Gjson.parse("\"inf\"").number()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Gjson.parse("\"-Infinity\"").number()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Gjson.parse("\"NaN\"").number()).isNaN();
    assertThat(Gjson.parse("\"+3\"").number()).isEqualTo(3);
    assertThat(Gjson.parse("\"1e\"").number()).isZero();
    assertThat(Gjson.parse("\".\"").number()).isZero();
    assertThat(Gjson.parse("true").number()).isEqualTo(1);
    assertThat(Gjson.parse("null").number()).isZero();
    assertThat(Gjson.parse("[1]").number()).isZero();
  }

  @Test
  void longValue_exactBeyond53BitsAndTruncatesFractions() {
    assertThat(Gjson.parse("9007199254740993").longValue()).isEqualTo(9007199254740993L);
    assertThat(Gjson.parse("-9007199254740993").longValue()).isEqualTo(-9007199254740993L);
    assertThat(Gjson.parse("3.99").longValue()).isEqualTo(3);
    assertThat(Gjson.parse("-3.99").longValue()).isEqualTo(-3);
    assertThat(Gjson.parse("\"-12\"").longValue()).isEqualTo(-12);
    assertThat(Gjson.parse("\"12x\"").longValue()).isZero();
    assertThat(Gjson.parse("\"-\"").longValue()).isZero();
    assertThat(Gjson.parse("true").longValue()).isEqualTo(1);
    assertThat(Gjson.parse("{}").longValue()).isZero();
  }

  @Test
  void bool_trueNonZeroOrParseBool() {
    assertThat(Gjson.parse("true").bool()).isTrue();
    assertThat(Gjson.parse("false").bool()).isFalse();
    assertThat(Gjson.parse("0.5").bool()).isTrue();
    assertThat(Gjson.parse("0").bool()).isFalse();
    assertThat(Gjson.parse("\"T\"").bool()).isTrue();
    assertThat(Gjson.parse("\"yes\"").bool()).isFalse();
    assertThat(Gjson.parse("null").bool()).isFalse();
    assertThat(Gjson.parse("[]").bool()).isFalse();
  }

  @Test
  void array_elementsOrItselfOrNothing() {
    assertThat(Gjson.parse("[1,\"a\",[2],{\"b\":3}]").array())
        .extracting(Result::raw)
        .containsExactly("1", "\"a\"", "[2]", "{\"b\":3}");
    assertThat(Gjson.parse("5").array()).extracting(Result::raw).containsExactly("5");
    assertThat(Gjson.parse("{\"a\":1}").array()).hasSize(1);
    assertThat(Gjson.parse("null").array()).isEmpty();
  }

  @Test
  void map_firstDuplicateWinsAndOrderIsKept() {
    Result r = Gjson.parse("{\"b\":1,\"a\\u0041\":2,\"b\":3}");
    assertThat(r.map().keySet()).containsExactly("b", "aA");
    assertThat(r.map().get("b").raw()).isEqualTo("1");
    assertThat(Gjson.parse("[1]").map()).isEmpty();
  }

  @Test
  void forEach_keysAndValues_stopsWhenTheActionSaysSo() {
    List<String> seen = new ArrayList<>();
    Gjson.parse("{\"a\":1,\"b\":[2],\"c\":3}")
        .forEach(
            (k, v) -> {
              seen.add(k.raw() + "=" + v.raw() + ":" + k.type());
              return !k.string().equals("b");
            });
    assertThat(seen).containsExactly("\"a\"=1:STRING", "\"b\"=[2]:STRING");
    seen.clear();
    Gjson.parse("[\"x\",\"y\"]")
        .forEach(
            (k, v) -> {
              seen.add(k.raw() + "=" + v.string() + ":" + k.type());
              return true;
            });
    assertThat(seen).containsExactly("0=x:NUMBER", "1=y:NUMBER");
    seen.clear();
    Gjson.parse("42")
        .forEach(
            (k, v) -> {
              seen.add(k.exists() + "=" + v.raw());
              return true;
            });
    assertThat(seen).containsExactly("false=42");
  }

  @Test
  void get_appliesAPathToTheResult() {
    Result friend = Gjson.get(GjsonSyntaxDocTest.FRIENDS, "friends.1");
    assertThat(friend.get("nets.#").raw()).isEqualTo("2");
    assertThat(friend.get("@keys").raw()).isEqualTo("[\"first\",\"last\",\"age\",\"nets\"]");
    assertThatThrownBy(() -> friend.get("nets.#(")).isInstanceOf(GjsonSyntaxException.class);
  }

  @Test
  void result_holdsItsOwnCopy() {
    byte[] json = "{\"name\":\"Janet\",\"age\":38}".getBytes(StandardCharsets.UTF_8);
    Result name = Gjson.get(json, "name");
    json[9] = 'T';
    assertThat(name.string()).isEqualTo("Janet");
  }

  @Test
  void equalsAndToString_byTypeAndRaw() {
    assertThat(Gjson.parse("[1, 2]")).isEqualTo(Gjson.parse(" [1, 2]")).hasToString("[1, 2]");
    assertThat(Gjson.parse("[1, 2]")).isNotEqualTo(Gjson.parse("[1,2]"));
    assertThat(Gjson.parse("1").hashCode()).isEqualTo(Gjson.parse("1").hashCode());
    assertThat(Gjson.parse("1")).isNotEqualTo("1");
  }

  @Test
  void parse_firstValueOfTheText() {
    assertThat(Gjson.parse("  {\"a\":1}  ").raw()).isEqualTo("{\"a\":1}  ");
    assertThat(Gjson.parse("12 34").raw()).isEqualTo("12");
    assertThat(Gjson.parse("yikes").exists()).isFalse();
    assertThat(Gjson.parse("").exists()).isFalse();
  }

  @Test
  void escape_escapesEverythingButLettersDigitsAndSafePunctuation() {
    assertThat(Gjson.escape("first.name")).isEqualTo("first\\.name");
    assertThat(Gjson.escape("a-b_c:d é")).isEqualTo("a-b_c:d é");
    assertThat(Gjson.escape("@#*?|![]{}()\"\\"))
        .isEqualTo("\\@\\#\\*\\?\\|\\!\\[\\]\\{\\}\\(\\)\\\"\\\\");
  }

  @Test
  void isValid_checksBytesAndText() {
    assertThat(Gjson.isValid("{\"a\":[1,2,{\"b\":null}]}")).isTrue();
    assertThat(Gjson.isValid("{\"a\":[1,2,{\"b\":null}]")).isFalse();
    assertThat(Gjson.isValid("\"\u0001\"")).isFalse();
    assertThat(Gjson.isValid("[1] [2]")).isFalse();
    assertThat(Gjson.isValid("{\"a\" 1}".getBytes(StandardCharsets.UTF_8))).isFalse();
  }
}
