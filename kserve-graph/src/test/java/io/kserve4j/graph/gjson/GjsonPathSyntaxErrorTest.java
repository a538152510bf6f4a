package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Paths that do not compile: every error the compiler raises, with the position it names and what
 * it says was expected. These are paths gjson would read some silent way (an unclosed bracket, a
 * literal that is not JSON); kserve4j refuses them when the graph is validated.
 */
class GjsonPathSyntaxErrorTest {
  static GjsonSyntaxException error(String path) {
    try {
      GjsonPath.compile(path);
    } catch (GjsonSyntaxException e) {
      return e;
    }
    throw new AssertionError("expected '" + path + "' not to compile");
  }

  static void assertError(String path, int position, String problemPart) {
    GjsonSyntaxException e = error(path);
    assertThat(e.path()).isEqualTo(path);
    assertThat(e.position()).as("position in %s: %s", path, e.problem()).isEqualTo(position);
    assertThat(e.problem()).contains(problemPart);
  }

  @Test
  void message_namesPathPositionProblemAndDrawsACaret() {
    GjsonSyntaxException e = error("friends.#(last==\"Murphy\"");
    assertThat(e)
        .hasMessage(
            "GJSON path 'friends.#(last==\"Murphy\"' at position 9: the query opened here is not"
                + " closed (expected ')')\n"
                + "  friends.#(last==\"Murphy\"\n"
                + "           ^");
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void message_showsControlCharactersAsSpaces() {
    GjsonSyntaxException e = error("a\tb.#(");
    assertThat(e.getMessage()).endsWith("  a b.#(\n       ^");
  }

  @Test
  void query_notClosed() {
    assertError("a.#(b==1", 3, "the query opened here is not closed (expected ')')");
    assertError("a.#[b==1", 3, "the query opened here is not closed (expected ']')");
    assertError("#(b.#(==1)", 1, "not closed");
  }

  @Test
  void query_closedByTheWrongBracket() {
    assertError("#(b==1]", 6, "expected ')' to close the query, found ']'");
    assertError("#[b==1)", 6, "expected ']' to close the query, found ')'");
  }

  @Test
  void query_bangWithoutEqualsOrPercent() {
    assertError("#(b!1)", 3, "expected '!=' or '!%'");
    assertError("#(b!)", 3, "expected '!=' or '!%'");
  }

  @Test
  void query_valueIsNotAValidJsonString() {
    assertError("#(b==\"\\x\")", 5, "the query's value \"\\x\" is not a valid JSON string");
  }

  @Test
  void query_stringNotClosed() {
    assertError("#(b==\"x)", 5, "the string starting here is not closed");
  }

  @Test
  void query_escapeAtTheEnd() {
    assertError("#(b\\", 3, "'\\' at the end of the path escapes nothing");
  }

  @Test
  void query_followedByJunk() {
    assertError("a.#(b==1)x", 9, "expected '.', '|' or '#' after the query, found 'x'");
    assertError("a.#(b==1)#x", 10, "expected '.', '|' or '#' after the query, found 'x'");
  }

  @Test
  void key_escapeAtTheEnd() {
    assertError("a.b\\", 3, "'\\' at the end of the path escapes nothing");
  }

  @Test
  void multipath_notClosed() {
    assertError("[a,b", 0, "'[' is not closed (expected ']')");
    assertError("x|{a,b", 2, "'{' is not closed (expected '}')");
    assertError("a.[", 2, "'[' is not closed");
    assertError("[", 0, "'[' is not closed");
  }

  @Test
  void multipath_wrongOrUnbalancedClose() {
    assertError("[a}", 2, "expected ',' or ']', found '}'");
    assertError("{a]", 2, "expected ',' or '}', found ']'");
    assertError("[a.#(b]", 6, "unexpected ']' (expected ')')");
  }

  @Test
  void multipath_stringOrEscapeNotClosed() {
    assertError("[\"a]", 1, "the string starting here is not closed");
    assertError("[a\\", 2, "'\\' at the end of the path escapes nothing");
  }

  @Test
  void multipath_followedByJunk() {
    assertError("[a,b]x", 5, "expected '.' or '|' after ']', found 'x'");
  }

  @Test
  void multipath_memberNameThatLooksLikeAModifier() {
    assertError("{@dig:name}", 1, "GJSON reads '@dig' before ':' as the member's name");
    assertError("{@dig:name}", 1, "write \"name\":@dig:name instead");
    assertError("[@dig:name]", 1, "write @this|@dig:name instead");
  }

  @Test
  void multipath_quotedNameNotAValidJsonString() {
    assertError("{\"a\rb\":c}", 1, "the member name \"a\rb\" is not a valid JSON string");
    assertError("{\"a\"b:c}", 1, "is not a valid JSON string");
  }

  @Test
  void literal_nothingAfterBang() {
    assertError("!", 0, "expected a JSON literal after '!'");
    assertError("[!]", 1, "expected a JSON literal after '!'");
  }

  @Test
  void literal_containerNotValidJson() {
    assertError("!{a:1}", 1, "the literal is not valid JSON");
    assertError("![1,]", 1, "the literal is not valid JSON");
    assertError("!{\"a\":1", 1, "'{' is not closed (expected '}')");
  }

  @Test
  void literal_containerFollowedByJunk() {
    assertError("!{\"a\":1}x", 8, "expected '.' or '|' after the literal, found 'x'");
  }

  @Test
  void literal_stringOrNumberNotValid() {
    assertError("!\"a", 1, "the literal is not a valid JSON string");
    assertError("!\"\\x\"", 1, "the literal is not a valid JSON string");
    assertError("!01", 2, "a string or number literal ends its path");
    assertError("!1.", 1, "the literal is not a valid JSON number");
    assertError("!-", 1, "the literal is not a valid JSON number");
  }

  @Test
  void literal_stringOrNumberMustEndThePath() {
    assertError("!\"a\".b", 4, "a string or number literal ends its path");
    assertError("!12|@this", 3, "a string or number literal ends its path");
    assertError("!12|@this", 3, "(GJSON ignores what follows); found '|'");
  }

  @Test
  void literal_nanAndInfAreRefused() {
    assertError("!nan", 0, "!nan is not supported: its raw text is not JSON");
    assertError("!Inf", 0, "!Inf is not supported");
  }

  @Test
  void literal_unknownWordSuggestsEscaping() {
    assertError("!True", 1, "true, false, null (lowercase)");
    assertError("!hello.x", 1, "escape it: \\!hello");
  }

  @Test
  void modifier_argumentNotClosed() {
    assertError("@pretty:{\"sortKeys\":true", 8, "'{' is not closed (expected '}')");
    assertError("@pretty:\"abc", 8, "the string starting here is not closed");
    assertError("@pretty:{\"a\":1]", 14, "unexpected ']' (expected '}')");
    assertError("@pretty:{\"a\":\"x}", 13, "the string starting here is not closed");
  }

  @Test
  void modifier_argumentFollowedByJunk() {
    assertError("@pretty:{\"sortKeys\":true}x", 25, "expected '.' or '|' after @pretty");
  }

  @Test
  void modifier_optionsMustBeAJsonObjectWithKnownKeys() {
    assertError(
        "@pretty:sortKeys", 8, "must be a JSON object with sortKeys, indent, prefix, width");
    assertError("@pretty:{sortKeys:true}", 8, "must be a JSON object");
    assertError("@pretty:[1]", 8, "must be a JSON object");
    assertError("@flatten:{\"deeep\":true}", 9, "@flatten has no option 'deeep' (options: deep)");
    assertError("@join:{\"deep\":true}", 6, "@join has no option 'deep' (options: preserve)");
  }

  @Test
  void modifier_argumentOnAModifierThatTakesNone() {
    assertError("@reverse:x", 9, "@reverse takes no argument");
    assertError("a.@ugly:{}", 8, "@ugly takes no argument");
  }

  @Test
  void modifier_digTakesAPathNotAString() {
    assertError("@dig:\"name\"", 5, "@dig takes a path");
  }

  @Test
  void modifier_digPathIsCompiledToo() {
    assertError("@dig:#(a==1", 6, "'(' is not closed (expected ')')");
    assertError("@dig:a\\", 6, "'\\' at the end of the path escapes nothing");
  }

  @Test
  void nesting_deeperThan512IsRefused() {
    String deep = "a.".repeat(600) + "b";
    GjsonSyntaxException e = error(deep);
    assertThat(e.problem()).isEqualTo("the path nests deeper than 512 levels");
    String brackets = "[".repeat(600) + "]".repeat(600);
    assertThat(error(brackets).problem()).contains("nests deeper than 512");
    assertThat(GjsonPath.compile("a.".repeat(200) + "b").path()).hasSize(401);
  }

  @Test
  void gjsonReadsTheseAsKeys_soTheyCompile() {
    assertThat(Gjson.get("{\"@\":1}", "@").raw()).isEqualTo("1");
    assertThat(Gjson.get("{\"@type\":\"Person\"}", "@type").raw()).isEqualTo("\"Person\"");
    assertThat(Gjson.get("{\"a\":{\"!b\":1}}", "a.!b").raw()).isEqualTo("1");
    assertThat(Gjson.get("{\"#x\":1}", "#x").raw()).isEqualTo("1");
    assertThat(Gjson.get("{\"a(b\":1}", "a(b").raw()).isEqualTo("1");
    assertThat(Gjson.get("{\"!b\":2}", "\\!b").raw()).isEqualTo("2");
    assertThat(Gjson.get("{\"a:b\":3}", "[a\\:b]").raw()).isEqualTo("[3]");
  }
}
