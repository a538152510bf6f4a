package io.kserve4j.graph.gjson;

import io.kserve4j.graph.gjson.internal.Val;
import io.kserve4j.graph.gjson.internal.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What a GJSON path found: a value with its {@linkplain #type() type} and {@linkplain #raw() raw
 * JSON}, or nothing ({@link #exists()} is false). Immutable; it holds its own copy of the bytes, so
 * the JSON it came from may change afterwards.
 *
 * <p>The readers follow GJSON's {@code Result}: {@link #string()} is a string's content (a number's
 * text, {@code true}/{@code false}, an object's or array's raw JSON), {@link #number()}, {@link
 * #longValue()} and {@link #bool()} convert as GJSON does and give 0 or false where there is
 * nothing to convert.
 */
public final class Result {
  private static final Result NONE = new Result(JsonType.NULL, new byte[0]);

  private final JsonType type;
  private final byte[] bytes;
  private @Nullable String raw;

  private Result(JsonType type, byte[] bytes) {
    this.type = type;
    this.bytes = bytes;
  }

  /** The result of a path that found nothing. */
  public static Result none() {
    return NONE;
  }

  static Result of(@Nullable Val v) {
    if (v == null) {
      return NONE;
    }
    JsonType t = v.type();
    byte[] copy = Arrays.copyOfRange(v.buf(), v.start(), v.end());
    return new Result(t == null ? JsonType.JSON : t, copy);
  }

  private Val val() {
    return Val.doc(bytes, 0, bytes.length);
  }

  /** Whether the path found a value (a JSON {@code null} it found exists). */
  public boolean exists() {
    return bytes.length > 0;
  }

  /** The value's type; {@link JsonType#NULL} also when nothing was found. */
  public JsonType type() {
    return type;
  }

  /**
   * The value's raw JSON exactly as GJSON returns it: a string with its quotes and escapes ({@code
   * "dog"}), a number as written ({@code 1.50}), an object or array as written or as the path built
   * it ({@code ["Dale","Jane"]}); empty when nothing was found.
   */
  public String raw() {
    String r = raw;
    if (r == null) {
      r = new String(bytes, StandardCharsets.UTF_8);
      raw = r;
    }
    return r;
  }

  /**
   * The value as text: a string's content without quotes and with escapes resolved, a number's text
   * (an integer as written, else the shortest decimal), {@code true} or {@code false}, an object's
   * or array's raw JSON; empty for {@code null} and when nothing was found.
   */
  public String string() {
    return exists() ? Values.string(val()) : "";
  }

  /**
   * The value as a number: a number's value, a string parsed as a number (else 0), 1 for {@code
   * true}, otherwise 0.
   */
  public double number() {
    return exists() ? Values.number(val()) : 0;
  }

  /**
   * The value as a 64-bit integer: exact for integers written in JSON up to 64 bits, a string of
   * digits parsed, 1 for {@code true}, fractions truncated, otherwise 0.
   */
  public long longValue() {
    return exists() ? Values.longValue(val()) : 0;
  }

  /**
   * The value as a boolean: {@code true}, a non-zero number, or a string that Go's {@code
   * ParseBool} reads as true ({@code "true"}, {@code "t"}, {@code "1"} in any case).
   */
  public boolean bool() {
    return exists() && Values.bool(val());
  }

  /** Whether the value is a JSON array. */
  public boolean isArray() {
    return type == JsonType.JSON && bytes.length > 0 && bytes[0] == '[';
  }

  /** Whether the value is a JSON object. */
  public boolean isObject() {
    return type == JsonType.JSON && bytes.length > 0 && bytes[0] == '{';
  }

  /**
   * The elements of an array; a one-element list of this result for any other value; empty for
   * {@code null} and when nothing was found.
   */
  public List<Result> array() {
    if (type == JsonType.NULL) {
      return List.of();
    }
    if (!isArray()) {
      return List.of(this);
    }
    List<Result> out = new ArrayList<>();
    for (Values.Member m : Values.members(val())) {
      out.add(of(m.value()));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The members of an object by key (the first of duplicate keys wins, as in GJSON), in order;
   * empty for anything else.
   */
  public Map<String, Result> map() {
    Map<String, Result> out = new LinkedHashMap<>();
    if (isObject()) {
      for (Values.Member m : Values.members(val())) {
        out.putIfAbsent(m.key(), of(m.value()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Calls {@code action} with each member's key and value of an object, each element's index (a
   * number) and value of an array, or a non-existent key and this result for any other value, until
   * it returns false. Nothing is called when nothing was found.
   */
  public void forEach(BiPredicate<Result, Result> action) {
    if (!exists()) {
      return;
    }
    if (type != JsonType.JSON) {
      boolean unused = action.test(NONE, this);
      return;
    }
    for (Values.Member m : Values.members(val())) {
      if (!action.test(of(m.rawKey()), of(m.value()))) {
        return;
      }
    }
  }

  /**
   * Applies another path to this value.
   *
   * @throws GjsonSyntaxException when {@code path} does not parse
   */
  public Result get(String path) {
    return GjsonPath.compile(path).get(bytes);
  }

  /** The raw JSON. */
  @Override
  public String toString() {
    return raw();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Result r && r.type == type && Arrays.equals(r.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(bytes);
  }
}
