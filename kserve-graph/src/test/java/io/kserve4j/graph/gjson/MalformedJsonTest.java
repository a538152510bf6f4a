package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile JSON: a result that does not exist, never an exception (other than the
 * documented work limit), never a StackOverflowError, and never more than a few passes over the
 * input.
 */
class MalformedJsonTest {
  static final List<String> PATHS =
      List.of(
          "a",
          "a.b",
          "a.0",
          "0",
          "#",
          "#.a",
          "a.#(b==1)",
          "#(>1)#",
          "..#",
          "..0.a",
          "@this",
          "@valid",
          "@ugly",
          "@pretty",
          "@reverse",
          "@flatten:{\"deep\":true}",
          "@join",
          "@keys",
          "@values",
          "@tostr",
          "@fromstr",
          "@group",
          "@dig:a",
          "[a,b]",
          "{a,\"x\":b.#}",
          "a|@keys",
          "[@this].#(a==1)");

  static final List<String> MALFORMED =
      List.of(
          "{\"a\":",
          "{\"a\" 1}",
          "{\"a\":1,}",
          "{\"a\":1 \"b\":2}",
          "{a:1}",
          "{'a':1}",
          "{\"a\":\"unterminated}",
          "[1,2",
          "[1 2]",
          "[1,]",
          "[}",
          "{]",
          "[\"a\\",
          "{\"a\":tru}",
          "{\"a\":nul}",
          "{\"a\":-}",
          "{\"a\":01}",
          "{\"a\":1.}",
          "{\"a\":.5}",
          "{\"a\":NaN}",
          "\"just a string",
          "not json at all",
          "",
          "   ",
          "}",
          "]");

  @Test
  void malformedDocuments_neverThrow() {
    for (String json : MALFORMED) {
      for (String path : PATHS) {
        Result r = Gjson.get(json, path);
        assertThat(r).as("%s on %s", path, json).isNotNull();
      }
    }
  }

  @Test
  void malformedWhereThePathReads_doesNotExist() {
    assertThat(Gjson.get("{\"a\":", "a").exists()).isFalse();
    assertThat(Gjson.get("{\"a\" 1}", "a").exists()).isFalse();
    assertThat(Gjson.get("{a:1}", "a").exists()).isFalse();
    assertThat(Gjson.get("{\"b\":tru,\"a\":1}", "a").exists()).isFalse();
    assertThat(Gjson.get("{\"b\":01,\"a\":1}", "a").exists()).isFalse();
    assertThat(Gjson.get("[1,2", "#").exists()).isFalse();
    assertThat(Gjson.get("[1,]", "1").exists()).isFalse();
    assertThat(Gjson.get("[}", "0").exists()).isFalse();
    assertThat(Gjson.get("{\"a\":[{\"b\":1},{\"b\":]}", "a.#(b==2)").exists()).isFalse();
    assertThat(Gjson.get("{\"a\":{\"b\":\"x}", "a.b").exists()).isFalse();
    assertThat(Gjson.get("{\"a\":NaN}", "a").exists()).isFalse();
  }

  @Test
  void modifiersOnMalformedInput_giveNothing() {
    for (String path : List.of("@valid", "@ugly", "@pretty", "@reverse", "@keys", "@join")) {
      assertThat(Gjson.get("{\"a\":1", path).exists()).as(path).isFalse();
    }
    assertThat(Gjson.get("{\"a\":1", "[@this]").raw()).isEqualTo("[{\"a\":1]");
    assertThat(Gjson.get("{\"a\":1", "[@valid,!true]").raw()).isEqualTo("[true]");
  }

  @Test
  void likeGjson_jsonThePathNeverReachesIsNotChecked() {
    // Lazy: the value is found before the scanner meets the damage.
    assertThat(Gjson.get("{\"a\":1, garbage", "a").raw()).isEqualTo("1");
    assertThat(Gjson.get("[1,2,oops", "1").raw()).isEqualTo("2");
    // A container the path skips is only checked for balanced brackets and closed strings.
    assertThat(Gjson.get("{\"b\":[1 2],\"a\":1}", "a").raw()).isEqualTo("1");
    assertThat(Gjson.get("{\"b\":[1 2}],\"a\":1}", "a").exists()).isFalse();
    // @valid checks everything.
    assertThat(Gjson.get("{\"a\":1, garbage", "@valid").exists()).isFalse();
  }

