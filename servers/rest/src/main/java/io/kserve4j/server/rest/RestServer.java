package io.kserve4j.server.rest;

import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.server.rest.internal.NettyRestServer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * KServe's REST data plane on Netty, serving an {@link InferenceHandler}: the v1 routes ({@code
 * /v1/models/<m>:predict}, {@code :explain}), the Open Inference Protocol v2 routes ({@code
 * /v2/models/<m>/infer}, health, metadata) with the binary tensor extension, and KServe's error
 * bodies ({@code {"error": "..."}} with the status of the {@link
 * io.kserve4j.protocol.InferenceException}).
 *
 * <pre>{@code
 * try (RestServer server = RestServer.builder(modelServer).port(8080).build().start()) {
 *   ...  // curl localhost:8080/v2/health/ready
 * }
 * }</pre>
 *
 * <p>HTTP/1.1 with keep-alive; a connection's requests are answered in order. Every model call runs
 * on an executor, never on Netty's event loop, so a slow model blocks no other connection; health,
 * readiness and metadata run on a small executor of their own, so a full inference queue never
 * holds up a liveness probe. What one request may cost is bounded: its body ({@link
 * Builder#maxBodyBytes}), its tensors ({@link Builder#maxInputs}, {@link Builder#maxOutputs}), its
 * id ({@link Builder#maxRequestIdLength}) and its answer ({@link Builder#maxResponseBytes}); see
 * docs/limits-and-hardening.md. It comes with the artifact {@code
 * io.kserve4j:kserve4j-server-rest}, which brings Netty. Thread-safe.
 */
public final class RestServer implements AutoCloseable {
  /** KServe's model server HTTP port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default body limit, 8 MiB: KServe's gRPC maximum message size. */
  public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** The default read timeout: a request must arrive whole within 30 s of its first line. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** The default idle timeout, 65 s: KServe's {@code --timeout-keep-alive}. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(65);

  /**
   * The default answer limit, 32 MiB: four times the body limit, since JSON spells a tensor in two
   * to four times its bytes. An answer over it is 413, before it is built.
   */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

  /** The default number of inference requests that may wait for a thread: {@value}. */
  public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1024;

  private final Builder config;
  private volatile @Nullable NettyRestServer running;
  private volatile int boundPort = -1;

  private RestServer(Builder config) {
    this.config = config;
  }

  /**
   * A builder for a server of {@code handler}.
   *
   * @param handler what the server serves: health, metadata and models
   */
  public static Builder builder(InferenceHandler handler) {
    return new Builder(Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Binds the address and starts serving.
   *
   * @return this server
   * @throws IllegalStateException if the server was started already
   * @throws java.io.UncheckedIOException if the address cannot be bound (the port is taken)
   */
  public synchronized RestServer start() {
    if (running != null || boundPort == -2) {
      throw new IllegalStateException("this RestServer was started already (build a new one)");
    }
    ExecutorService executor = config.executor;
    boolean owns = executor == null;
    if (executor == null) {
      executor = defaultExecutor(config.inferenceThreads, config.queueCapacity);
    }
    NettyRestServer server =
        new NettyRestServer(
            config.handler,
            config.host,
            config.port,
            config.maxBodyBytes,
            config.ioThreads,
            executor,
            owns,
            config.readTimeout,
            config.idleTimeout,
            config.shutdownTimeout,
            config.limits,
            config.maxResponseBytes);
    running = server;
    boundPort = server.port();
    return this;
  }

  /**
   * The port the server listens on: the bound one when the builder asked for port 0.
   *
   * @throws IllegalStateException if the server is not started
   */
  public int port() {
    int p = boundPort;
    if (p < 0) {
      throw new IllegalStateException("the server is not started (call start())");
    }
    return p;
  }

  /** The host or address the server listens on. */
  public String host() {
    return config.host;
  }

  /** The body limit in bytes. */
  public int maxBodyBytes() {
    return config.maxBodyBytes;
  }

  /** The answer limit in bytes, JSON and binary parts together. */
  public int maxResponseBytes() {
    return config.maxResponseBytes;
  }

  /** What one request may ask: inputs, outputs, id length. */
  public RequestLimits requestLimits() {
    return config.limits;
  }

  /**
   * Stops gracefully: stops accepting connections, lets model calls under way finish (up to the
   * shutdown timeout), then closes every connection. Does nothing if the server is not running.
   */
  @Override
  public synchronized void close() {
    NettyRestServer server = running;
    if (server != null) {
      running = null;
      boundPort = -2;
      server.close();
    }
  }

  @Override
  public String toString() {
    return "RestServer{" + config.host + ":" + (boundPort >= 0 ? boundPort : config.port) + "}";
  }

  private static ExecutorService defaultExecutor(int threads, int queueCapacity) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "kserve4j-rest-infer-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(queueCapacity),
        factory,
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Builds a {@link RestServer}. Not thread-safe. */
  public static final class Builder {
    private final InferenceHandler handler;
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    private int inferenceThreads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    private int queueCapacity = DEFAULT_MAX_QUEUED_REQUESTS;
    private RequestLimits limits = RequestLimits.ofDefaults();
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private @Nullable ExecutorService executor;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    private Builder(InferenceHandler handler) {
      this.handler = handler;
    }

    /**
     * Sets the port. By default 8080, KServe's; 0 picks a free port ({@link #port()} reports it).
     *
     * @throws IllegalArgumentException if the port is outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port = " + port + ": must be in 0..65535");
      }
      this.port = port;
      return this;
    }

    /** Sets the host or address to listen on. By default {@code 0.0.0.0}, every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the largest request body accepted; a larger one is answered 413. By default 8 MiB
     * (8,388,608 bytes), KServe's gRPC maximum message size.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes = " + maxBodyBytes + ": must be > 0");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets the number of Netty event-loop (I/O) threads. By default min(4, CPUs).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder workerThreads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("workerThreads = " + threads + ": must be > 0");
      }
      this.ioThreads = threads;
      return this;
    }

    /**
     * Sets the largest answer, JSON and binary parts together; a larger one is answered 413 before
     * it is built (from a lower bound of its size) or while it is written. By default 32 MiB
     * (33,554,432 bytes), four times the body limit.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxResponseBytes(int maxResponseBytes) {
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException(
            "maxResponseBytes = " + maxResponseBytes + ": must be > 0");
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets the most input tensors a request may carry; more are answered 400 as soon as the one
     * over the limit is read. By default {@value RequestLimits#DEFAULT_MAX_INPUTS}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxInputs(int maxInputs) {
      this.limits = limits.withMaxInputs(maxInputs);
      return this;
    }

    /**
     * Sets the most outputs a request may name in {@code outputs}; more are answered 400. By
     * default {@value RequestLimits#DEFAULT_MAX_OUTPUTS}. An output named twice is always 400.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxOutputs(int maxOutputs) {
      this.limits = limits.withMaxOutputs(maxOutputs);
      return this;
    }

    /**
     * Sets the longest request id ({@code id} or the {@code x-request-id} header), in characters; a
     * longer one is answered 400 before the model runs. By default {@value
     * RequestLimits#DEFAULT_MAX_REQUEST_ID_LENGTH}. An id with a control character is always 400.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRequestIdLength(int maxRequestIdLength) {
      this.limits = limits.withMaxRequestIdLength(maxRequestIdLength);
      return this;
    }

    /**
     * Sets how many inference requests may wait for a thread, when the server makes its own
     * executor; more are answered 503 at once. By default {@value
     * RestServer#DEFAULT_MAX_QUEUED_REQUESTS}. Each waiting request holds its body, up to {@link
     * #maxBodyBytes}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxQueuedRequests(int maxQueuedRequests) {
      if (maxQueuedRequests <= 0) {
        throw new IllegalArgumentException(
            "maxQueuedRequests = " + maxQueuedRequests + ": must be > 0");
      }
      this.queueCapacity = maxQueuedRequests;
      return this;
    }

    /**
     * Sets the number of threads that run model calls, when the server makes its own executor. By
     * default min(32, CPUs + 4), as KServe's {@code --max_asyncio_workers}. Up to {@link
     * #maxQueuedRequests} (1024) requests wait for a thread; more are answered 503.
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
     * Runs model calls (and body decoding and encoding) on {@code executor}, which the caller owns
     * and shuts down. By default the server makes its own (see {@link #inferenceThreads}).
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets how long a request may take to arrive, from its first line to its last byte; a client
     * that stops mid-body or trickles it is answered 408 and closed. By default 30 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets how long a connection may stay idle (no request being read or answered) before it is
     * closed. By default 65 s, KServe's {@code --timeout-keep-alive}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Sets how long {@link RestServer#close()} waits for model calls under way. By default 30 s,
     * KServe's graceful stop.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout = " + timeout + ": must be >= 0");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** Builds the server (not started: call {@link RestServer#start()}). */
    public RestServer build() {
      return new RestServer(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " = " + d + ": must be > 0");
      }
      return d;
    }
  }
}
