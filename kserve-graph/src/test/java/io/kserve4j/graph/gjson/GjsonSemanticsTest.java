package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * One test per rule of the path compiler and evaluator, so that each branch is pinned by a test
 * named for the behaviour. Every expected value here is what gjson 1.18 (tidwall/gjson) returns for
 * the same document and path.
 */
class GjsonSemanticsTest {
  static void assertPath(String json, String path, String raw) {
    Result r = Gjson.get(json, path);
    assertThat(r.exists()).as("%s exists", path).isTrue();
    assertThat(r.raw()).as(path).isEqualTo(raw);
  }

  static void assertMissing(String json, String path) {
    assertThat(Gjson.get(json, path).exists()).as("%s does not exist", path).isFalse();
  }

  @Test
  void pipe_afterAStepThatFindsNothing_appliesToEmptyText() {
    String json = "{\"a\":{\"x\":1}}";
    assertPath(json, "a.b|!true", "true");
    assertPath(json, "b|!true", "true");
    assertPath(json, "a.b|@keys", "[]");
    assertMissing(json, "b|@this");
    assertPath(json, "b|@tostr", "\"\"");
    assertPath(json, "b|@dig:x", "[]");
    assertPath(json, "b|[!1,x]", "[1]");
    assertMissing(json, "a.b.c|!true");
    assertMissing(json, "z.b|!true");
    assertMissing(json, "a.x.y|!true");
  }

  @Test
  void pipe_afterAQuery() {
    String json = "{\"a\":[{\"b\":1},{\"b\":2}]}";
    assertPath(json, "a.#(b==3)|!true", "true");
    assertMissing(json, "a.#(b==3).!true");
    assertPath(json, "a.#(b==2).!true", "true");
    assertPath(json, "a.#(b==3)#|!true", "true");
    assertPath(json, "a.#(b==3)#.b|#", "[]");
    assertPath(json, "a.#(b==2)#.b|#", "1");
    assertPath(json, "a.#(b==2)#.c|#", "0");
    assertPath(json, "a.#(b==2)#.c|!true", "true");
  }

  @Test
  void pipe_afterAMapOrCount() {
    String json = "{\"a\":[{\"b\":1},{\"b\":2},3]}";
    assertPath(json, "a.#.b|#", "2");
    assertPath(json, "a.#.c|#", "0");
    assertPath(json, "a.#|!true", "true");
    assertPath(json, "a.#.b|0", "1");
    assertPath(json, "[@this].#.a.#.b|@flatten", "[1,2]");
  }

  @Test
  void descent_triesEveryMatchingKeyInTurn() {
    String json = "{\"ab\":{\"x\":1},\"ac\":{\"b\":2},\"ad\":{\"b\":3}}";
    assertPath(json, "a*.b", "2");
    assertPath(json, "a?.b", "2");
    assertMissing(json, "a*|b");
    assertPath(json, "a*.x", "1");
    assertMissing(json, "a*.@this.b");
  }

  @Test
  void descent_triesDuplicateKeysInTurn() {
    String json = "{\"a\":{\"x\":1},\"a\":{\"b\":2}}";
    assertPath(json, "a.b", "2");
    assertMissing(json, "a|b");
    assertPath(json, "a.x", "1");
    assertPath(json, "a", "{\"x\":1}");
  }

  @Test
  void descent_intoAScalarFindsNothing() {
    String json = "{\"a\":\"text\",\"b\":[1,2]}";
    assertMissing(json, "a.b");
    assertMissing(json, "a.0");
    assertMissing(json, "b.0.x");
    assertMissing(json, "b.5");
    assertMissing(json, "b.x");
  }

  @Test
  void hashOnAnObject_isTheKeyHash() {
    String json = "{\"#\":{\"a\":1},\"k\":{\"#\":5}}";
    assertPath(json, "#", "{\"a\":1}");
    assertPath(json, "#.a", "1");
    assertPath(json, "k.#", "5");
    assertPath(json, "k|#", "5");
    assertMissing(json, "#(a==1)");
    assertPath(json, "#(a==1)|!true", "true");
    assertMissing(json, "#(a==1).!true");
    assertMissing(json, "#(a==1).@this");
    assertPath(json, "\\#.a", "1");
  }

