package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every example of GJSON's README.md and SYNTAX.md (tidwall/gjson) on the "friends" document, with
 * the raw JSON gjson 1.18 returns (where SYNTAX.md abbreviates a friend, the expected value is the
 * document's full object, as gjson returns it).
 */
class GjsonSyntaxDocTest {
  static final String FRIENDS = resource("friends.json");

  static String resource(String name) {
    try (InputStream in = GjsonSyntaxDocTest.class.getResourceAsStream("/gjson/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /gjson/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String raw(String json, String path) {
    return Gjson.get(json, path).raw();
  }

  static String raw(String path) {
    return raw(FRIENDS, path);
  }

  private static final String ROGER =
      "{\"first\": \"Roger\", \"last\": \"Craig\", \"age\": 68, \"nets\": [\"fb\", \"tw\"]}";
  private static final String DALE =
      "{\"first\": \"Dale\", \"last\": \"Murphy\", \"age\": 44, \"nets\": [\"ig\", \"fb\", \"tw\"]}";
  private static final String JANE =
      "{\"first\": \"Jane\", \"last\": \"Murphy\", \"age\": 47, \"nets\": [\"ig\", \"tw\"]}";

  @Test
  void basic_keysAndIndexes() {
    assertThat(raw("name.last")).isEqualTo("\"Anderson\"");
    assertThat(raw("name.first")).isEqualTo("\"Tom\"");
    assertThat(raw("age")).isEqualTo("37");
    assertThat(raw("children")).isEqualTo("[\"Sara\",\"Alex\",\"Jack\"]");
    assertThat(raw("children.0")).isEqualTo("\"Sara\"");
    assertThat(raw("children.1")).isEqualTo("\"Alex\"");
    assertThat(raw("friends.1")).isEqualTo(ROGER);
    assertThat(raw("friends.1.first")).isEqualTo("\"Roger\"");
    assertThat(raw("friends.1.last")).isEqualTo("\"Craig\"");
  }

  @Test
  void wildcards_starAndQuestionMark() {
    assertThat(raw("child*.2")).isEqualTo("\"Jack\"");
    assertThat(raw("c?ildren.0")).isEqualTo("\"Sara\"");
  }

  @Test
  void escape_dotInKey() {
    assertThat(raw("fav\\.movie")).isEqualTo("\"Deer Hunter\"");
  }

  @Test
  void arrays_lengthAndMap() {
    assertThat(raw("friends.#")).isEqualTo("3");
    assertThat(raw("children.#")).isEqualTo("3");
    assertThat(raw("friends.#.age")).isEqualTo("[44,68,47]");
    assertThat(raw("friends.#.first")).isEqualTo("[\"Dale\",\"Roger\",\"Jane\"]");
  }

  @Test
  void queries_firstAndAllMatches() {
    assertThat(raw("friends.#(last==\"Murphy\").first")).isEqualTo("\"Dale\"");
    assertThat(raw("friends.#(last==\"Murphy\")#.first")).isEqualTo("[\"Dale\",\"Jane\"]");
    assertThat(raw("friends.#(age>45)#.last")).isEqualTo("[\"Craig\",\"Murphy\"]");
    assertThat(raw("friends.#(first%\"D*\").last")).isEqualTo("\"Murphy\"");
    assertThat(raw("friends.#(first!%\"D*\").last")).isEqualTo("\"Craig\"");
  }

  @Test
  void queries_onValuesWithoutKey() {
    assertThat(raw("children.#(!%\"*a*\")")).isEqualTo("\"Alex\"");
    assertThat(raw("children.#(%\"*a*\")#")).isEqualTo("[\"Sara\",\"Jack\"]");
  }

  @Test
  void queries_nested() {
    assertThat(raw("friends.#(nets.#(==\"fb\"))#.first")).isEqualTo("[\"Dale\",\"Roger\"]");
  }

  @Test
  void tildeQueries_convertToBooleanBeforeComparing() {
    String vals =
        "{\"vals\": [{ \"a\": 1, \"b\": \"data\" },{ \"a\": 2, \"b\": true },{ \"a\": 3, \"b\":"
            + " false },{ \"a\": 4, \"b\": \"0\" },{ \"a\": 5, \"b\": 0 },{ \"a\": 6, \"b\": \"1\""
            + " },{ \"a\": 7, \"b\": 1 },{ \"a\": 8, \"b\": \"true\" },{ \"a\": 9, \"b\": false"
            + " },{ \"a\": 10, \"b\": null },{ \"a\": 11 }]}";
    assertThat(raw(vals, "vals.#(b==~true)#.a")).isEqualTo("[2,6,7,8]");
    assertThat(raw(vals, "vals.#(b==~false)#.a")).isEqualTo("[3,4,5,9,10,11]");
    assertThat(raw(vals, "vals.#(b==~null)#.a")).isEqualTo("[10,11]");
    assertThat(raw(vals, "vals.#(b==~*)#.a")).isEqualTo("[1,2,3,4,5,6,7,8,9,10]");
    assertThat(raw(vals, "vals.#(b!=~*)#.a")).isEqualTo("[11]");
  }

  @Test
  void dotVsPipe_sameExceptAfterHash() {
    assertThat(raw("friends.0.first")).isEqualTo("\"Dale\"");
    assertThat(raw("friends|0.first")).isEqualTo("\"Dale\"");
    assertThat(raw("friends.0|first")).isEqualTo("\"Dale\"");
    assertThat(raw("friends|0|first")).isEqualTo("\"Dale\"");
    assertThat(raw("friends|#")).isEqualTo("3");
    assertThat(raw("friends.#")).isEqualTo("3");
    assertThat(raw("friends.#(last=\"Murphy\")#")).isEqualTo("[" + DALE + "," + JANE + "]");
    assertThat(raw("friends.#(last=\"Murphy\")#.first")).isEqualTo("[\"Dale\",\"Jane\"]");
    assertThat(Gjson.get(FRIENDS, "friends.#(last=\"Murphy\")#|first").exists()).isFalse();
    assertThat(raw("friends.#(last=\"Murphy\")#.0")).isEqualTo("[]");
    assertThat(raw("friends.#(last=\"Murphy\")#|0")).isEqualTo(DALE);
    assertThat(raw("friends.#(last=\"Murphy\")#.#")).isEqualTo("[]");
    assertThat(raw("friends.#(last=\"Murphy\")#|#")).isEqualTo("2");
  }

  @Test
  void modifiers_reverseAfterDotAndPipe() {
    assertThat(raw("children.@reverse")).isEqualTo("[\"Jack\",\"Alex\",\"Sara\"]");
    assertThat(raw("children.@reverse.0")).isEqualTo("\"Jack\"");
    assertThat(raw("children|@reverse")).isEqualTo("[\"Jack\",\"Alex\",\"Sara\"]");
    assertThat(raw("children|@reverse|0")).isEqualTo("\"Jack\"");
  }

  @Test
  void modifiers_prettyWithSortKeys_likeTheDocument() {
    assertThat(raw("@pretty:{\"sortKeys\":true}"))
        .isEqualTo(
            "{\n"
                + "  \"age\": 37,\n"
                + "  \"children\": [\"Sara\", \"Alex\", \"Jack\"],\n"
                + "  \"fav.movie\": \"Deer Hunter\",\n"
                + "  \"friends\": [\n"
                + "    {\n"
                + "      \"age\": 44,\n"
                + "      \"first\": \"Dale\",\n"
                + "      \"last\": \"Murphy\",\n"
                + "      \"nets\": [\"ig\", \"fb\", \"tw\"]\n"
                + "    },\n"
                + "    {\n"
                + "      \"age\": 68,\n"
                + "      \"first\": \"Roger\",\n"
                + "      \"last\": \"Craig\",\n"
                + "      \"nets\": [\"fb\", \"tw\"]\n"
                + "    },\n"
                + "    {\n"
                + "      \"age\": 47,\n"
                + "      \"first\": \"Jane\",\n"
                + "      \"last\": \"Murphy\",\n"
                + "      \"nets\": [\"ig\", \"tw\"]\n"
                + "    }\n"
                + "  ],\n"
                + "  \"name\": {\n"
                + "    \"first\": \"Tom\",\n"
                + "    \"last\": \"Anderson\"\n"
                + "  }\n"
                + "}\n");
  }

  @Test
  void modifiers_theBuiltInList() {
    assertThat(raw("name|@this")).isEqualTo("{\"first\": \"Tom\", \"last\": \"Anderson\"}");
    assertThat(raw("name|@ugly")).isEqualTo("{\"first\":\"Tom\",\"last\":\"Anderson\"}");
    assertThat(raw("name|@pretty"))
        .isEqualTo("{\n  \"first\": \"Tom\",\n  \"last\": \"Anderson\"\n}\n");
    assertThat(raw("name|@valid")).isEqualTo("{\"first\": \"Tom\", \"last\": \"Anderson\"}");
    assertThat(raw("friends.#.nets|@flatten"))
        .isEqualTo("[\"ig\", \"fb\", \"tw\",\"fb\", \"tw\",\"ig\", \"tw\"]");
    assertThat(raw("[name,{\"age\":age}]|@join"))
        .isEqualTo("{\"first\":\"Tom\",\"last\":\"Anderson\",\"age\":37}");
    assertThat(raw("name|@keys")).isEqualTo("[\"first\",\"last\"]");
    assertThat(raw("name|@values")).isEqualTo("[\"Tom\",\"Anderson\"]");
    assertThat(raw("name.first|@tostr")).isEqualTo("\"\\\"Tom\\\"\"");
    assertThat(raw("name.first|@tostr|@fromstr")).isEqualTo("\"Tom\"");
    assertThat(raw("{\"first\":friends.#.first,\"age\":friends.#.age}|@group"))
        .isEqualTo(
            "[{\"first\":\"Dale\",\"age\":44},{\"first\":\"Roger\",\"age\":68},"
                + "{\"first\":\"Jane\",\"age\":47}]");
    assertThat(raw("@dig:last")).isEqualTo("[\"Anderson\",\"Murphy\",\"Craig\",\"Murphy\"]");
  }

  @Test
  void multipaths_objectWithNamedAndDerivedKeys() {
    assertThat(raw("{name.first,age,\"the_murphys\":friends.#(last=\"Murphy\")#.first}"))
        .isEqualTo("{\"first\":\"Tom\",\"age\":37,\"the_murphys\":[\"Dale\",\"Jane\"]}");
  }

  @Test
  void literals_inAMultipath() {
    assertThat(raw("{name.first,age,\"company\":!\"Happysoft\",\"employed\":!true}"))
        .isEqualTo("{\"first\":\"Tom\",\"age\":37,\"company\":\"Happysoft\",\"employed\":true}");
  }

  @Test
  void readme_gettingStarted() {
    String json = "{\"name\":{\"first\":\"Janet\",\"last\":\"Prichard\"},\"age\":47}";
    assertThat(Gjson.get(json, "name.last").string()).isEqualTo("Prichard");
  }

  @Test
  void readme_jsonLines() {
    String lines =
        "{\"name\": \"Gilbert\", \"age\": 61}\n"
            + "{\"name\": \"Alexa\", \"age\": 34}\n"
            + "{\"name\": \"May\", \"age\": 57}\n"
            + "{\"name\": \"Deloise\", \"age\": 44}\n";
    assertThat(raw(lines, "..#")).isEqualTo("4");
    assertThat(raw(lines, "..1")).isEqualTo("{\"name\": \"Alexa\", \"age\": 34}");
    assertThat(raw(lines, "..3")).isEqualTo("{\"name\": \"Deloise\", \"age\": 44}");
    assertThat(raw(lines, "..#.name")).isEqualTo("[\"Gilbert\",\"Alexa\",\"May\",\"Deloise\"]");
    assertThat(raw(lines, "..#(name=\"May\").age")).isEqualTo("57");
  }

  @Test
  void readme_nestedArrayValuesAndQueryOnObjects() {
    String json =
        "{\"programmers\": [{\"firstName\": \"Janet\", \"lastName\": \"McLaughlin\"},"
            + " {\"firstName\": \"Elliotte\", \"lastName\": \"Hunter\"},"
            + " {\"firstName\": \"Jason\", \"lastName\": \"Harold\"}]}";
    assertThat(Gjson.get(json, "programmers.#.lastName").array())
        .extracting(Result::string)
        .containsExactly("McLaughlin", "Hunter", "Harold");
    assertThat(Gjson.get(json, "programmers.#(lastName=\"Hunter\").firstName").string())
        .isEqualTo("Elliotte");
  }

  @Test
  void readme_simpleParseAndGet_allAgree() {
    String json = FRIENDS;
    assertThat(Gjson.parse(json).get("name").get("last").raw()).isEqualTo("\"Anderson\"");
    assertThat(Gjson.get(json, "name").get("last").raw()).isEqualTo("\"Anderson\"");
    assertThat(Gjson.get(json, "name.last").raw()).isEqualTo("\"Anderson\"");
  }

  @Test
  void readme_checkForExistence() {
    assertThat(Gjson.get(FRIENDS, "name.last").exists()).isTrue();
    assertThat(Gjson.get(FRIENDS, "name.middle").exists()).isFalse();
  }
}
