package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases ported from gjson's gjson_test.go (tidwall/gjson 1.18): same paths, same expected values.
 * gjson's "poorly formed on purpose" documents are used here in well-formed versions (kserve4j
 * reads malformed JSON as not existing, see {@link MalformedJsonTest}); the test names say which
 * gjson test each case comes from.
 */
class GjsonPortedTest {
  static String str(String json, String path) {
    return Gjson.get(json, path).string();
  }

  static String raw(String json, String path) {
    return Gjson.get(json, path).raw();
  }

  static boolean exists(String json, String path) {
    return Gjson.get(json, path).exists();
  }

  /** basicJSON, with its two deliberate syntax errors fixed. */
  static final String BASIC =
      "  {\"age\":100, \"name\":{\"here\":\"B\\\\\\\"R\"},\n"
          + "\t\"noop\":{\"what is a wren?\":\"a bird\"},\n"
          + "\t\"happy\":true,\"immortal\":false,\n"
          + "\t\"items\":[1,2,3,{\"tags\":[1,2,3],\"points\":[[1,2],[3,4]]},4,5,6,7],\n"
          + "\t\"arr\":[\"1\",2,\"3\",{\"hello\":\"world\"},\"4\",5],\n"
          + "\t\"vals\":[1,2,3,{\"sadf\":\"asdf\"}],\"name\":{\"first\":\"tom\",\"last\":null},\n"
          + "\t\"created\":\"2014-05-16T08:28:06.989Z\",\n"
          + "\t\"loggy\":{\n"
          + "\t\t\"programmers\": [\n"
          + "\t\t\t{\"firstName\": \"Brett\", \"lastName\": \"McLaughlin\", \"email\": \"aaaa\","
          + " \"tag\": \"good\"},\n"
          + "\t\t\t{\"firstName\": \"Jason\", \"lastName\": \"Hunter\", \"email\": \"bbbb\", \"tag\":"
          + " \"bad\"},\n"
          + "\t\t\t{\"firstName\": \"Elliotte\", \"lastName\": \"Harold\", \"email\": \"cccc\","
          + " \"tag\": \"good\"},\n"
          + "\t\t\t{\"firstName\": 1002.3, \"age\": 101}\n"
          + "\t\t]\n"
          + "\t},\n"
          + "\t\"lastly\":{\"end...ing\":\"soon\",\"yay\":\"final\"}\n"
          + "}";

  static final String README = GjsonSyntaxDocTest.FRIENDS;

  static final String FRIENDS_INFO =
      "{\"info\": {\"friends\": ["
          + "{\"first\": \"Dale\", \"last\": \"Murphy\", \"kind\": \"Person\", \"cust1\": true,"
          + " \"extra\": [10,20,30], \"details\": {\"city\": \"Tempe\", \"state\": \"Arizona\"}},"
          + "{\"first\": \"Roger\", \"last\": \"Craig\", \"kind\": \"Person\", \"cust2\": false,"
          + " \"extra\": [40,50,60], \"details\": {\"city\": \"Phoenix\", \"state\": \"Arizona\"}}"
          + "]}}";

  @Test
  void testEscapePath_escapedWildcardsAndDotsAreLiteral() {
    String json =
        "{\"test\":{\"*\":\"valZ\",\"*v\":\"val0\",\"keyv*\":\"val1\",\"key*v\":\"val2\","
            + "\"keyv?\":\"val3\",\"key?v\":\"val4\",\"keyv.\":\"val5\",\"key.v\":\"val6\","
            + "\"keyk*\":{\"key?\":\"val7\"}}}";
    assertThat(str(json, "test.\\*")).isEqualTo("valZ");
    assertThat(str(json, "test.\\*v")).isEqualTo("val0");
    assertThat(str(json, "test.keyv\\*")).isEqualTo("val1");
    assertThat(str(json, "test.key\\*v")).isEqualTo("val2");
    assertThat(str(json, "test.keyv\\?")).isEqualTo("val3");
    assertThat(str(json, "test.key\\?v")).isEqualTo("val4");
    assertThat(str(json, "test.keyv\\.")).isEqualTo("val5");
    assertThat(str(json, "test.key\\.v")).isEqualTo("val6");
    assertThat(str(json, "test.keyk\\*.key\\?")).isEqualTo("val7");
  }

  @Test
  void testBasic_legacyBracketQueries() {
    assertThat(str(BASIC, "loggy.programmers.#[tag=\"good\"].firstName")).isEqualTo("Brett");
    assertThat(str(BASIC, "loggy.programmers.#[tag=\"good\"]#.firstName"))
        .isEqualTo("[\"Brett\",\"Elliotte\"]");
  }

  @Test
  void testBasic2_queryOperatorsAndMaps() {
    assertThat(str(BASIC, "loggy.programmers.#[age=101].firstName")).isEqualTo("1002.3");
    assertThat(str(BASIC, "loggy.programmers.#[firstName != \"Brett\"].firstName"))
        .isEqualTo("Jason");
    assertThat(str(BASIC, "loggy.programmers.#[firstName % \"Bre*\"].email")).isEqualTo("aaaa");
    assertThat(str(BASIC, "loggy.programmers.#[firstName !% \"Bre*\"].email")).isEqualTo("bbbb");
    assertThat(str(BASIC, "loggy.programmers.#[firstName == \"Brett\"].email")).isEqualTo("aaaa");
    Result loggy = Gjson.get(BASIC, "loggy");
    assertThat(loggy.type()).isEqualTo(JsonType.JSON);
    assertThat(loggy.map()).hasSize(1);
    assertThat(loggy.map().get("programmers").array().get(1).map().get("firstName").string())
        .isEqualTo("Jason");
  }

