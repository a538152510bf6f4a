package io.kserve4j.protocol.internal.wire;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Logs what clients get wrong or are refused (4xx answers, malformed requests, not found, not
 * ready, overloaded) without letting a client fill the log: one line per kind per interval at INFO,
 * saying how many of that kind came since the last line; every other one at DEBUG. Never a stack
 * trace: the client's mistake is in the message.
 *
 * <p>Kinds are the server's own words ({@code "400 invalid_input"}, {@code "400 malformed HTTP"}),
 * never a client's strings, so the set of kinds stays small. Thread-safe.
 */
public final class ClientErrorLog {
  /** The default interval: one line per kind per minute. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final System.Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** A log over {@code log}, one line per kind per {@link #DEFAULT_INTERVAL}. */
  public ClientErrorLog(System.Logger log) {
    this(log, DEFAULT_INTERVAL, System::nanoTime);
  }

  /** A log over {@code log}, one line per kind per {@code interval}, timed by {@code nanoTime}. */
  public ClientErrorLog(System.Logger log, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Logs one client error of {@code kind}: at INFO when none of that kind was logged at INFO within
   * the interval, else at DEBUG. The message is cut to {@link Echo#MAX_MESSAGE} characters.
   *
   * @return whether it was logged at INFO
   */
  public boolean log(String kind, Supplier<String> message) {
    long now = nanoTime.getAsLong();
    Window w = windows.computeIfAbsent(kind, k -> new Window(now));
    long next = w.next.get();
    if (now - next >= 0 && w.next.compareAndSet(next, now + intervalNanos)) {
      long before = w.suppressed.getAndSet(0);
      log.log(
          Level.INFO,
          () ->
              "answered "
                  + kind
                  + ": "
                  + Echo.message(message.get())
                  + (before > 0
                      ? " [and "
                          + before
                          + " more of this kind since the last such line, logged at DEBUG]"
                      : ""));
      return true;
    }
    w.suppressed.incrementAndGet();
    if (log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, "answered " + kind + ": " + Echo.message(message.get()));
    }
    return false;
  }

  private static final class Window {
    final AtomicLong next;
    final AtomicLong suppressed = new AtomicLong();

    Window(long now) {
      this.next = new AtomicLong(now); // the first one is logged
    }
  }
}
