package io.kserve4j.core;

import io.kserve4j.protocol.Headers;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one call to {@link InferenceService#predict(io.kserve4j.protocol.InferRequest, CallOptions)}
 * is made: its headers, the revision tag it asks for, and a timeout. Immutable.
 *
 * <pre>{@code
 * CallOptions options = CallOptions.builder()
 *     .header("Authorization", "Bearer t")
 *     .tag("latest")                      // KServe's tag routing: the latest ready revision
 *     .timeout(Duration.ofSeconds(2))
 *     .build();
 * InferResponse r = service.predict(request, options);
 * }</pre>
 */
public final class CallOptions {
  private static final CallOptions NONE = new CallOptions(Headers.empty(), null, null);

  private final Headers headers;
  private final @Nullable String tag;
  private final @Nullable Duration timeout;

  private CallOptions(Headers headers, @Nullable String tag, @Nullable Duration timeout) {
    this.headers = headers;
    this.tag = tag;
    this.timeout = timeout;
  }

  /** No headers, no tag, the service's own timeout. */
  public static CallOptions none() {
    return NONE;
  }

  /** Options with these headers (names in any case) and nothing else. */
  public static CallOptions headers(Map<String, String> headers) {
    return headers.isEmpty() ? NONE : new CallOptions(Headers.of(headers), null, null);
  }

  /** A builder starting from no options. */
  public static Builder builder() {
    return new Builder(NONE);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The call's headers; names are case-insensitive. */
  public Headers headers() {
    return headers;
  }

  /**
   * The revision tag the call asks for ({@code latest}, {@code prev}, or a tag the service's
   * traffic names), or {@code null} to let the service split traffic as its spec says.
   */
  public @Nullable String tag() {
    return tag;
  }

  /**
   * The longest the call may take, or {@code null} for the predictor's {@code timeout} (KServe's
   * component timeout, 300 s when unset). The shorter of the two applies.
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "CallOptions{headers="
        + headers.keySet()
        + ", tag="
        + tag
        + ", timeout="
        + timeout
        + "}";
  }

  /** Builds {@link CallOptions}. Not thread-safe. */
  public static final class Builder {
    private Headers headers;
    private @Nullable String tag;
    private @Nullable Duration timeout;

    private Builder(CallOptions from) {
      this.headers = from.headers;
      this.tag = from.tag;
      this.timeout = from.timeout;
    }

    /** Adds a header, replacing one of the same name in any case. By default there are none. */
    public Builder header(String name, String value) {
      headers = headers.with(name, value);
      return this;
    }

    /** Replaces the headers. */
    public Builder headers(Map<String, String> headers) {
      this.headers = Headers.of(headers);
      return this;
    }

    /**
     * Asks for the revision with this tag ({@code latest}, {@code prev}, ...), as a KServe tagged
     * host name does. By default none: the traffic split chooses.
     */
    public Builder tag(@Nullable String tag) {
      this.tag = tag;
      return this;
    }

    /**
     * The longest the call may take. By default the predictor's {@code timeout}; the shorter of the
     * two applies.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(@Nullable Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout = " + timeout + ": must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** The options. */
    public CallOptions build() {
      if (headers.isEmpty() && tag == null && timeout == null) {
        return NONE;
      }
      return new CallOptions(Objects.requireNonNull(headers), tag, timeout);
    }
  }
}
