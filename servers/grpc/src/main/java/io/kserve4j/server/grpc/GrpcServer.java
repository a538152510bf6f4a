package io.kserve4j.server.grpc;

import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.server.grpc.internal.ServerRuntime;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * KServe's gRPC data plane ({@code inference.GRPCInferenceService}: ServerLive, ServerReady,
 * ModelReady, ServerMetadata, ModelMetadata, ModelInfer) over an {@link InferenceHandler}, on
 * Netty.
 *
 * <pre>{@code
 * try (GrpcServer server = GrpcServer.builder().handler(modelServer).port(8081).build().start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>ModelInfer takes inputs as typed {@code contents} or as {@code raw_input_contents} and answers
 * in the same form (raw whenever an output is FP16 or BF16, which have no typed field), with the
 * outputs the request asked for and the request's id. Failures answer with KServe's status codes
 * ({@link io.kserve4j.protocol.InferenceStatus#grpcCode()}) and the exception's message.
 *
 * <p>Thread-safe. {@link #close()} stops taking calls and lets those in flight finish.
 */
public final class GrpcServer implements AutoCloseable {
  /** KServe's gRPC port, {@value}. */
  public static final int DEFAULT_PORT = 8081;

  /** KServe's largest message, each way, in bytes: {@value} (8 MiB). */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;

  private final String host;
  private final int port;
  private final InferenceHandler handler;
  private final int maxMessageSize;
  private final @Nullable Executor executor;
  private final Duration shutdownGracePeriod;

  private final Object lock = new Object();
  private @Nullable ServerRuntime runtime;
  private boolean closed;

  private GrpcServer(Builder b, InferenceHandler handler) {
    this.host = b.host;
    this.port = b.port;
    this.handler = handler;
    this.maxMessageSize = b.maxMessageSize;
    this.executor = b.executor;
    this.shutdownGracePeriod = b.shutdownGracePeriod;
  }

  /** A builder for a server. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws UncheckedIOException if the address cannot be bound (the port is taken, the host is not
   *     local)
   * @throws IllegalStateException if the server was started or closed before
   */
  public GrpcServer start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("this GrpcServer is closed (build a new one)");
      }
      if (runtime != null) {
        throw new IllegalStateException("this GrpcServer is started already");
      }
      runtime = ServerRuntime.start(host, port, handler, maxMessageSize, executor);
    }
    return this;
  }

  /**
   * The port the server listens on: once started, the port bound (the one the system picked when
   * the builder asked for port 0); before, the port asked for.
   */
  public int port() {
    synchronized (lock) {
      ServerRuntime r = runtime;
      return r != null && !closed ? r.port() : port;
    }
  }

  /** The host or address the server binds. */
  public String host() {
    return host;
  }

  /** The largest message the server takes or sends, in bytes. */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** Whether the server has been started and not closed. */
  public boolean isRunning() {
    synchronized (lock) {
      return runtime != null && !closed;
    }
  }

  /**
   * Stops the server: no new calls are taken, calls in flight get the shutdown grace period to
   * finish, then the rest are cancelled. Closing twice, or a server never started, does nothing.
   */
  @Override
  public void close() {
    ServerRuntime r;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      r = runtime;
    }
    if (r != null) {
      r.stop(shutdownGracePeriod);
    }
  }

  @Override
  public String toString() {
    return "GrpcServer{" + host + ":" + port() + (isRunning() ? ", running}" : "}");
  }

  /** Builds a {@link GrpcServer}. Not thread-safe. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private @Nullable InferenceHandler handler;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private @Nullable Executor executor;
    private Duration shutdownGracePeriod = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Sets what the server serves. Required.
     *
     * @throws NullPointerException if {@code handler} is null
     */
    public Builder handler(InferenceHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Sets the host name or address to bind. By default {@code 0.0.0.0}, every interface; use
     * {@code 127.0.0.1} to serve this machine only.
     *
     * @throws NullPointerException if {@code host} is null
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port. By default {@value GrpcServer#DEFAULT_PORT}, KServe's; 0 lets the system pick
     * a free one, which {@link GrpcServer#port()} then reports.
     *
     * @throws IllegalArgumentException if {@code port} is not in 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port = " + port + ": must be in 0..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the largest message the server takes or sends, in bytes. By default {@value
     * GrpcServer#DEFAULT_MAX_MESSAGE_SIZE} (8 MiB), as KServe. A larger request is refused with
     * RESOURCE_EXHAUSTED before it is read; a larger reply is answered RESOURCE_EXHAUSTED.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxMessageSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxMessageSize = " + bytes + ": must be > 0");
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * Sets the executor the handler runs on. By default gRPC's own cached thread pool. The handler
     * may block, so do not pass a direct executor unless it never does.
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets how long {@link GrpcServer#close()} lets calls in flight finish. By default 30 seconds,
     * KServe's graceful stop.
     *
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public Builder shutdownGracePeriod(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGracePeriod = " + grace + ": must be >= 0");
      }
      this.shutdownGracePeriod = grace;
      return this;
    }

    /**
     * Builds the server, not yet started.
     *
     * @throws IllegalStateException if no handler was set
     */
    public GrpcServer build() {
      InferenceHandler h = handler;
      if (h == null) {
        throw new IllegalStateException(
            "GrpcServer needs a handler (call handler(...) with the InferenceHandler to serve)");
      }
      return new GrpcServer(this, h);
    }
  }
}