  @Test
  void testBasic3_chainedGetsAndMaps() {
    assertThat(Gjson.parse(BASIC).get("loggy.programmers").get("1").get("firstName").string())
        .isEqualTo("Jason");
    assertThat(Gjson.parse("-102").number()).isEqualTo(-102);
    assertThat(Gjson.parse("102.2").number()).isEqualTo(102.2);
    assertThat(Gjson.parse("\"hello\"").string()).isEqualTo("hello");
    assertThat(Gjson.parse("\"\\\"he\\nllo\\\"\"").string()).isEqualTo("\"he\nllo\"");
    assertThat(Gjson.get(BASIC, "loggy.programmers.#.firstName").array())
        .extracting(Result::string)
        .containsExactly("Brett", "Jason", "Elliotte", "1002.3");
    Result none = Gjson.get(BASIC, "loggy.programmers.#.asd");
    assertThat(none.type()).isEqualTo(JsonType.JSON);
    assertThat(none.array()).isEmpty();
  }

  @Test
  void testBasic4_countsAndNulls() {
    assertThat(Gjson.get(BASIC, "items.3.tags.#").number()).isEqualTo(3);
    assertThat(Gjson.get(BASIC, "items.3.points.1.#").number()).isEqualTo(2);
    assertThat(Gjson.get(BASIC, "items.#").number()).isEqualTo(8);
    assertThat(Gjson.get(BASIC, "vals.#").number()).isEqualTo(4);
    assertThat(exists(BASIC, "name.last")).isTrue();
    assertThat(str(BASIC, "name.here")).isEqualTo("B\\\"R");
    assertThat(str(BASIC, "arr.#")).isEqualTo("6");
    assertThat(str(BASIC, "arr.3.hello")).isEqualTo("world");
    assertThat(str(BASIC, "name.first")).isEqualTo("tom");
    assertThat(str(BASIC, "name.last")).isEmpty();
    assertThat(Gjson.get(BASIC, "name.last").type()).isEqualTo(JsonType.NULL);
  }

  @Test
  void testBasic5_scalarsAndObjects() {
    assertThat(str(BASIC, "age")).isEqualTo("100");
    assertThat(str(BASIC, "happy")).isEqualTo("true");
    assertThat(str(BASIC, "immortal")).isEqualTo("false");
    assertThat(str(BASIC, "noop")).isEqualTo("{\"what is a wren?\":\"a bird\"}");
    assertThat(exists(BASIC, "")).isFalse();
    assertThat(exists(BASIC, "vals.hello")).isFalse();
  }

  @Test
  void testIsArrayIsObject() {
    assertThat(Gjson.get(BASIC, "loggy").isObject()).isTrue();
    assertThat(Gjson.get(BASIC, "loggy").isArray()).isFalse();
    assertThat(Gjson.get(BASIC, "loggy.programmers").isArray()).isTrue();
    assertThat(Gjson.get(BASIC, "loggy.programmers.#[tag=\"good\"]#.firstName").isArray()).isTrue();
    Result first = Gjson.get(BASIC, "loggy.programmers.0.firstName");
    assertThat(first.isArray()).isFalse();
    assertThat(first.isObject()).isFalse();
  }

