package io.kserve4j.protocol;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A call's headers: an immutable map whose names are case-insensitive, as HTTP's are. Names are
 * normalised to lower case once, when the headers are made, so a transformer sees the same {@code
 * Headers} whether the call came in-process or over REST or gRPC: {@code get("X-Request-ID")} and
 * {@code get("x-request-id")} find the same value, and iteration shows lower-case names.
 *
 * <pre>{@code
 * Headers h = Headers.of(Map.of("Authorization", "Bearer t"));
 * h.get("authorization"); // "Bearer t"
 * }</pre>
 *
 * <p>When a name occurs twice with different case, the later value wins. Making headers is linear
 * in their number.
 */
public final class Headers extends AbstractMap<String, String> {
  private static final Headers EMPTY = new Headers(Map.of());

  /** Lower-case names to values, in the order given. */
  private final Map<String, String> byName;

  private Headers(Map<String, String> byName) {
    this.byName = byName;
  }

  /** No headers. */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Headers with these names and values; names are lower-cased ({@link Locale#ROOT}).
   *
   * @throws NullPointerException if a name or value is null
   */
  public static Headers of(Map<String, String> headers) {
    if (headers instanceof Headers h) {
      return h;
    }
    if (headers.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> m = new LinkedHashMap<>(headers.size() * 2);
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "header name").toLowerCase(Locale.ROOT);
      m.put(name, Objects.requireNonNull(e.getValue(), () -> "value of header " + name));
    }
    return new Headers(Collections.unmodifiableMap(m));
  }

  /** One header. */
  public static Headers of(String name, String value) {
    return of(Map.of(name, value));
  }

  /** These headers with {@code name} set to {@code value}, replacing any value it had. */
  public Headers with(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>(byName);
    m.put(
        Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT),
        Objects.requireNonNull(value, "value"));
    return new Headers(Collections.unmodifiableMap(m));
  }

  /** The value of the header {@code name}, in any case, or {@code null}. */
  @Override
  public @Nullable String get(@Nullable Object name) {
    if (!(name instanceof String s)) {
      return null;
    }
    String v = byName.get(s);
    return v != null ? v : byName.get(s.toLowerCase(Locale.ROOT));
  }

  @Override
  public boolean containsKey(@Nullable Object name) {
    return get(name) != null;
  }

  @Override
  public int size() {
    return byName.size();
  }

  @Override
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return byName.entrySet();
  }
}
