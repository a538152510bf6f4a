package io.kserve4j.server.rest.internal;

import io.kserve4j.protocol.InferenceHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The Netty half of {@code RestServer}: binds, builds each connection's pipeline, stops. */
public final class NettyRestServer {
  private static final System.Logger LOG = System.getLogger(NettyRestServer.class.getName());

  private final EventLoopGroup group;
  private final Channel channel;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Duration shutdownTimeout;

  /**
   * Binds and starts serving.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public NettyRestServer(
      InferenceHandler handler,
      String host,
      int port,
      int maxBodyBytes,
      int ioThreads,
      ExecutorService executor,
      boolean ownsExecutor,
      Duration readTimeout,
      Duration idleTimeout,
      Duration shutdownTimeout) {
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
    this.shutdownTimeout = shutdownTimeout;
    this.group =
        new MultiThreadIoEventLoopGroup(
            ioThreads,
            new DefaultThreadFactory("kserve4j-rest-io", true),
            NioIoHandler.newFactory());
    Router router = new Router(handler);
    long readNanos = readTimeout.toNanos();
    long idleNanos = idleTimeout.toNanos();
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("http", new HttpServerCodec())
                        .addLast("timeouts", new Timeouts(readNanos, idleNanos))
                        .addLast("body", new BodyLimit(maxBodyBytes))
                        .addLast("kserve", new RestHandler(router, executor));
                  }
                });
    try {
      this.channel = b.bind(host, port).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the checked BindException unchecked.
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (ownsExecutor) {
        executor.shutdownNow();
      }
      throw new UncheckedIOException(
          new java.io.IOException(
              "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e));
    }
    LOG.log(System.Logger.Level.INFO, () -> "REST server listening on " + channel.localAddress());
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops accepting, lets running model calls finish (up to the timeout), closes everything. */
  public void close() {
    channel.close().syncUninterruptibly();
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    if (ownsExecutor) {
      executor.shutdown();
      try {
        executor.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor.shutdownNow();
    }
    long left = Math.max(0, deadline - System.nanoTime());
    group.shutdownGracefully(0, Math.max(left, 1), TimeUnit.NANOSECONDS).syncUninterruptibly();
    LOG.log(System.Logger.Level.INFO, "REST server stopped");
  }
}