  @Test
  void testPlus53BitInts_exactLongs() {
    String json = "{\"IdentityData\":{\"GameInstanceId\":634866135153775564}}";
    Result v = Gjson.get(json, "IdentityData.GameInstanceId");
    assertThat(v.longValue()).isEqualTo(634866135153775564L);
    assertThat(v.number()).isEqualTo(634866135153775616.0);
    json =
        "{\"min_int64\": -9223372036854775808, \"max_int64\": 9223372036854775807,"
            + " \"max_int53\": 2251799813685247, \"overflow_int53\": 2251799813685248,"
            + " \"overflow_int64\": 9223372036854775808}";
    assertThat(Gjson.get(json, "min_int64").longValue()).isEqualTo(Long.MIN_VALUE);
    assertThat(Gjson.get(json, "max_int64").longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(Gjson.get(json, "max_int53").longValue()).isEqualTo(2251799813685247L);
    assertThat(Gjson.get(json, "overflow_int53").longValue()).isEqualTo(2251799813685248L);
    // gjson: "overflows the max int64 by one which will just flip the number to the negative sign"
    assertThat(Gjson.get(json, "overflow_int64").longValue()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void testUnicode_keysAndWildcardsMatchCharactersNotBytes() {
    String json = "{\"key\":0,\"的情况下解\":{\"key\":1,\"的情况\":2}}";
    assertThat(Gjson.get(json, "的情况下解.key").number()).isEqualTo(1);
    assertThat(Gjson.get(json, "的情况下解.的情况").number()).isEqualTo(2);
    assertThat(Gjson.get(json, "的情况下解.的?况").number()).isEqualTo(2);
    assertThat(Gjson.get(json, "的情况下解.的?*").number()).isEqualTo(2);
    assertThat(Gjson.get(json, "的情况下解.*?况").number()).isEqualTo(2);
    assertThat(Gjson.get(json, "的情?下解.*?况").number()).isEqualTo(2);
    assertThat(Gjson.get(json, "的情下解.*?况").number()).isEqualTo(0);
  }

  @Test
  void testEmoji_surrogatePairsDecode() {
    String input =
        "{\"utf8\":\"Example emoji, KO: \\ud83d\\udd13, \\ud83c\\udfc3 OK: \\u2764\\ufe0f \"}";
    assertThat(str(input, "utf8"))
        .isEqualTo("Example emoji, KO: \uD83D\uDD13, \uD83C\uDFC3 OK: ❤️ ");
  }

  @Test
  void testIssue6_arrayOfStrings() {
    String data =
        "{\"code\": 0, \"msg\": \"\", \"data\": {\"sz002024\": {\"qfqday\": [[\"2014-01-02\","
            + " \"8.93\", \"9.03\", \"9.17\", \"8.88\", \"621143.00\"], [\"2014-01-03\", \"9.03\","
            + " \"9.30\", \"9.47\", \"8.98\", \"1624438.00\"]]}}}";
    assertThat(Gjson.get(data, "data.sz002024.qfqday.0").array())
        .extracting(Result::string)
        .containsExactly("2014-01-02", "8.93", "9.03", "9.17", "8.88", "621143.00");
  }

  @Test
  void testSingleArrayValue_arrayOfAScalarIsItself() {
    String json = "{\"key\": \"value\",\"key2\":[1,2,3,4,\"A\"]}";
    assertThat(Gjson.get(json, "key").array()).extracting(Result::string).containsExactly("value");
    assertThat(Gjson.get(json, "key2.#").array()).hasSize(1);
    assertThat(Gjson.get(json, "key3").array()).isEmpty();
  }

  @Test
  void testManyRecursion_hundredLevels() {
    StringBuilder json = new StringBuilder();
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      json.append("{\"a\":");
      path.append(i == 0 ? "a" : ".a");
    }
    json.append("\"b\"").append("}".repeat(100));
    assertThat(str(json.toString(), path.toString())).isEqualTo("b");
  }

  @Test
  void testGetMany47And48_missingIsEmpty() {
    String json = "{\"bar\": {\"id\": 99, \"mybar\": \"my mybar\" }, \"foo\": {\"myfoo\": [605]}}";
    assertThat(str(json, "foo.myfoo")).isEqualTo("[605]");
    assertThat(str(json, "bar.id")).isEqualTo("99");
    assertThat(str(json, "bar.mybar")).isEqualTo("my mybar");
    assertThat(str(json, "bar.mybarx")).isEmpty();
  }

  @Test
  void testResultRawForLiteral() {
    for (String lit : List.of("null", "true", "false")) {
      assertThat(Gjson.parse(lit).raw()).isEqualTo(lit);
    }
  }

  @Test
  void testNullArray_nullAndMissingAreEmpty() {
    assertThat(Gjson.get("{\"data\":null}", "data").array()).isEmpty();
    assertThat(Gjson.get("{}", "data").array()).isEmpty();
    assertThat(Gjson.get("{\"data\":[]}", "data").array()).isEmpty();
    assertThat(Gjson.get("{\"data\":[null]}", "data").array()).hasSize(1);
  }

  @Test
  void testIssue55And58() {
    String json = "{\"one\": {\"two\": 2, \"three\": 3}, \"four\": 4, \"five\": 5}";
    assertThat(str(json, "four")).isEqualTo("4");
    assertThat(str(json, "one.two")).isEqualTo("2");
    assertThat(str(json, "one.six")).isEmpty();
    assertThat(raw("{\"data\":[{\"uid\": 1},{\"uid\": 2}]}", "data.#[uid!=1]"))
        .isEqualTo("{\"uid\": 2}");
  }

  @Test
  void testObjectGrouping_mapSkipsElementsWithoutTheKey() {
    String json = "[true, {\"name\":\"tom\"}, false, {\"name\":\"janet\"}, null]";
    assertThat(str(json, "#.name")).isEqualTo("[\"tom\",\"janet\"]");
  }

  @Test
  void testJSONLines() {
    String json =
        "\ntrue\nfalse\n{\"name\":\"tom\"}\n[1,2,3,4,5]\n{\"name\":\"janet\"}\nnull\n12930.1203\n\t";
    assertThat(str(json, "..#")).isEqualTo("7");
    assertThat(str(json, "..0")).isEqualTo("true");
    assertThat(str(json, "..2.name")).isEqualTo("tom");
    assertThat(str(json, "..#.name")).isEqualTo("[\"tom\",\"janet\"]");
    assertThat(str(json, "..6")).isEqualTo("12930.1203");
    assertThat(str(json, "..7")).isEmpty();
  }

  @Test
  void testNumStrings_integersKeepTheirDigits() {
    assertThat(str("{\"data\":  [  9007199254740993, \"hello\" ] }", "data.0"))
        .isEqualTo("9007199254740993");
    assertThat(str("{\"data\":[ \"hello\", -9007199254740993 ]}", "data.1"))
        .isEqualTo("-9007199254740993");
    assertThat(str("{\"data\":[ \"hello\", \"900719925474099301239109123101\" ]}", "data.1"))
        .isEqualTo("900719925474099301239109123101");
  }

  @Test
  void testDuplicateKeys_getAndMapAgreeOnTheFirst() {
    String json = "{\"name\": \"Alex\",\"name\": \"Peter\"}";
    assertThat(Gjson.parse(json).get("name").string())
        .isEqualTo(Gjson.parse(json).map().get("name").string())
        .isEqualTo("Alex");
    assertThat(Gjson.isValid(json)).isTrue();
  }

  @Test
  void testModifier_prettyReverseUglyRoundTrip() {
    String json = "{\"other\":{\"hello\":\"world\"},\"arr\":[1,2,3,4,5,6]}";
    String pretty = str(json, "@pretty:{\"sortKeys\":true}");
    assertThat(pretty)
        .isEqualTo(
            "{\n  \"arr\": [1, 2, 3, 4, 5, 6],\n  \"other\": {\n    \"hello\": \"world\"\n  }\n}\n");
    assertThat(str(pretty, "@pretty|@reverse|@ugly")).isEqualTo(json);
    assertThat(str(json, "@this")).isEqualTo(json);
    assertThat(str(json, "other.@this")).isEqualTo("{\"hello\":\"world\"}");
    assertThat(str(json, "@pretty|@reverse|arr|@reverse|2")).isEqualTo("4");
  }

  @Test
  void testChaining_pipes() {
    String json = FRIENDS_INFO;
    assertThat(str(json, "info.friends|0|first")).isEqualTo("Dale");
    assertThat(str(json, "info.friends|@reverse|0|first")).isEqualTo("Roger");
    assertThat(str(json, "@ugly|i\\nfo|friends.0.first")).isEqualTo("Dale");
  }

  @Test
  void testArrayEx_mapsOfQueriesAndCounts() {
    String json = "[{\"c\":[{\"a\":10.11}]}, {\"c\":[{\"a\":11.11}]}]";
    assertThat(str(json, "@ugly|#.c.#[a=10.11]")).isEqualTo("[{\"a\":10.11}]");
    assertThat(str(json, "@ugly|#.c.#")).isEqualTo("[1,1]");
    assertThat(str(json, "@reverse|0|c|0|a")).isEqualTo("11.11");
    assertThat(str(json, "#.c|#")).isEqualTo("2");
  }

  @Test
  void testPipeDotMixing() {
    String json = FRIENDS_INFO;
    assertThat(str(json, "info.friends.#[first=\"Dale\"].last")).isEqualTo("Murphy");
    assertThat(str(json, "info|friends.#[first=\"Dale\"].last")).isEqualTo("Murphy");
    assertThat(str(json, "info|friends.#[first=\"Dale\"]|last")).isEqualTo("Murphy");
    assertThat(str(json, "info|friends|#[first=\"Dale\"]|last")).isEqualTo("Murphy");
    assertThat(str(json, "@ugly|info|friends|#[first=\"Dale\"]|last")).isEqualTo("Murphy");
    assertThat(str(json, "@ugly|info.@ugly|friends|#[first=\"Dale\"]|last")).isEqualTo("Murphy");
    assertThat(str(json, "@ugly.info|@ugly.friends|#[first=\"Dale\"]|last")).isEqualTo("Murphy");
  }

  @Test
  void testDeepSelectors() {
    String json = FRIENDS_INFO;
    assertThat(str(json, "info.friends.#[first=\"Dale\"].extra.0")).isEqualTo("10");
    assertThat(str(json, "info.friends.#[first=\"Dale\"].extra|0")).isEqualTo("10");
    assertThat(str(json, "info.friends.#[first=\"Dale\"]|extra|0")).isEqualTo("10");
    assertThat(str(json, "info.friends.#[details.city=\"Tempe\"].last")).isEqualTo("Murphy");
    assertThat(str(json, "info.friends.#[details.city=\"Phoenix\"].last")).isEqualTo("Craig");
    assertThat(str(json, "info.friends.#[details.state=\"Arizona\"].last")).isEqualTo("Murphy");
  }

  @Test
  void testMultiArrayEx() {
    String json = FRIENDS_INFO;
    assertThat(str(json, "info.friends.#[kind=\"Person\"]#.kind|0")).isEqualTo("Person");
    assertThat(str(json, "info.friends.#.kind|0")).isEqualTo("Person");
    assertThat(str(json, "info.friends.#[kind=\"Person\"]#.kind"))
        .isEqualTo("[\"Person\",\"Person\"]");
    assertThat(str(json, "info.friends.#.kind")).isEqualTo("[\"Person\",\"Person\"]");
    assertThat(str(json, "info.friends.#[kind=\"Person\"]#|kind")).isEmpty();
    assertThat(str(json, "info.friends.#|kind")).isEmpty();
    assertThat(str(json, "i*.f*.#[kind=\"Other\"]#")).isEqualTo("[]");
  }

  @Test
  void testQueries_numbersStringsAndBooleans() {
    String json = FRIENDS_INFO;
    assertThat(exists(json, "i*.f*.#[extra.0<11].first")).isTrue();
    assertThat(exists(json, "i*.f*.#[extra.0<=11].first")).isTrue();
    assertThat(exists(json, "i*.f*.#[extra.0<10].first")).isFalse();
    assertThat(exists(json, "i*.f*.#[extra.0<=10].first")).isTrue();
    assertThat(exists(json, "i*.f*.#[extra.0=10].first")).isTrue();
    assertThat(exists(json, "i*.f*.#[extra.0=11].first")).isFalse();
    assertThat(str(json, "i*.f*.#[extra.0!=10].first")).isEqualTo("Roger");
    assertThat(str(json, "i*.f*.#[extra.0>10].first")).isEqualTo("Roger");
    assertThat(str(json, "i*.f*.#[extra.0>=10].first")).isEqualTo("Dale");
    assertThat(exists(json, "i*.f*.#[extra.0<\"11\"].first")).isTrue();
    assertThat(str(json, "i*.f*.#[first>\"Dale\"].last")).isEqualTo("Craig");
    assertThat(str(json, "i*.f*.#[first>=\"Dale\"].last")).isEqualTo("Murphy");
    assertThat(str(json, "i*.f*.#[first=\"Dale\"].last")).isEqualTo("Murphy");
    assertThat(str(json, "i*.f*.#[first!=\"Dale\"].last")).isEqualTo("Craig");
    assertThat(exists(json, "i*.f*.#[first<\"Dale\"].last")).isFalse();
    assertThat(exists(json, "i*.f*.#[first<=\"Dale\"].last")).isTrue();
    assertThat(exists(json, "i*.f*.#[first%\"Da*\"].last")).isTrue();
    assertThat(exists(json, "i*.f*.#[first%\"Dale\"].last")).isTrue();
    assertThat(str(json, "i*.f*.#[first%\"*a*\"]#|#")).isEqualTo("1");
    assertThat(str(json, "i*.f*.#[first%\"*e*\"]#|#")).isEqualTo("2");
    assertThat(str(json, "i*.f*.#[first!%\"*e*\"]#|#")).isEqualTo("0");
    assertThat(str(json, "i*.f*.#[cust1=true].first")).isEqualTo("Dale");
    assertThat(str(json, "i*.f*.#[cust2=false].first")).isEqualTo("Roger");
    assertThat(str(json, "i*.f*.#[cust1!=false].first")).isEqualTo("Dale");
    assertThat(str(json, "i*.f*.#[cust2!=true].first")).isEqualTo("Roger");
    assertThat(exists(json, "i*.f*.#[cust1>true].first")).isFalse();
    assertThat(exists(json, "i*.f*.#[cust1>=true].first")).isTrue();
    assertThat(exists(json, "i*.f*.#[cust2<false].first")).isFalse();
    assertThat(exists(json, "i*.f*.#[cust2<=false].first")).isTrue();
  }

  @Test
  void testQueryArrayValues_typesDecideTheComparison() {
    String json =
        "{\"artists\": [[\"Bob Dylan\"], \"John Lennon\", \"Mick Jagger\", \"Elton John\","
            + " \"Michael Jackson\", \"John Smith\", true, 123, 456, false, null]}";
    assertThat(str(json, "a*.#[0=\"Bob Dylan\"]#|#")).isEqualTo("1");
    assertThat(str(json, "a*.#[0=\"Bob Dylan 2\"]#|#")).isEqualTo("0");
    assertThat(str(json, "a*.#[%\"John*\"]#|#")).isEqualTo("2");
    assertThat(str(json, "a*.#[_%\"John*\"]#|#")).isEqualTo("0");
    assertThat(str(json, "a*.#[=\"123\"]#|#")).isEqualTo("1");
  }

  @Test
  void testParenQueries() {
    String json = "{\"friends\": [{\"a\":10},{\"a\":20},{\"a\":30},{\"a\":40}]}";
    assertThat(Gjson.get(json, "friends.#(a>9)#|#").longValue()).isEqualTo(4);
    assertThat(Gjson.get(json, "friends.#(a>10)#|#").longValue()).isEqualTo(3);
    assertThat(Gjson.get(json, "friends.#(a>40)#|#").longValue()).isEqualTo(0);
  }

  @Test
  void testSubSelectors_namesKeysAndNesting() {
    String json = FRIENDS_INFO;
    assertThat(str(json, "[]")).isEqualTo("[]");
    assertThat(str(json, "{}")).isEqualTo("{}");
    String res =
        str(
            json,
            "{abc:info.friends.0.first,info.friends.1.last,\"abc\":info.friends.1.kind,"
                + "{123:info.friends.1.cust2},[info.friends.#[details.city=\"Phoenix\"]#|#]}"
                + ".@pretty.@ugly");
    assertThat(res)
        .isEqualTo(
            "{\"abc\":\"Dale\",\"last\":\"Craig\",\"abc\":\"Person\",\"_\":{\"123\":false},"
                + "\"_\":[1]}");
    assertThat(str(res, "abc")).isEqualTo("Dale");
    assertThat(str(res, "@reverse.abc")).isEqualTo("Person");
    assertThat(str(res, "_.123")).isEqualTo("false");
    assertThat(str(res, "@reverse._.0")).isEqualTo("1");
    assertThat(str(json, "info.friends.[0.first,1.extra.0]")).isEqualTo("[\"Dale\",40]");
    assertThat(str(json, "info.friends.#.[first,extra.0]"))
        .isEqualTo("[[\"Dale\",10],[\"Roger\",40]]");
  }

  @Test
  void testArrayCountRawOutput() {
    assertThat(raw("[1,2,3,4]", "#")).isEqualTo("4");
  }

  @Test
  void testParentSubQuery_nestedQueryInAllMatches() {
    String json =
        "{\"topology\": {\"instances\": [{\"service_version\": \"1.2.3\", \"service_locale\":"
            + " {\"lang\": \"en\"}, \"service_roles\": [\"one\", \"two\"]}, {\"service_version\":"
            + " \"1.2.4\", \"service_locale\": {\"lang\": \"th\"}, \"service_roles\": [\"three\","
            + " \"four\"]}, {\"service_version\": \"1.2.2\", \"service_locale\": {\"lang\":"
            + " \"en\"}, \"service_roles\": [\"one\"]}]}}";
    assertThat(str(json, "topology.instances.#( service_roles.#(==\"one\"))#.service_version"))
        .isEqualTo("[\"1.2.3\",\"1.2.2\"]");
  }

  @Test
  void testSingleModifier_unknownModifierNameIsAKey() {
    String data = "{\"@key\": \"value\"}";
    assertThat(str(data, "@key")).isEqualTo("value");
    assertThat(str(data, "\\@key")).isEqualTo("value");
  }

  @Test
  void testIssue141_multipathInAMap() {
    String json =
        "{\"data\": [{\"q\": 11, \"w\": 12}, {\"q\": 21, \"w\": 22}, {\"q\": 31, \"w\": 32} ],"
            + " \"sql\": \"some stuff here\"}";
    assertThat(Gjson.get(json, "data.#").longValue()).isEqualTo(3);
    assertThat(raw(json, "data.#.{q}|@ugly")).isEqualTo("[{\"q\":11},{\"q\":21},{\"q\":31}]");
    assertThat(raw(json, "data.#.q|@ugly")).isEqualTo("[11,21,31]");
  }

  @Test
  void testFlatten_shallowAndDeep() {
    String json = "[1,[2],[3,4],[5,[6,[7]]],{\"hi\":\"there\"},8,[9]]";
    assertThat(str(json, "@flatten")).isEqualTo("[1,2,3,4,5,[6,[7]],{\"hi\":\"there\"},8,9]");
    assertThat(str(json, "@flatten:{\"deep\":true}"))
        .isEqualTo("[1,2,3,4,5,6,7,{\"hi\":\"there\"},8,9]");
    assertThat(str("{\"9999\":1234}", "@flatten")).isEqualTo("{\"9999\":1234}");
    assertThat(raw("[[1],[2,[[],[3]],[4,[5],[],[[[6]]]]]]", "@flatten:{\"deep\":true}"))
        .isEqualTo("[1,2,3,4,5,6]");
  }

  @Test
  void testJoin_lastValueWinsUnlessPreserved() {
    assertThat(str("[{},{}]", "@join")).isEqualTo("{}");
    assertThat(str("[{\"a\":1},{\"b\":2}]", "@join")).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(str("[{\"a\":1,\"b\":1},{\"b\":2}]", "@join")).isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(str("[{\"a\":1,\"b\":1},{\"b\":2},5,{\"c\":3}]", "@join"))
        .isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
    assertThat(str("[{\"a\":1,\"b\":1},{\"b\":2},5,{\"c\":3}]", "@join:{\"preserve\":true}"))
        .isEqualTo("{\"a\":1,\"b\":1,\"b\":2,\"c\":3}");
    assertThat(str("[{\"a\":1,\"b\":1},{\"b\":2},5,{\"c\":3}]", "@join:{\"preserve\":true}.b"))
        .isEqualTo("1");
    assertThat(str("{\"9999\":1234}", "@join")).isEqualTo("{\"9999\":1234}");
  }

  @Test
  void testValid() {
    assertThat(exists("[{}", "@valid")).isFalse();
    assertThat(exists("[{}]", "@valid")).isTrue();
  }

  @Test
  void testJoin152_flattenThenMap() {
    String json =
        "{\"historical\": {\"summary\": {\"days\": [{\"hours\": [{\"humidity\": {\"value\":"
            + " 92.0}}, {\"humidity\": {\"value\": 92.0}}, {\"humidity\": {\"value\": 91.0}}]},"
            + " {\"hours\": [{\"humidity\": {\"value\": 91.0}}, {\"humidity\": {\"value\":"
            + " 67.0}}]}]}}}";
    assertThat(raw(json, "historical.summary.days.#.hours|@flatten|#.humidity.value"))
        .isEqualTo("[92.0,92.0,91.0,91.0,67.0]");
  }

  @Test
  void testSubpathsWithMultipaths() {
    String json =
        "[{\"a\": 1}, {\"a\": 2, \"values\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}, true,"
            + " [\"a\", \"b\", \"c\", \"d\", \"e\"], 4]";
    assertThat(raw(json, "1.values.@ugly")).isEqualTo("[\"a\",\"b\",\"c\",\"d\",\"e\"]");
    assertThat(raw(json, "1.values.[0,3]")).isEqualTo("[\"a\",\"d\"]");
    assertThat(raw(json, "3.@ugly")).isEqualTo("[\"a\",\"b\",\"c\",\"d\",\"e\"]");
    assertThat(raw(json, "3.[0,3]")).isEqualTo("[\"a\",\"d\"]");
    assertThat(raw(json, "#.@ugly"))
        .isEqualTo(
            "[{\"a\":1},{\"a\":2,\"values\":[\"a\",\"b\",\"c\",\"d\",\"e\"]},true,"
                + "[\"a\",\"b\",\"c\",\"d\",\"e\"],4]");
    assertThat(raw(json, "#.[0,3]")).isEqualTo("[[],[],[],[\"a\",\"d\"],[]]");
  }

  @Test
  void testPipeEmptyArray_allMatchesOfNothingIsEmptyArray() {
    assertThat(raw("[]", "#(hello)#")).isEqualTo("[]");
  }

  @Test
  void testEncodedQueryString_escapesInQueryValues() {
    String json =
        "{\"friends\": [{\"first\": \"Dale\", \"last\": \"Mur\\nphy\", \"age\": 44},"
            + " {\"first\": \"Roger\", \"last\": \"Craig\", \"age\": 68},"
            + " {\"first\": \"Jane\", \"last\": \"Murphy\", \"age\": 47}]}";
    assertThat(Gjson.get(json, "friends.#(last==\"Mur\\nphy\").age").longValue()).isEqualTo(44);
    assertThat(Gjson.get(json, "friends.#(last==\"Murphy\").age").longValue()).isEqualTo(47);
  }

  @Test
  void testTildeQueries_allEightForms() {
    String json =
        "{\"vals\": [{ \"a\": 1, \"b\": \"something\" },{ \"a\": 2, \"b\": \"else\" },"
            + "{ \"a\": 3, \"b\": false },{ \"a\": 4, \"b\": \"0\" },{ \"a\": 5, \"b\": 0 },"
            + "{ \"a\": 6, \"b\": \"1\" },{ \"a\": 7, \"b\": 1 },{ \"a\": 8, \"b\": \"true\" },"
            + "{ \"a\": 9, \"b\": false },{ \"a\": 10, \"b\": null },{ \"a\": 11 }],"
            + " \"anything\": \"else\"}";
    assertThat(raw(json, "vals.#(b==~true)#.a")).isEqualTo("[6,7,8]");
    assertThat(raw(json, "vals.#(b!=~true)#.a")).isEqualTo("[1,2,3,4,5,9,10,11]");
    assertThat(raw(json, "vals.#(b==~false)#.a")).isEqualTo("[3,4,5,9,10,11]");
    assertThat(raw(json, "vals.#(b!=~false)#.a")).isEqualTo("[1,2,6,7,8]");
    assertThat(raw(json, "vals.#(b==~null)#.a")).isEqualTo("[10,11]");
    assertThat(raw(json, "vals.#(b!=~null)#.a")).isEqualTo("[1,2,3,4,5,6,7,8,9]");
    assertThat(raw(json, "vals.#(b==~*)#.a")).isEqualTo("[1,2,3,4,5,6,7,8,9,10]");
    assertThat(raw(json, "vals.#(b!=~*)#.a")).isEqualTo("[11]");
  }

  @Test
  void testIssue240_arrayOfAnObjectIsOneElement() {
    String nonArray = "{\"params\": {\"data\": {\"name\":\"Jason\",\"company\":\"good_company\"}}}";
    assertThat(Gjson.parse(nonArray).get("params.data").array()).hasSize(1);
    String array = "{\"params\": {\"data\": [{\"name\":\"Jason\",\"company\":\"good_company\"}]}}";
    assertThat(Gjson.parse(array).get("params.data").array()).hasSize(1);
  }

  @Test
  void testKeysValuesModifier() {
    String json =
        "{\"1300014\": {\"code\": \"1300014\", \"price\": 59.18},"
            + " \"1300015\": {\"code\": \"1300015\", \"price\": 43.31}}";
    assertThat(str(json, "@keys")).isEqualTo("[\"1300014\",\"1300015\"]");
    assertThat(str("", "@keys")).isEqualTo("[]");
    assertThat(str("\"hello\"", "@keys")).isEqualTo("[null]");
    assertThat(str("[]", "@keys")).isEqualTo("[]");
    assertThat(str("[1,2,3]", "@keys")).isEqualTo("[null,null,null]");
    assertThat(str(json, "@values.#.code")).isEqualTo("[\"1300014\",\"1300015\"]");
    assertThat(str("", "@values")).isEqualTo("[]");
    assertThat(str("\"hello\"", "@values")).isEqualTo("[\"hello\"]");
    assertThat(str("[]", "@values")).isEqualTo("[]");
    assertThat(str("[1,2,3]", "@values")).isEqualTo("[1,2,3]");
  }

  @Test
  void testEmptyValueQuery_notEqualToNothing() {
    assertThat(raw("[\"ig\",\"\",\"tw\",\"fb\",\"tw\",\"ig\",\"tw\"]", "#(!=\"\")#"))
        .isEqualTo("[\"ig\",\"tw\",\"fb\",\"tw\",\"ig\",\"tw\"]");
    assertThat(raw("[\"ig\",\"\",\"tw\",\"fb\",\"tw\",\"ig\",\"tw\"]", "#(!=)#"))
        .isEqualTo("[\"ig\",\"tw\",\"fb\",\"tw\",\"ig\",\"tw\"]");
  }

  @Test
  void testStaticJSON_literals() {
    String json = "{\"name\": {\"first\": \"Tom\", \"last\": \"Anderson\"}}";
    assertThat(raw(json, "\"bar\"")).isEmpty();
    assertThat(raw(json, "!\"bar\"")).isEqualTo("\"bar\"");
    assertThat(raw(json, "!{\"name\":{\"first\":\"Tom\"}}.{name.first}.first"))
        .isEqualTo("\"Tom\"");
    assertThat(raw(json, "{name.last,\"foo\":!\"bar\"}"))
        .isEqualTo("{\"last\":\"Anderson\",\"foo\":\"bar\"}");
    assertThat(raw(json, "{name.last,\"foo\":!{\"a\":\"b\"},\"that\"}"))
        .isEqualTo("{\"last\":\"Anderson\",\"foo\":{\"a\":\"b\"}}");
    assertThat(raw(json, "{name.last,\"foo\":!{\"c\":\"d\"},!\"that\"}"))
        .isEqualTo("{\"last\":\"Anderson\",\"foo\":{\"c\":\"d\"},\"_\":\"that\"}");
    // gjson's case adds !inf, !nan and !hello, which kserve4j refuses (GjsonPathSyntaxErrorTest).
    assertThat(
            raw(
                json,
                "[!true,!false,!null,{\"name\":!\"andy\",name.last},+inf,![\"any\",\"thing\"]]"))
        .isEqualTo(
            "[true,false,null,{\"name\":\"andy\",\"last\":\"Anderson\"},[\"any\",\"thing\"]]");
  }

  @Test
  void testArrayKeys_forEachGivesIndexes() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      json.append(i == 0 ? "" : ",").append(i);
    }
    json.append("]");
    List<Long> keys = new ArrayList<>();
    Gjson.parse(json.toString())
        .forEach(
            (key, value) -> {
              assertThat(value.longValue()).isEqualTo(keys.size());
              keys.add(key.longValue());
              return true;
            });
    assertThat(keys).hasSize(100).startsWith(0L, 1L, 2L).endsWith(99L);
  }

