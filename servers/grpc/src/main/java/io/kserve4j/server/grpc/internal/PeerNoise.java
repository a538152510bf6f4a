package io.kserve4j.server.grpc.internal;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Two of grpc-java's log lines are a peer's doing, not the server's, yet come with a stack trace: a
 * message gRPC refuses (over the max message size, a corrupt frame: "Exception processing message",
 * WARNING) and bytes that are no HTTP/2 ("Transport failed", INFO). A client could fill the log
 * with them, 2.75 MB in 1.6 s. This filter logs them at FINE (DEBUG), one line without the trace;
 * every other record of those loggers passes as before, through the filter that was there.
 */
final class PeerNoise implements Filter {
  private static final String STREAM = "io.grpc.netty.NettyServerStream";
  private static final String CONNECTIONS = "io.grpc.netty.NettyServerTransport.connections";

  // JUL keeps loggers weakly: hold the two whose filter is set.
  private static final List<Logger> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final Logger logger;
  private final @Nullable Filter previous;

  private PeerNoise(Logger logger, @Nullable Filter previous) {
    this.logger = logger;
    this.previous = previous;
  }

  /** Installs the filter on the two loggers, once. */
  static synchronized void install() {
    if (!HELD.isEmpty()) {
      return;
    }
    for (String name : List.of(STREAM, CONNECTIONS)) {
      Logger l = Logger.getLogger(name);
      l.setFilter(new PeerNoise(l, l.getFilter()));
      HELD.add(l);
    }
  }

  @Override
  public boolean isLoggable(LogRecord r) {
    if (r.getLevel().intValue() > Level.FINE.intValue() && isPeerNoise(r)) {
      if (logger.isLoggable(Level.FINE)) {
        logger.log(Level.FINE, "from a peer: " + r.getMessage() + ": " + r.getThrown());
      }
      return false;
    }
    return previous == null || previous.isLoggable(r);
  }

  private static boolean isPeerNoise(LogRecord r) {
    String name = r.getLoggerName();
    String message = r.getMessage();
    return (STREAM.equals(name) && "Exception processing message".equals(message))
        || (CONNECTIONS.equals(name) && "Transport failed".equals(message));
  }
}
