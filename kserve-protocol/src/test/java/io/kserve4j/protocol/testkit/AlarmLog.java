package io.kserve4j.protocol.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps what the named loggers and their children write at INFO and above (System.Logger goes to
 * java.util.logging by default), so that a test can assert that a hostile client caused no stack
 * trace and no warning: {@code new AlarmLog("io.kserve4j", "io.netty")}, then {@link #alarming()}.
 */
public final class AlarmLog implements AutoCloseable {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Starts keeping what the loggers named (and those below them) write. */
  public AlarmLog(String... loggerNames) {
    for (String name : loggerNames) {
      Logger l = Logger.getLogger(name);
      l.addHandler(handler);
      loggers.add(l);
    }
  }

  /** Records with a stack trace, or at WARNING and above, as {@code LEVEL logger: message}. */
  public List<String> alarming() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getThrown() != null || r.getLevel().intValue() >= Level.WARNING.intValue()) {
        out.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage());
      }
    }
    return out;
  }

  /** Stops keeping records. */
  @Override
  public void close() {
    for (Logger l : loggers) {
      l.removeHandler(handler);
    }
  }
}
