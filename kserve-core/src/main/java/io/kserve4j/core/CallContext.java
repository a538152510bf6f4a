package io.kserve4j.core;

import io.kserve4j.autoscale.Clock;
import io.kserve4j.protocol.Headers;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call to an {@link InferenceService} as its {@link Interceptor}s and internal links see it:
 * the service, the operation, the call's headers (names case-insensitive, normalised once when the
 * call entered), the revision tag asked for, the deadline, the revision the router chose, and
 * attributes interceptors share.
 *
 * <p>Made once per call by the service; the router sets {@link #revision()} before the revision
 * runs, so an interceptor reads it after {@code proceed} returns. Attributes may be read and
 * written from any thread.
 */
public final class CallContext {
  /** What the call asks of the service. */
  public enum Operation {
    /** {@code predict}: KServe's {@code :predict} and v2 {@code infer}. */
    PREDICT,
    /** {@code explain}: KServe's {@code :explain}. */
    EXPLAIN
  }

  /**
   * A typed key for an attribute, compared by identity: make each key once, as a constant.
   *
   * <pre>{@code
   * static final CallContext.Key<Long> STARTED = CallContext.Key.of("started", Long.class);
   * }</pre>
   *
   * @param <T> the attribute's type
   */
  public static final class Key<T> {
    private final String name;
    private final Class<T> type;

    private Key(String name, Class<T> type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
    }

    /** A new key; two keys with the same name are still different keys. */
    public static <T> Key<T> of(String name, Class<T> type) {
      return new Key<>(name, type);
    }

    /** The key's name, for debugging. */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "Key{" + name + ": " + type.getSimpleName() + "}";
    }
  }

  private final String service;
  private final Operation operation;
  private final Headers headers;
  private final @Nullable String tag;
  private final Clock clock;
  private volatile long deadline;
  private volatile @Nullable String revision;
  private Object @Nullable [] attributes; // key, value, key, value...; guarded by this

  CallContext(
      String service,
      Operation operation,
      Headers headers,
      @Nullable String tag,
      Clock clock,
      long deadline) {
    this.service = service;
    this.operation = operation;
    this.headers = headers;
    this.tag = tag;
    this.clock = clock;
    this.deadline = deadline;
  }

  /**
   * A context for a call that does not come through {@link InferenceService} (a test of an
   * interceptor, a batch of calls, a graph step): no tag, a deadline {@code timeout} from now on
   * the system clock.
   */
  public static CallContext of(
      String service, Operation operation, Headers headers, Duration timeout) {
    return of(service, operation, headers, Clock.system(), timeout);
  }

  /** As {@link #of(String, Operation, Headers, Duration)}, on {@code clock}. */
  public static CallContext of(
      String service, Operation operation, Headers headers, Clock clock, Duration timeout) {
    return new CallContext(
        service, operation, headers, null, clock, clock.nanoTime() + timeout.toNanos());
  }

  /** The name of the service called. */
  public String service() {
    return service;
  }

  /** Whether the call predicts or explains. */
  public Operation operation() {
    return operation;
  }

  /** The call's headers; names are case-insensitive. */
  public Headers headers() {
    return headers;
  }

  /** The revision tag the caller asked for ({@code latest}, {@code prev}...), or {@code null}. */
  public @Nullable String tag() {
    return tag;
  }

  /**
   * The time left before the call's deadline (the shorter of the caller's timeout and the
   * component's {@code timeout}), never negative.
   */
  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  /** {@link #remaining()} in nanoseconds, never negative. */
  public long remainingNanos() {
    return Math.max(0, deadline - clock.nanoTime());
  }

  /** Whether the deadline has passed. */
  public boolean expired() {
    return deadline - clock.nanoTime() <= 0;
  }

  /**
   * The revision that answers the call, e.g. {@code sklearn-iris-predictor-00001}, once the router
   * has chosen it; {@code null} before (an interceptor reads it after {@code proceed} returns).
   */
  public @Nullable String revision() {
    return revision;
  }

  /** The attribute under {@code key}, or {@code null}. */
  public synchronized <T> @Nullable T get(Key<T> key) {
    Object @Nullable [] a = attributes;
    if (a != null) {
      for (int i = 0; i < a.length; i += 2) {
        if (a[i] == key) {
          return key.type.cast(a[i + 1]);
        }
      }
    }
    return null;
  }

  /** Sets the attribute under {@code key}, replacing any value it had. */
  public synchronized <T> void put(Key<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Object v = key.type.cast(Objects.requireNonNull(value, "value"));
    Object @Nullable [] a = attributes;
    if (a == null) {
      attributes = new Object[] {key, v};
      return;
    }
    for (int i = 0; i < a.length; i += 2) {
      if (a[i] == key) {
        a[i + 1] = v;
        return;
      }
    }
    Object[] grown = java.util.Arrays.copyOf(a, a.length + 2);
    grown[a.length] = key;
    grown[a.length + 1] = v;
    attributes = grown;
  }

  /** The clock the deadline is measured on. */
  Clock clock() {
    return clock;
  }

  /** Sets the revision the router chose. */
  void revision(String name) {
    this.revision = name;
  }

  /** Brings the deadline forward to {@code timeout} from now, if that is sooner. */
  void narrowDeadline(Duration timeout) {
    long d = clock.nanoTime() + timeout.toNanos();
    if (d - deadline < 0) {
      deadline = d;
    }
  }

  @Override
  public String toString() {
    return "CallContext{"
        + service
        + " "
        + operation
        + (tag == null ? "" : ", tag=" + tag)
        + (revision == null ? "" : ", revision=" + revision)
        + ", remaining="
        + remaining()
        + "}";
  }
}