  @Test
  void testToFromStr() {
    String json = "{\"Message\":\"{\\\"Records\\\":[{\\\"eventVersion\\\":\\\"2.1\\\"}]}\"}";
    assertThat(raw(json, "Message.@fromstr.Records.#.eventVersion.@tostr"))
        .isEqualTo("[\"\\\"2.1\\\"\"]");
  }

  @Test
  void testGroup() {
    assertThat(raw("{\"id\":[\"123\",\"456\",\"789\"],\"val\":[2,1]}", "@group"))
        .isEqualTo("[{\"id\":\"123\",\"val\":2},{\"id\":\"456\",\"val\":1},{\"id\":\"789\"}]");
    String json =
        "{\"issues\": [{\"fields\": {\"labels\": [\"milestone_1\", \"group:foo\", \"plan:a\","
            + " \"plan:b\"]}, \"id\": \"123\"},{\"fields\": {\"labels\": [\"milestone_1\","
            + " \"group:foo\", \"plan:a\", \"plan\"]}, \"id\": \"456\"}]}";
    assertThat(
            raw(
                json,
                "{\"id\":issues.#.id,\"plans\":issues.#.fields.labels.#(%\"plan:*\")#|#.#}"
                    + "|@group|#(plans>=2)#.id"))
        .isEqualTo("[\"123\"]");
  }

