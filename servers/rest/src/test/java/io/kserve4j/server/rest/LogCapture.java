package io.kserve4j.server.rest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps what kserve4j and Netty log (System.Logger goes to java.util.logging by default) at INFO
 * and above, so that a test can assert that a hostile client caused no stack trace and no warning.
 */
final class LogCapture implements AutoCloseable {
  final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers;
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

  LogCapture(String... loggerNames) {
    this.loggers = new java.util.ArrayList<>();
    for (String name : loggerNames) {
      Logger l = Logger.getLogger(name);
      l.addHandler(handler);
      loggers.add(l);
    }
  }

  /** Records with a stack trace, or at WARNING and above. */
  List<String> alarming() {
    List<String> out = new java.util.ArrayList<>();
    for (LogRecord r : records) {
      if (r.getThrown() != null || r.getLevel().intValue() >= Level.WARNING.intValue()) {
        out.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage());
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (Logger l : loggers) {
      l.removeHandler(handler);
    }
  }
}