  @Test
  void escapedDotOrPipe_onAnArrayFindsNothing() {
    String json = "[{\"x.y\":1}]";
    assertMissing(json, "x\\.y");
    assertMissing(json, "x\\.y|!true");
    assertPath(json, "0.x\\.y", "1");
    assertMissing(json, "x\\|y|!true");
    assertPath(json, "#.x\\.y", "[1]");
  }

  @Test
  void escapedDotOrPipe_onAnObjectIsPartOfTheKey() {
    String json = "{\"x.y\":1,\"x|y\":2}";
    assertPath(json, "x\\.y", "1");
    assertPath(json, "x\\|y", "2");
    assertPath(json, "x\\.z|!true", "true");
  }

  @Test
  void indexes_digitsOnlyLeadingZerosAllowed() {
    String json = "[\"a\",\"b\",\"c\"]";
    assertPath(json, "0", "\"a\"");
    assertPath(json, "01", "\"b\"");
    assertPath(json, "2", "\"c\"");
    assertMissing(json, "3");
    assertMissing(json, "-1");
    assertMissing(json, "1e0");
    assertMissing(json, "99999999999");
    assertMissing(json, "\\1");
    assertMissing(json, " 1");
  }

  @Test
  void wildcards_escapedAreLiteral() {
    String json = "{\"a*\":1,\"ab\":2,\"a?\":3,\"a\\\\\":4}";
    assertPath(json, "a*", "1");
    assertPath(json, "a\\*", "1");
    assertPath(json, "a?", "1");
    assertPath(json, "a\\?", "3");
    assertPath(json, "a\\\\", "4");
    assertPath(json, "*", "1");
    assertMissing(json, "?");
    assertPath(json, "??", "1");
    assertPath(json, "*\\*", "1");
  }

  @Test
  void jsonLines_everyHead() {
    String json = "{\"a\":1}\n{\"a\":2}\n[3]\n";
    assertPath(json, "..#", "3");
    assertPath(json, "..0", "{\"a\":1}");
    assertPath(json, "..2.0", "3");
    assertPath(json, "..#.a", "[1,2]");
    assertPath(json, "..#(a>1).a", "2");
    assertPath(json, "..#(a>1)#|#", "1");
    assertMissing(json, "..3");
    assertPath(json, "..0|a", "1");
    assertMissing(json, "..");
  }

  @Test
  void queries_stringOperators() {
    String json = "[\"apple\",\"Banana\",\"cherry\",\"\"]";
    assertPath(json, "#(==\"apple\")", "\"apple\"");
    assertPath(json, "#(!=\"apple\")#", "[\"Banana\",\"cherry\",\"\"]");
    assertPath(json, "#(<\"b\")#", "[\"apple\",\"Banana\",\"\"]");
    assertPath(json, "#(<=\"cherry\")#", "[\"apple\",\"Banana\",\"cherry\",\"\"]");
    assertPath(json, "#(>\"B\")#", "[\"apple\",\"Banana\",\"cherry\"]");
    assertPath(json, "#(>=\"cherry\")#", "[\"cherry\"]");
    assertPath(json, "#(%\"*an*\")#", "[\"Banana\"]");
    assertPath(json, "#(!%\"*an*\")#", "[\"apple\",\"cherry\",\"\"]");
    assertPath(json, "#(%\"?pple\")", "\"apple\"");
    assertPath(json, "#(=)#", "[\"\"]");
    assertPath(json, "#(==)#", "[\"\"]");
  }

  @Test
  void queries_numberOperators_rhsReadAsGoFloat() {
    String json = "[1,2.5,-3,0,1e2]";
    assertPath(json, "#(==1)#", "[1]");
    assertPath(json, "#(!=1)#", "[2.5,-3,0,1e2]");
    assertPath(json, "#(<1)#", "[-3,0]");
    assertPath(json, "#(<=1)#", "[1,-3,0]");
    assertPath(json, "#(>1)#", "[2.5,1e2]");
    assertPath(json, "#(>=1)#", "[1,2.5,1e2]");
    assertPath(json, "#(%\"1\")#", "[]");
    assertPath(json, "#(==1.0)#", "[1]");
    assertPath(json, "#(==\"2.5\")#", "[2.5]");
    assertPath(json, "#(>abc)#", "[1,2.5,1e2]");
    assertPath(json, "#(<inf)#", "[1,2.5,-3,0,1e2]");
    assertPath(json, "#(==nan)#", "[]");
    assertPath(json, "#(>-Inf)#", "[1,2.5,-3,0,1e2]");
    assertPath(json, "#(<1e1)#", "[1,2.5,-3,0]");
    assertPath(json, "#(>.5)#", "[1,2.5,1e2]");
    assertPath(json, "#(>5.)#", "[1e2]");
  }