  @Test
  void testDeepModifierWithOptions_prettyInsideMaps() {
    String json = "{\"x\":[{\"y\":[{\"z\":{\"b\":1, \"c\": 2, \"a\": 3}}]}]}";
    assertThat(raw(json, "x.#.y.#.z.@pretty:{\"sortKeys\":true}"))
        .isEqualTo("[[{\n  \"a\": 3,\n  \"b\": 1,\n  \"c\": 2\n}\n]]");
  }

  @Test
  void testIssue301_indexVersusMultipath() {
    String json = "{\"children\": [\"Sara\",\"Alex\",\"Jack\"], \"fav.movie\": [\"Deer Hunter\"]}";
    assertThat(str(json, "children.0")).isEqualTo("Sara");
    assertThat(str(json, "children.[0]")).isEqualTo("[\"Sara\"]");
    assertThat(str(json, "children.1")).isEqualTo("Alex");
    assertThat(str(json, "children.[1]")).isEqualTo("[\"Alex\"]");
    assertThat(str(json, "children.[10]")).isEqualTo("[]");
    assertThat(str(json, "fav\\.movie.0")).isEqualTo("Deer Hunter");
    assertThat(str(json, "fav\\.movie.[0]")).isEqualTo("[\"Deer Hunter\"]");
    assertThat(str(json, "fav\\.movie.1")).isEmpty();
    assertThat(str(json, "fav\\.movie.[1]")).isEqualTo("[]");
  }

