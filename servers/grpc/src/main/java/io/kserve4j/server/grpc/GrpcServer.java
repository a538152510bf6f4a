package io.kserve4j.server.grpc;

import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.RequestLimits;
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
 * <p>Model calls run on a bounded executor ({@link Builder#inferenceThreads}, {@link
 * Builder#maxQueuedRequests}): a call it cannot take is answered RESOURCE_EXHAUSTED at once, never
 * parked on a thread of its own. ServerLive, ServerReady, ModelReady and the metadata RPCs run on
 * threads of their own and never wait behind inference. What one call may cost is bounded: its
 * message and its reply ({@link Builder#maxMessageSize}, the reply checked before it is built), its
 * tensors ({@link Builder#maxInputs}, {@link Builder#maxOutputs}) and its id ({@link
 * Builder#maxRequestIdLength}); see docs/limits-and-hardening.md.
 *
 * <p>Thread-safe. {@link #close()} stops taking calls and lets those in flight finish.
 */
public final class GrpcServer implements AutoCloseable {
  /** KServe's gRPC port, {@value}. */
  public static final int DEFAULT_PORT = 8081;

  /** KServe's largest message, each way, in bytes: {@value} (8 MiB). */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;

  /** The default number of ModelInfer calls that may wait for a thread: {@value}. */
  public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1024;

  private final String host;
  private final int port;
  private final InferenceHandler handler;
  private final int maxMessageSize;
  private final @Nullable Executor executor;
  private final Duration shutdownGracePeriod;
  private final RequestLimits limits;
  private final int inferenceThreads;
  private final int maxQueuedRequests;

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
    this.limits = b.limits;
    this.inferenceThreads = b.inferenceThreads;
    this.maxQueuedRequests = b.maxQueuedRequests;
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
      runtime =
          ServerRuntime.start(
              host,
              port,
              handler,
              maxMessageSize,
              limits,
              executor,
              inferenceThreads,
              maxQueuedRequests);
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

  /** What one request may ask: inputs, outputs, id length. */
  public RequestLimits requestLimits() {
    return limits;
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
    private RequestLimits limits = RequestLimits.ofDefaults();
    private int inferenceThreads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    private int maxQueuedRequests = DEFAULT_MAX_QUEUED_REQUESTS;

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
     * RESOURCE_EXHAUSTED before it is read; a larger reply is answered RESOURCE_EXHAUSTED before it
     * is built (from a lower bound of its size, so a reply of gigabytes is never built), or after
     * when the exact size is over.
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
     * Runs model calls (ModelInfer: decoding, the handler, encoding) on {@code executor}, which the
     * caller owns and shuts down. A call it rejects is answered RESOURCE_EXHAUSTED at once. By
     * default the server makes its own bounded executor (see {@link #inferenceThreads}). The
     * handler may block, so do not pass a direct executor unless it never does.
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the number of threads that run model calls, when the server makes its own executor. By
     * default min(32, CPUs + 4), as the REST server. Up to {@link #maxQueuedRequests} calls wait
     * for a thread; more are answered RESOURCE_EXHAUSTED at once.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder inferenceThreads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("inferenceThreads = " + threads + ": must be > 0");
      }
      this.inferenceThreads = threads;
      return this;
    }

    /**
     * Sets how many ModelInfer calls may wait for a thread, when the server makes its own executor;
     * more are answered RESOURCE_EXHAUSTED at once. By default {@value
     * GrpcServer#DEFAULT_MAX_QUEUED_REQUESTS}. Each waiting call holds its message, up to {@link
     * #maxMessageSize}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxQueuedRequests(int maxQueuedRequests) {
      if (maxQueuedRequests <= 0) {
        throw new IllegalArgumentException(
            "maxQueuedRequests = " + maxQueuedRequests + ": must be > 0");
      }
      this.maxQueuedRequests = maxQueuedRequests;
      return this;
    }

    /**
     * Sets the most input tensors a ModelInfer request may carry; more are INVALID_ARGUMENT before
     * any tensor is built. By default {@value RequestLimits#DEFAULT_MAX_INPUTS}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxInputs(int maxInputs) {
      this.limits = limits.withMaxInputs(maxInputs);
      return this;
    }

    /**
     * Sets the most outputs a ModelInfer request may name; more are INVALID_ARGUMENT. By default
     * {@value RequestLimits#DEFAULT_MAX_OUTPUTS}. An output named twice is always INVALID_ARGUMENT.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxOutputs(int maxOutputs) {
      this.limits = limits.withMaxOutputs(maxOutputs);
      return this;
    }

    /**
     * Sets the longest request id, in characters; a longer one is INVALID_ARGUMENT before the model
     * runs. By default {@value RequestLimits#DEFAULT_MAX_REQUEST_ID_LENGTH}. An id with a control
     * character is always INVALID_ARGUMENT.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRequestIdLength(int maxRequestIdLength) {
      this.limits = limits.withMaxRequestIdLength(maxRequestIdLength);
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
