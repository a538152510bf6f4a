package io.kserve4j.core.internal.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one YAML configuration kserve4j reads and writes KServe objects with, and the conversions
 * between Jackson trees and the plain values kept in {@code extra} maps.
 */
final class YamlFormat {
  /** Reads with duplicate keys rejected (kubectl's strict mode rejects them too). */
  static final YAMLMapper READER =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * Writes block-style YAML with as few quotes as stay unambiguous: a string that a YAML 1.1 or 1.2
   * reader could take for a number, boolean, null or timestamp ({@code "1"}, {@code "500m"}, {@code
   * "yes"}, {@code "2024-01-01"}) is quoted, so quantities and versions stay strings.
   */
  static final YAMLMapper WRITER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .stringQuotingChecker(new StrictQuoting())
                  .build())
          .build();

  private static final int MAX_SHOWN = 120;

  private YamlFormat() {}

  /** Writes one document; ends with a newline. */
  static String write(JsonNode document) {
    try {
      return WRITER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write YAML: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A parsed node as a plain, unmodifiable Java value: maps keep their order; YAML {@code null}
   * becomes {@code null}.
   */
  static @Nullable Object plain(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          map.put(e.getKey(), plain(e.getValue()));
        }
        yield Collections.unmodifiableMap(map);
      }
      case ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>();
        node.forEach(item -> list.add(plain(item)));
        yield Collections.unmodifiableList(list);
      }
      case STRING -> node.textValue();
      case NUMBER -> node.numberValue();
      case BOOLEAN -> node.booleanValue();
      case BINARY -> node.asText();
      default -> null;
    };
  }

  /** A plain value (as {@link #plain} gives, or built in Java) as a tree. */
  static JsonNode tree(@Nullable Object value) {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    JsonNode node = WRITER.valueToTree(value);
    return node == null ? JsonNodeFactory.instance.nullNode() : node;
  }

  /**
   * A value as a violation shows it: strings in double quotes, lists and maps as JSON, long values
   * cut short.
   */
  static @Nullable Object show(@Nullable Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    String shown;
    if (value instanceof JsonNode) {
      shown = value.toString();
    } else if (value instanceof String text) {
      shown = new TextNode(text).toString();
    } else {
      shown = json(value);
    }
    return shown.length() <= MAX_SHOWN ? shown : shown.substring(0, MAX_SHOWN - 3) + "...";
  }

  private static String json(Object value) {
    return tree(value).toString();
  }

  /** Quotes every plain scalar a YAML reader could resolve to something other than a string. */
  private static final class StrictQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    /** Starts like a number, a timestamp or a sexagesimal; or is a YAML 1.1 special. */
    private static final Pattern AMBIGUOUS =
        Pattern.compile("^([-+]?\\.?[0-9].*|[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)|=|<<)$");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || AMBIGUOUS.matcher(value).matches();
    }

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || AMBIGUOUS.matcher(name).matches();
    }
  }
}