  @Test
  void testModDig_searchesEveryLevel() {
    String json =
        "{\"group\": {\"issues\": [{\"fields\": {\"labels\": [\"milestone_1\", \"group:foo\"]},"
            + " \"refid\": \"123\"},{\"fields\": {\"labels\": [\"milestone_2\", \"group:foo\"]},"
            + " \"refid\": \"456\"},[{\"extra_deep\":[{\"fields\": {\"labels\": [\"milestone_3\","
            + " \"group:foo\"]}, \"refid\": \"789\"}]}]]}}";
    assertThat(str(json, "group.@dig:#(refid=123)|0.fields.labels.0")).isEqualTo("milestone_1");
    assertThat(str(json, "group.@dig:#(refid=456)|0.fields.labels.0")).isEqualTo("milestone_2");
    assertThat(str(json, "group.@dig:#(refid=789)|0.fields.labels.0")).isEqualTo("milestone_3");
    json =
        "{ \"something\": {\"anything\": {\"abcdefg\": {\"finally\": {\"important\": {\"secret\":"
            + " \"password\",\"name\": \"jake\"}},\"name\": \"melinda\"}}}}";
    assertThat(str(json, "@dig:name")).isEqualTo("[\"melinda\",\"jake\"]");
    assertThat(str(json, "@dig:secret")).isEqualTo("[\"password\"]");
  }