  @Test
  void queries_booleanOperators() {
    String json = "[true,false]";
    assertPath(json, "#(==true)#", "[true]");
    assertPath(json, "#(==false)#", "[false]");
    assertPath(json, "#(!=true)#", "[false]");
    assertPath(json, "#(!=false)#", "[true]");
    assertPath(json, "#(<true)#", "[false]");
    assertPath(json, "#(<=true)#", "[false]");
    assertPath(json, "#(>false)#", "[true]");
    assertPath(json, "#(>=false)#", "[true]");
    assertPath(json, "#(%true)#", "[]");
    assertPath(json, "#(<false)#", "[]");
    assertPath(json, "#(>true)#", "[]");
  }

  @Test
  void queries_nullAndContainersNeverCompare() {
    String json = "[null,{\"a\":1},[1]]";
    assertPath(json, "#(==null)#", "[]");
    assertPath(json, "#(!=null)#", "[]");
    assertPath(json, "#(%\"*\")#", "[]");
    assertPath(json, "#()#", "[null]");
    assertPath(json, "#(a)#", "[{\"a\":1}]");
    assertPath(json, "#(0)#", "[[1]]");
    assertPath(json, "#(a==1)#", "[{\"a\":1}]");
    assertPath(json, "#(0==1)#", "[[1]]");
  }

  @Test
  void queries_tildeUnknownNeverMatches() {
    String json = "[{\"b\":1},{\"b\":true},{}]";
    assertPath(json, "#(b==~maybe)#", "[]");
    assertPath(json, "#(b!=~maybe)#", "[]");
    assertPath(json, "#(b==~true)#", "[{\"b\":1},{\"b\":true}]");
    assertPath(json, "#(b==~false)#", "[{}]");
    assertPath(json, "#(b==~null)#", "[{}]");
    assertPath(json, "#(b==~*)#", "[{\"b\":1},{\"b\":true}]");
    assertPath(json, "#(b==\"~true\")#", "[{\"b\":1},{\"b\":true}]");
  }

  @Test
  void queries_whitespaceAndEqualsForms() {
    String json = "[{\"a\":1},{\"a\":2}]";
    assertPath(json, "#( a == 2 )", "{\"a\":2}");
    assertPath(json, "#(a=2)", "{\"a\":2}");
    assertMissing(json, "#(a===2)");
    assertMissing(json, "#(a<>2)");
    assertPath(json, "#[a==2]", "{\"a\":2}");
    assertPath(json, "#[a==2]#.a", "[2]");
  }

  @Test
  void queries_stringsCompareByCodePoint() {
    String json = "[\"\\uffff\",\"\\ud83d\\ude00\"]";
    assertPath(json, "#(<\"\\ud83d\\ude00\")", "\"\\uffff\"");
    assertPath(json, "#(>\"\\uffff\")", "\"\\ud83d\\ude00\"");
  }

