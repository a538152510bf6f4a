package io.kserve4j.server.rest.internal;

import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.internal.wire.ClientErrorLog;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty half of {@code RestServer}: binds, builds each connection's pipeline, stops. Health,
 * readiness and metadata run on a small executor of their own ({@value #CONTROL_THREADS} threads,
 * {@value #CONTROL_QUEUE} waiting), never behind inference.
 */
public final class NettyRestServer {
  private static final System.Logger LOG = System.getLogger(NettyRestServer.class.getName());

  /** Threads for health, readiness and metadata requests. */
  static final int CONTROL_THREADS = 2;

  /** How many health, readiness and metadata requests may wait; more are answered 503. */
  static final int CONTROL_QUEUE = 256;

  private final EventLoopGroup group;
  private final Channel channel;
  private final ExecutorService control;
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
      Duration shutdownTimeout,
      RequestLimits limits,
      int maxResponseBytes) {
    this.executor = executor;
    this.control = controlExecutor();
    this.ownsExecutor = ownsExecutor;
    this.shutdownTimeout = shutdownTimeout;
    this.group =
        new MultiThreadIoEventLoopGroup(
            ioThreads,
            new DefaultThreadFactory("kserve4j-rest-io", true),
            NioIoHandler.newFactory());
    Router router = new Router(handler, limits, maxResponseBytes);
    ClientErrorLog clientErrors = new ClientErrorLog(System.getLogger(RestHandler.class.getName()));
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
                        .addLast("h2c", new PriorKnowledge(clientErrors))
                        .addLast("http", new HttpServerCodec())
                        .addLast("timeouts", new Timeouts(readNanos, idleNanos))
                        .addLast("body", new BodyLimit(maxBodyBytes))
                        .addLast(
                            "kserve", new RestHandler(router, executor, control, clientErrors));
                  }
                });
    try {
      this.channel = b.bind(host, port).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the checked BindException unchecked.
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      control.shutdownNow();
      if (ownsExecutor) {
        executor.shutdownNow();
      }
      throw new UncheckedIOException(
          new java.io.IOException(
              "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e));
    }
    LOG.log(System.Logger.Level.INFO, () -> "REST server listening on " + channel.localAddress());
  }

  private static ExecutorService controlExecutor() {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        CONTROL_THREADS,
        CONTROL_THREADS,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(CONTROL_QUEUE),
        r -> {
          Thread t = new Thread(r, "kserve4j-rest-health-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
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
    control.shutdown();
    long left = Math.max(0, deadline - System.nanoTime());
    group.shutdownGracefully(0, Math.max(left, 1), TimeUnit.NANOSECONDS).syncUninterruptibly();
    LOG.log(System.Logger.Level.INFO, "REST server stopped");
  }
}