  @Test
  void testEscape_keysWithDotsNeedEscaping() {
    String json = "{\"user\":{\"first.name\": \"Janet\",\"last.name\": \"Prichard\"}}";
    Result user = Gjson.get(json, "user");
    assertThat(user.get(Gjson.escape("first.name")).string()).isEqualTo("Janet");
    assertThat(user.get(Gjson.escape("last.name")).string()).isEqualTo("Prichard");
    assertThat(user.get("first.name").string()).isEmpty();
  }

  @Test
  void testTypes_conversionsFollowGjson() {
    assertThat(Gjson.parse("\"1\"").bool()).isTrue();
    for (String t : List.of("T", "t", "true", "True", "TRUE", "tRuE")) {
      assertThat(Gjson.parse("\"" + t + "\"").bool()).as(t).isTrue();
    }
    for (String f : List.of("0", "f", "F", "false", "False", "FALSE", "fAlSe", "random")) {
      assertThat(Gjson.parse("\"" + f + "\"").bool()).as(f).isFalse();
    }
    assertThat(Gjson.parse("1").bool()).isTrue();
    assertThat(Gjson.parse("0").bool()).isFalse();
    assertThat(Gjson.parse("\"1\"").longValue()).isEqualTo(1);
    assertThat(Gjson.parse("true").longValue()).isEqualTo(1);
    assertThat(Gjson.parse("false").longValue()).isZero();
    assertThat(Gjson.parse("\"1\"").number()).isEqualTo(1);
    assertThat(Gjson.parse("true").number()).isEqualTo(1);
    assertThat(Gjson.parse("false").number()).isZero();
  }