  @Test
  void randomBytes_neverThrow() {
    Random random = new Random(42);
    String alphabet = "{}[]\":,\\ 0123456789-+.eEtrufalsn#@!*?|";
    for (int i = 0; i < 3000; i++) {
      byte[] json = new byte[random.nextInt(64)];
      for (int k = 0; k < json.length; k++) {
        json[k] =
            random.nextInt(4) == 0
                ? (byte) random.nextInt(256)
                : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
      }
      for (String path : PATHS) {
        assertThat(GjsonPath.compile(path).get(json)).isNotNull();
      }
    }
  }

  @Test
  void invalidUtf8_isScannedAsBytes() {
    byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    Result r = GjsonPath.compile("a").get(json);
    assertThat(r.exists()).isTrue();
    assertThat(r.string()).isEqualTo("\ufffd\ufffd");
    assertThat(GjsonPath.compile("a|@tostr").get(json).raw())
        .isEqualTo("\"\\\"\\ufffd\\ufffd\\\"\"");
  }

  // ---- Hostile input ------------------------------------------------------------------------

  static final int EIGHT_MB = 8 << 20;

  static byte[] deeplyNestedArrays() {
    return ("[".repeat(EIGHT_MB / 2) + "]".repeat(EIGHT_MB / 2)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void deeplyNestedInput_isScannedIteratively_noStackOverflow() {
    byte[] json = deeplyNestedArrays();
    assertThat(GjsonPath.compile("0.0.0").get(json).raw()).hasSize(EIGHT_MB - 6);
    assertThat(GjsonPath.compile("#").get(json).raw()).isEqualTo("1");
    assertThat(GjsonPath.compile("@valid").existsIn(json)).isTrue();
    assertThat(GjsonPath.compile("@ugly").get(json).raw()).hasSize(EIGHT_MB);
    assertThat(GjsonPath.compile("@reverse").get(json).raw()).hasSize(EIGHT_MB);
    assertThat(GjsonPath.compile("@flatten:{\"deep\":true}").get(json).raw()).isEqualTo("[]");
    assertThat(GjsonPath.compile("@keys").get(json).raw()).isEqualTo("[null]");
    assertThat(GjsonPath.compile("#.#.#").get(json).raw()).isEqualTo("[[1]]");
    assertThat(Gjson.isValid(json)).isTrue();
    byte[] unbalanced = ("[".repeat(EIGHT_MB / 2) + "]".repeat(EIGHT_MB / 2 - 1)).getBytes();
    assertThat(Gjson.isValid(unbalanced)).isFalse();
    assertThat(GjsonPath.compile("#").existsIn(unbalanced)).isFalse();
  }

  @Test
  void prettyOnDeepNesting_isRefusedWithALimit() {
    byte[] json = deeplyNestedArrays();
    assertThatThrownBy(() -> GjsonPath.compile("@pretty").get(json))
        .isInstanceOf(GjsonLimitException.class)
        .hasMessage("@pretty refuses JSON nested deeper than 512");
  }

  @Test
  void digOnDeepNesting_stopsAtTheWorkLimit() {
    byte[] json = deeplyNestedArrays();
    long start = System.nanoTime();
    assertThatThrownBy(() -> GjsonPath.compile("@dig:a").get(json))
        .isInstanceOf(GjsonLimitException.class)
        .hasMessageStartingWith("GJSON path '@dig:a' needs more than ")
        .hasMessageContaining("@dig or @pretty on deeply nested JSON");
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }

  @Test
  void eightMegabyteResponse_costsAFewScansAtMost() {
    StringBuilder sb = new StringBuilder("{\"predictions\":[");
    while (sb.length() < EIGHT_MB) {
      sb.append("0.1234,");
    }
    sb.append("0.9]}");
    byte[] json = sb.toString().getBytes(StandardCharsets.US_ASCII);
    List<String> conditions =
        List.of(
            "predictions.#(>0.5)",
            "predictions.#(>2)",
            "[@this].#(predictions.0==\"dog\")",
            "predictions.#",
            "outputs.0.data.0",
            "predictions.100000000");
    // Warm up, then compare each condition with one full validating scan of the same bytes.
    for (int i = 0; i < 3; i++) {
      Gjson.isValid(json);
      for (String c : conditions) {
        GjsonPath.compile(c).existsIn(json);
      }
    }
    long scan = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      assertThat(Gjson.isValid(json)).isTrue();
      scan = Math.min(scan, System.nanoTime() - t);
    }
    for (String c : conditions) {
      GjsonPath p = GjsonPath.compile(c);
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        p.existsIn(json);
        best = Math.min(best, System.nanoTime() - t);
      }
      // Generous for a noisy 2-core machine: a condition costs at most ~a handful of scans.
      assertThat(best)
          .as("%s took %d ns, one scan %d ns", c, best, scan)
          .isLessThan(Math.max(20 * scan, 1_000_000_000L));
    }
  }
}
