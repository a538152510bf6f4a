package io.kserve4j.server.grpc.internal;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.kserve4j.protocol.InferenceHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A started Netty gRPC server serving one {@link InferenceEndpoint}. */
public final class ServerRuntime {
  private static final System.Logger LOG = System.getLogger(ServerRuntime.class.getName());

  private final Server server;

  private ServerRuntime(Server server) {
    this.server = server;
  }

  /**
   * Binds and starts a server.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ServerRuntime start(
      String host,
      int port,
      InferenceHandler handler,
      int maxMessageSize,
      @Nullable Executor executor) {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(maxMessageSize)
            .addService(new InferenceEndpoint(handler, maxMessageSize).definition());
    if (executor != null) {
      builder.executor(executor);
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "gRPC inference server listening on {0}:{1}",
        host,
        String.valueOf(server.getPort()));
    return new ServerRuntime(server);
  }

  /** The port bound. */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops taking calls, lets the calls in flight finish for up to {@code grace}, then cancels what
   * is left.
   */
  public void stop(Duration grace) {
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