  @Test
  void testValidBasic_rfc8259() {
    for (String valid :
        List.of(
            "0",
            "0.0",
            "10.0",
            "10e1",
            "10E123",
            "10E-123",
            "10E-0123",
            "{}",
            "-1",
            "-1.0",
            " -1.0 ",
            "true",
            " true ",
            "false",
            "null",
            " []",
            " [true]",
            " [ true, null ]",
            "{\"hello\":\"world\"}",
            "{ \"hello\": \"world\" }",
            "{\"a\":\"b\",\"a\":1}",
            "\"\"",
            "\"\\n\"",
            "\"\\\\\"",
            "\"a\\\\b\\\\\\\"a\"",
            "\"a\\\\b\\\\\\uFFAAa\"")) {
      assertThat(Gjson.isValid(valid)).as(valid).isTrue();
    }
    for (String invalid :
        List.of(
            "00",
            "-00",
            "-.",
            "-.123",
            "10EE",
            "10E-",
            "10E+",
            "",
            " ",
            "{",
            "-",
            "-1.",
            "-1.0 i",
            " True ",
            " tru",
            " False ",
            " Null ",
            " [ true,]",
            "{ \"hello\": \"world\", }",
            "{\"a\":\"b\",}",
            "{\"a\":\"b\",\"a\"}",
            "{\"a\":\"b\",\"a\":}",
            "{\"a\":\"b\",2\"1\":2}",
            "\"",
            "\"\\\"",
            "\"a\\\\b\\\\\\uFFAZa\"",
            "\"a\\\\b\\\\\\uFFA\"",
            "[-]",
            "[-.123]")) {
      assertThat(Gjson.isValid(invalid)).as(invalid).isFalse();
    }
  }
}
