package io.kserve4j.server.grpc.internal;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.NettyServerBuilder;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.internal.wire.ClientErrorLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A started Netty gRPC server serving one {@link InferenceEndpoint}, on three sets of threads:
 *
 * <ul>
 *   <li>calls: a few threads on which gRPC starts calls, parses messages and hands ModelInfer on;
 *       they never run a model, so they never wait;
 *   <li>inference: the bounded executor model calls run on ({@code inferenceThreads} threads,
 *       {@code maxQueuedRequests} waiting); what it cannot take is answered RESOURCE_EXHAUSTED at
 *       once;
 *   <li>health: two threads for ServerLive, ServerReady, ModelReady and the metadata RPCs, so that
 *       they never wait behind inference, nor behind the parsing of large inference messages.
 * </ul>
 */
public final class ServerRuntime {
  private static final System.Logger LOG = System.getLogger(ServerRuntime.class.getName());

  private final Server server;
  private final ExecutorService calls;
  private final ExecutorService health;
  private final @Nullable ExecutorService ownInference;

  private ServerRuntime(
      Server server,
      ExecutorService calls,
      ExecutorService health,
      @Nullable ExecutorService ownInference) {
    this.server = server;
    this.calls = calls;
    this.health = health;
    this.ownInference = ownInference;
  }

  /**
   * Binds and starts a server.
   *
   * @param executor where model calls run, or {@code null} for the server's own bounded executor of
   *     {@code inferenceThreads} threads and {@code maxQueuedRequests} places
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ServerRuntime start(
      String host,
      int port,
      InferenceHandler handler,
      int maxMessageSize,
      RequestLimits limits,
      @Nullable Executor executor,
      int inferenceThreads,
      int maxQueuedRequests) {
    ExecutorService own = null;
    Executor inference;
    if (executor != null) {
      inference = executor;
    } else {
      own =
          pool(
              "kserve4j-grpc-infer-",
              inferenceThreads,
              new ArrayBlockingQueue<>(maxQueuedRequests));
      inference = own;
    }
    // Unbounded queues: gRPC cannot answer a call its executor rejects, and these threads only
    // parse and hand on (calls) or answer cheap questions (health).
    int cpus = Runtime.getRuntime().availableProcessors();
    ExecutorService calls =
        pool("kserve4j-grpc-call-", Math.max(2, Math.min(cpus, 8)), new LinkedBlockingQueue<>());
    ExecutorService health = pool("kserve4j-grpc-health-", 2, new LinkedBlockingQueue<>());
    ClientErrorLog clientErrors =
        new ClientErrorLog(System.getLogger(InferenceEndpoint.class.getName()));
    PeerNoise.install();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(maxMessageSize)
            .executor(calls)
            .callExecutor(new HealthApart(health))
            .addService(
                new InferenceEndpoint(handler, maxMessageSize, limits, inference, clientErrors)
                    .definition());
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      calls.shutdownNow();
      health.shutdownNow();
      if (own != null) {
        own.shutdownNow();
      }
      throw new UncheckedIOException(
          "cannot serve gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "gRPC inference server listening on {0}:{1}",
        host,
        String.valueOf(server.getPort()));
    return new ServerRuntime(server, calls, health, own);
  }

  /** ModelInfer on the calls executor (it hands on at once); every other RPC on health's. */
  private static final class HealthApart implements ServerCallExecutorSupplier {
    private final Executor health;

    HealthApart(Executor health) {
      this.health = health;
    }

    @Override
    public <Q, R> @Nullable Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
      return InferenceEndpoint.MODEL_INFER.equals(call.getMethodDescriptor().getFullMethodName())
          ? null
          : health;
    }
  }

  private static ExecutorService pool(
      String prefix, int threads, java.util.concurrent.BlockingQueue<Runnable> queue) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        queue,
        r -> {
          Thread t = new Thread(r, prefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
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
    } finally {
      if (ownInference != null) {
        ownInference.shutdownNow();
      }
      calls.shutdownNow();
      health.shutdownNow();
    }
  }
}