  @Test
  void multipath_names() {
    String json = "{\"a\":{\"b\":1},\"c\":[1,2],\"d#\":3}";
    assertPath(json, "{a.b}", "{\"b\":1}");
    assertPath(json, "{x:a.b}", "{\"x\":1}");
    assertPath(json, "{\"q\":a.b}", "{\"q\":1}");
    assertPath(json, "{\"\\u0041\":a.b}", "{\"\\u0041\":1}");
    assertPath(json, "{c.#}", "{\"_\":2}");
    assertPath(json, "{c|#}", "{\"_\":2}");
    assertPath(json, "{d\\#}", "{\"_\":3}");
    assertPath(json, "{a.b,a.b}", "{\"b\":1,\"b\":1}");
    assertPath(json, "{missing,a.b}", "{\"b\":1}");
    assertPath(json, "[x:a.b,c.0]", "[1,1]");
    assertPath(json, "{\"k\":a.b}.k", "1");
    assertPath(json, "[a.b,c]|1", "[1,2]");
    assertPath(json, "[a.b]|@tostr", "\"[1]\"");
    assertPath(json, "{a\\.b:c}", "{\"a\\\\.b\":[1,2]}");
    assertPath(json, "{[a.b]}", "{\"_\":[1]}");
    assertPath(json, "{!1}", "{\"_\":1}");
    assertPath(json, "{}", "{}");
    assertPath(json, "[]", "[]");
    assertPath(json, "[,]", "[]");
    assertPath(json, "{a.b,}", "{\"b\":1}");
  }

  @Test
  void literals_keywordsAndContainers() {
    String json = "{}";
    assertPath(json, "!true", "true");
    assertPath(json, "!false", "false");
    assertPath(json, "!null", "null");
    assertPath(json, "!true|@tostr", "\"true\"");
    assertPath(json, "!{\"a\":[1,2]}.a.1", "2");
    assertPath(json, "![1,2]|#", "2");
    assertPath(json, "!\"x\\u0041\"", "\"x\\u0041\"");
    assertPath(json, "!-1.5e3", "-1.5e3");
    assertPath(json, "!0", "0");
    assertPath(json, "!{\"a\":1}.a", "1");
  }

  @Test
  void modifiers_arguments() {
    String json = "{\"b\":[3,1],\"a\":{\"y\":2,\"x\":1}}";
    assertPath(
        json,
        "@pretty:{\"indent\":\"\\t\"}",
        "{\n\t\"b\": [3, 1],\n\t\"a\": {\n\t\t\"y\": 2,\n\t\t\"x\": 1\n\t}\n}\n");
    assertPath(
        json,
        "@pretty:{\"indent\":\"ab\"}",
        "{\n\"b\": [3, 1],\n\"a\": {\n\"y\": 2,\n\"x\": 1\n}\n}\n");
    assertPath(
        json,
        "@pretty:{\"prefix\":\"> \"}",
        "{\n   \"b\": [3, 1],\n   \"a\": {\n     \"y\": 2,\n     \"x\": 1\n   }\n }\n");
    assertPath(
        json,
        "@pretty:{\"width\":10}",
        "{\n  \"b\": [\n    3,\n    1\n  ],\n  \"a\": {\n    \"y\": 2,\n    \"x\": 1\n  }\n}\n");
    assertPath(
        json,
        "@pretty:{\"width\":0}",
        "{\n  \"b\": [\n    3,\n    1\n  ],\n  \"a\": {\n    \"y\": 2,\n    \"x\": 1\n  }\n}\n");
    assertPath(
        json,
        "@pretty:{\"sortKeys\":\"true\"}",
        "{\n  \"a\": {\n    \"x\": 1,\n    \"y\": 2\n  },\n  \"b\": [3, 1]\n}\n");
    assertPath(json, "@this:", "{\"b\":[3,1],\"a\":{\"y\":2,\"x\":1}}");
    assertPath(json, "@dig", "[]");
    assertPath(json, "a.@dig:", "[]");
    assertPath(json, "@dig:[x,y]", "[[],[],[],[],[1,2],[],[]]");
    assertPath(json, "@dig:{x}", "[{},{},{},{},{\"x\":1},{},{}]");
    assertPath(json, "@dig:a.x", "[1]");
    assertPath(json, "@dig:#|0", "2");
  }

