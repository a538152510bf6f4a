package io.kserve4j.graph.gjson;

import io.kserve4j.graph.gjson.internal.JsonText;
import java.nio.charset.StandardCharsets;

/**
 * GJSON (github.com/tidwall/gjson) for Java: get a value out of JSON with a path, without parsing
 * the JSON into a tree.
 *
 * <pre>{@code
 * Gjson.get(json, "friends.#(last==\"Murphy\")#.first").raw(); // ["Dale","Jane"]
 * }</pre>
 *
 * <p>These methods compile the path on every call; to evaluate one path many times (an
 * InferenceGraph condition), compile it once with {@link GjsonPath#compile(String)}.
 */
public final class Gjson {
  private Gjson() {}

  /**
   * Evaluates {@code path} on JSON text.
   *
   * @param json the JSON document
   * @param path a GJSON path
   * @return what the path found, or {@link Result#none()}
   * @throws GjsonSyntaxException when the path does not parse
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public static Result get(String json, String path) {
    return GjsonPath.compile(path).get(json);
  }

  /**
   * Evaluates {@code path} on UTF-8 JSON.
   *
   * @param json the JSON document
   * @param path a GJSON path
   * @return what the path found, or {@link Result#none()}
   * @throws GjsonSyntaxException when the path does not parse
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public static Result get(byte[] json, String path) {
    return GjsonPath.compile(path).get(json);
  }

  /**
   * The first JSON value in {@code json}, as GJSON's {@code Parse}: an object or array keeps the
   * rest of the text as its raw JSON (it is not validated), a scalar is its token.
   *
   * @param json JSON text
   * @return the value, or {@link Result#none()} when the text does not start with a JSON value
   */
  public static Result parse(String json) {
    return GjsonPath.compile("@this").get(json);
  }

  /**
   * Whether {@code json} is one valid JSON value (RFC 8259), with optional surrounding whitespace.
   * Any nesting depth is checked without recursion.
   *
   * @param json JSON text
   * @return true when valid
   */
  public static boolean isValid(String json) {
    return isValid(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the UTF-8 {@code json} is one valid JSON value, with optional surrounding whitespace.
   *
   * @param json UTF-8 JSON
   * @return true when valid
   */
  public static boolean isValid(byte[] json) {
    return JsonText.isValid(json, 0, json.length);
  }

  /**
   * A key written as a path component: every character that means something in a path ({@code .},
   * {@code |}, {@code #}, {@code @}, {@code *}, {@code ?}, brackets, quotes...) escaped with {@code
   * \}, as GJSON's {@code Escape}. {@code Gjson.escape("first.name")} is {@code first\.name}.
   *
   * @param key an object key
   * @return the key as a path component
   */
  public static String escape(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c <= ' '
              || c > '~'
              || c == '_'
              || c == '-'
              || c == ':';
      if (!safe) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
