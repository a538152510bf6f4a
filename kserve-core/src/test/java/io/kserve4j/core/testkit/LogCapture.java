package io.kserve4j.core.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what one logger (System.Logger goes to java.util.logging here) writes, formatted, while
 * open.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final Handler handler;
  private final List<LogRecord> records = new ArrayList<>();

  private LogCapture(String name) {
    logger = Logger.getLogger(name);
    previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            synchronized (records) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
  }

  /**
   * Starts capturing the logger called {@code name} and, through it, every logger below it (e.g.
   * {@code io.kserve4j} for all of kserve4j).
   */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** Starts capturing the logger of {@code type}. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  /** The messages logged at {@code level}, formatted, in order. */
  public List<String> messages(Level level) {
    List<String> out = new ArrayList<>();
    java.util.logging.Formatter f =
        new java.util.logging.Formatter() {
          @Override
          public String format(LogRecord r) {
            return formatMessage(r);
          }
        };
    synchronized (records) {
      for (LogRecord r : records) {
        if (r.getLevel().equals(level)) {
          out.add(f.format(r));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previous);
  }
}
