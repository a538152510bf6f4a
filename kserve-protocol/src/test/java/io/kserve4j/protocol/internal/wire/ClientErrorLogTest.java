package io.kserve4j.protocol.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ClientErrorLogTest {
  /** A System.Logger that keeps what it is given, DEBUG included. */
  static final class Recorder implements System.Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "recorder";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, Supplier<String> message) {
      lines.add(level + " " + message.get());
    }

    @Override
    public void log(
        Level level, @Nullable ResourceBundle bundle, String msg, @Nullable Throwable thrown) {
      lines.add(level + " " + msg + (thrown == null ? "" : " +stack"));
    }

    @Override
    public void log(
        Level level, @Nullable ResourceBundle bundle, String format, @Nullable Object... params) {
      lines.add(level + " " + format);
    }
  }

  @Test
  void oneLinePerKindPerInterval_atInfo_theRestAtDebug_neverAStackTrace() {
    Recorder recorder = new Recorder();
    AtomicLong now = new AtomicLong(5);
    ClientErrorLog log = new ClientErrorLog(recorder, Duration.ofSeconds(60), now::get);

    assertThat(log.log("400 invalid input", () -> "bad shape")).isTrue();
    assertThat(log.log("400 invalid input", () -> "bad shape again")).isFalse();
    assertThat(log.log("404 not found", () -> "no route")).isTrue();
    now.addAndGet(Duration.ofSeconds(61).toNanos());
    assertThat(log.log("400 invalid input", () -> "third")).isTrue();

    assertThat(recorder.lines)
        .containsExactly(
            "INFO answered 400 invalid input: bad shape",
            "DEBUG answered 400 invalid input: bad shape again",
            "INFO answered 404 not found: no route",
            "INFO answered 400 invalid input: third [and 1 more of this kind since the last such"
                + " line, logged at DEBUG]");
  }

  @Test
  void messages_areCutAndEscaped() {
    Recorder recorder = new Recorder();
    ClientErrorLog log = new ClientErrorLog(recorder);

    log.log("400 invalid input", () -> "id a\r\nforged " + "x".repeat(5000));

    assertThat(recorder.lines).hasSize(1);
    assertThat(recorder.lines.get(0)).contains("id a\\u000d\\u000aforged").hasSizeLessThan(1200);
  }
}