  @Test
  void modifiers_onScalarsAndWrongShapes() {
    String json = "{\"s\":\"a\\u00e9<>&\",\"n\":12.50,\"t\":true,\"o\":{\"k\":[1,2]},\"e\":[]}";
    assertPath(json, "s|@reverse", "\"a\\u00e9<>&\"");
    assertPath(json, "s|@flatten", "\"a\\u00e9<>&\"");
    assertPath(json, "s|@join", "\"a\\u00e9<>&\"");
    assertPath(json, "s|@keys", "[null]");
    assertPath(json, "s|@values", "[\"a\\u00e9<>&\"]");
    assertMissing(json, "s|@group");
    assertMissing(json, "s|@fromstr");
    assertPath(json, "n|@fromstr", "12.5");
    assertPath(json, "t|@fromstr", "true");
    assertPath(json, "o|@fromstr", "{\"k\":[1,2]}");
    assertPath(json, "s|@tostr", "\"\\\"a\\\\u00e9\\u003c\\u003e\\u0026\\\"\"");
    assertPath(json, "o|@tostr", "\"{\\\"k\\\":[1,2]}\"");
    assertPath(json, "e|@join", "{}");
    assertMissing(json, "e|@group");
    assertPath(json, "o|@group", "[{\"k\":1},{\"k\":2}]");
    assertPath(json, "e|@reverse", "[]");
    assertPath(json, "o.k|@values", "[1,2]");
    assertPath(json, "n|@pretty", "12.50");
    assertPath(json, "s|@ugly", "\"a\\u00e9<>&\"");
    assertPath(json, "e|@keys", "[]");
    assertPath(json, "o|@reverse", "{\"k\":[1,2]}");
  }

  @Test
  void queryBody_pipeAfterItAppliesEvenWhenTheBodyFindsNothing() {
    String json = "[1,\"two\",{\"a\":{\"b\":2}}]";
    assertPath(json, "#(>=~true).secret|!null", "null");
    assertMissing(json, "#(>=~true).secret");
    assertMissing(json, "#(==7).a|!null");
    assertPath(json, "#(a.b==2).a|b", "2");
    assertPath(json, "#(a.b==2).a.b", "2");
    assertPath(json, "#(a.b==2).x|@keys", "[]");
    assertPath(json, "#(a.b==2)#.x|@keys", "[]");
    assertPath(json, "#(a.b==3)#.x|@keys", "[]");
  }

  @Test
  void hashInAKey_onAnArray_descendsInsteadOfPiping() {
    String json = "[{\"#\":1}]";
    assertMissing(json, "\\#.@this|!true");
    assertPath(json, "\\#|!true", "true");
    assertMissing(json, "a#b.[!1]");
    assertPath(json, "a#b|[!1]", "[1]");
    assertPath(json, "0.\\#", "1");
  }

  @Test
  void modifiers_pretty_layout() {
    String json =
        "{\"arr\":[1,[2,3],{\"a\":1}],\"long\":[\"aaaaaaaaaaaaaaaaaaaaaaaaa\",\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"ccccccccccccccccccccccccccc\"],\"e\":{},\"ea\":[],\"n\":null,\"s\":{\"b\":2,\"a\":1,\"a\":0}}";
    assertPath(
        json,
        "@pretty",
        "{\n  \"arr\": [\n    1,\n    [2, 3],\n    {\n      \"a\": 1\n    }\n  ],\n  \"long\": [\n    \"aaaaaaaaaaaaaaaaaaaaaaaaa\",\n    \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n    \"ccccccccccccccccccccccccccc\"\n  ],\n  \"e\": {},\n  \"ea\": [],\n  \"n\": null,\n  \"s\": {\n    \"b\": 2,\n    \"a\": 1,\n    \"a\": 0\n  }\n}\n");
    assertPath(
        json,
        "@pretty:{\"sortKeys\":true}",
        "{\n  \"arr\": [\n    1,\n    [2, 3],\n    {\n      \"a\": 1\n    }\n  ],\n  \"e\": {},\n  \"ea\": [],\n  \"long\": [\n    \"aaaaaaaaaaaaaaaaaaaaaaaaa\",\n    \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n    \"ccccccccccccccccccccccccccc\"\n  ],\n  \"n\": null,\n  \"s\": {\n    \"a\": 0,\n    \"a\": 1,\n    \"b\": 2\n  }\n}\n");
    assertPath(
        json, "s|@pretty:{\"sortKeys\":true}", "{\n  \"a\": 0,\n  \"a\": 1,\n  \"b\": 2\n}\n");
    assertPath(
        json,
        "arr|@pretty:{\"width\":5}",
        "[\n  1,\n  [\n    2,\n    3\n  ],\n  {\n    \"a\": 1\n  }\n]\n");
  }
}
