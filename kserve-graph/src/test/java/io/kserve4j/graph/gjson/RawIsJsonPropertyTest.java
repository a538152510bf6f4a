package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties checked with Jackson, an independent JSON reader, on random documents and random
 * paths: every result's raw JSON is valid JSON that reads back to the value the result reports, and
 * a plain path of keys and indexes finds exactly what Jackson's JSON Pointer finds.
 */
class RawIsJsonPropertyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] KEYS = {"a", "b", "name", "data", "x.y", "k*", "é", "", "0", "1"};

  private final Random random = new Random(20260821);
  private final List<String> keysSeen = new ArrayList<>();

  private JsonNode randomNode(int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 9);
    switch (kind) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.booleanNode(random.nextBoolean());
      case 2:
        return NODES.numberNode(random.nextInt(2001) - 1000);
      case 3:
        return NODES.numberNode(Math.round(random.nextGaussian() * 1e6) / 1e3);
      case 4:
      case 5:
        return NODES.textNode(randomText());
      case 6:
      case 7:
        ObjectNode o = NODES.objectNode();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          String k = KEYS[random.nextInt(KEYS.length)];
          keysSeen.add(k);
          o.set(k, randomNode(depth + 1));
        }
        return o;
      default:
        ArrayNode a = NODES.arrayNode();
        int m = random.nextInt(5);
        for (int i = 0; i < m; i++) {
          a.add(randomNode(depth + 1));
        }
        return a;
    }
  }

  private String randomText() {
    String[] pieces = {
      "dog",
      "cat",
      "a\"b",
      "back\\slash",
      "tab\t",
      "line\n",
      "é",
      "\uD83D\uDE00",
      "<&>",
      "\u0001",
      "1",
      "true",
      "",
      " "
    };
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(pieces[random.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  private String key() {
    return keysSeen.isEmpty()
        ? KEYS[random.nextInt(KEYS.length)]
        : keysSeen.get(random.nextInt(keysSeen.size()));
  }

  private String randomPath(int depth) {
    StringBuilder p = new StringBuilder();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        p.append(random.nextInt(4) == 0 ? "|" : ".");
      }
      int kind = random.nextInt(depth > 1 ? 12 : 15);
      String[] mods = {
        "@this", "@reverse", "@ugly", "@pretty", "@flatten", "@flatten:{\"deep\":true}", "@join",
        "@keys", "@values", "@valid", "@tostr", "@fromstr", "@group", "@dig:a",
        "@pretty:{\"sortKeys\":true,\"width\":12}", "@join:{\"preserve\":true}"
      };
      String[] ops = {"==", "!=", "<", "<=", ">", ">=", "%", "!%"};
      String[] values = {"\"dog\"", "1", "0", "\"*a*\"", "true", "~true", "~false", "~null", "~*"};
      switch (kind) {
        case 0, 1, 2, 3 -> p.append(Gjson.escape(key()));
        case 4, 5 -> p.append(random.nextInt(3));
        case 6 -> p.append('#');
        case 7 -> p.append(random.nextBoolean() ? "*" : "?");
        case 8, 9 ->
            p.append("#(")
                .append(random.nextBoolean() ? Gjson.escape(key()) : "")
                .append(ops[random.nextInt(ops.length)])
                .append(values[random.nextInt(values.length)])
                .append(random.nextBoolean() ? ")#" : ")");
        case 10, 11 -> p.append(mods[random.nextInt(mods.length)]);
        case 12 ->
            p.append('[')
                .append(randomPath(depth + 1))
                .append(',')
                .append(randomPath(depth + 1))
                .append(']');
        case 13 ->
            p.append("{\"k\":")
                .append(randomPath(depth + 1))
                .append(',')
                .append(randomPath(depth + 1))
                .append('}');
        default -> p.append(random.nextBoolean() ? "!{\"lit\":[1,\"x\"]}" : "!true");
      }
    }
    return p.toString();
  }

  private String serialize(JsonNode node) throws Exception {
    return random.nextBoolean()
        ? MAPPER.writeValueAsString(node)
        : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  /** The result's raw JSON reads back (with Jackson) to what the result says it holds. */
  private static void assertRawReadsBackAsTheValue(Result r, String where) throws Exception {
    JsonNode back = MAPPER.readTree(r.raw());
    assertThat(back).as("raw of %s", where).isNotNull();
    assertThat(Gjson.isValid(r.raw())).as("isValid(raw) of %s", where).isTrue();
    switch (r.type()) {
      case NULL -> assertThat(back.isNull()).as(where).isTrue();
      case TRUE -> assertThat(back.isBoolean() && back.booleanValue()).as(where).isTrue();
      case FALSE -> assertThat(back.isBoolean() && !back.booleanValue()).as(where).isTrue();
      case NUMBER -> assertThat(back.doubleValue()).as(where).isEqualTo(r.number());
      case STRING -> assertThat(back.textValue()).as(where).isEqualTo(r.string());
      case JSON -> {
        assertThat(back.isContainerNode()).as(where).isTrue();
        assertThat(back.isArray()).as(where).isEqualTo(r.isArray());
        if (back.isArray()) {
          List<Result> elements = r.array();
          assertThat(elements).as(where).hasSize(back.size());
          for (int i = 0; i < elements.size(); i++) {
            assertThat(MAPPER.readTree(elements.get(i).raw())).as(where).isEqualTo(back.get(i));
          }
        } else {
          for (Map.Entry<String, Result> e : r.map().entrySet()) {
            assertThat(back.has(e.getKey())).as(where).isTrue();
          }
        }
      }
    }
  }

  @Test
  void everyResultsRaw_isValidJson_thatReadsBackToTheSameValue() throws Exception {
    int checked = 0;
    for (int d = 0; d < 250; d++) {
      keysSeen.clear();
      JsonNode doc = randomNode(0);
      String json = serialize(doc);
      for (int k = 0; k < 40; k++) {
        String path = randomPath(0);
        Result r;
        try {
          r = Gjson.get(json, path);
        } catch (GjsonSyntaxException e) {
          continue; // e.g. a key with ':' inside [...] members; the grammar is not perfect
        }
        if (r.exists()) {
          assertRawReadsBackAsTheValue(r, path + " on " + json);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(2000);
  }

  @Test
  void plainPaths_findWhatJsonPointerFinds() throws Exception {
    int found = 0;
    for (int d = 0; d < 400; d++) {
      keysSeen.clear();
      JsonNode doc = randomNode(0);
      String json = serialize(doc);
      for (int k = 0; k < 20; k++) {
        List<String> steps = new ArrayList<>();
        JsonNode at = doc;
        StringBuilder pointer = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          String step;
          if (at != null && at.isArray() && at.size() > 0 && random.nextInt(4) > 0) {
            step = String.valueOf(random.nextInt(at.size() + 1));
          } else if (at != null && at.isObject() && at.size() > 0 && random.nextInt(4) > 0) {
            List<String> names = new ArrayList<>();
            at.fieldNames().forEachRemaining(names::add);
            step = names.get(random.nextInt(names.size()));
          } else {
            step = key();
          }
          steps.add(step);
          pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
          at = doc.at(JsonPointer.compile(pointer.toString()));
          if (at.isMissingNode()) {
            at = null;
          }
        }
        String path = String.join(".", steps.stream().map(Gjson::escape).toList());
        if (path.startsWith("..")) {
          continue; // two empty keys first read as JSON lines: not a plain path
        }
        JsonNode expected = doc.at(JsonPointer.compile(pointer.toString()));
        Result r = Gjson.get(json, path);
        if (expected.isMissingNode()) {
          assertThat(r.exists()).as("%s on %s", path, json).isFalse();
        } else {
          assertThat(r.exists()).as("%s on %s", path, json).isTrue();
          assertThat(MAPPER.readTree(r.raw())).as("%s on %s", path, json).isEqualTo(expected);
          found++;
        }
      }
    }
    assertThat(found).isGreaterThan(500);
  }
}
