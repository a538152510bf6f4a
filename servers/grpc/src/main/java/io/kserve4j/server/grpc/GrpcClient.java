package io.kserve4j.server.grpc;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.client.OpenInferenceClient;
import io.kserve4j.server.grpc.internal.ClientRuntime;
import java.time.Duration;
import java.util.Objects;

/**
 * A client of any Open Inference Protocol gRPC server ({@code inference.GRPCInferenceService}):
 * KServe, Triton, or a kserve4j {@link GrpcServer}, over a plaintext channel.
 *
 * <pre>{@code
 * try (GrpcClient client = GrpcClient.create("localhost", 8081)) {
 *   InferResponse response = client.infer("iris", InferRequest.of("x", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}));
 * }
 * }</pre>
 *
 * <p>Inputs go as typed {@code contents}, or as {@code raw_input_contents} when the builder says
 * {@link Builder#raw(boolean) raw(true)} or an input is FP16 or BF16. Every call has a deadline. A
 * failed call throws the {@link io.kserve4j.protocol.InferenceException} subclass for the server's
 * status code, with the server's message: INVALID_ARGUMENT {@link
 * io.kserve4j.protocol.InvalidInputException}, NOT_FOUND {@link
 * io.kserve4j.protocol.ModelNotFoundException}, UNAVAILABLE {@link
 * io.kserve4j.protocol.ModelNotReadyException}, RESOURCE_EXHAUSTED {@link
 * io.kserve4j.protocol.OverloadedException}, DEADLINE_EXCEEDED {@link
 * io.kserve4j.protocol.InferenceTimeoutException}; a kserve4j server's trailers make the mapping
 * exact (a model failure, which KServe sends as INVALID_ARGUMENT, comes back as {@link
 * io.kserve4j.protocol.ModelFailureException}).
 *
 * <p>Thread-safe; share one client per server.
 */
public final class GrpcClient implements OpenInferenceClient {
  private final String host;
  private final int port;
  private final boolean raw;
  private final ClientRuntime runtime;

  private GrpcClient(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.raw = b.raw;
    this.runtime = ClientRuntime.open(b.host, b.port, b.maxMessageSize, b.timeout, b.raw);
  }

  /**
   * A client of {@code host:port} with the defaults of {@link Builder}.
   *
   * @throws IllegalStateException if gRPC is not on the class path; the message names the artifacts
   *     to add
   * @throws IllegalArgumentException if {@code port} is not in 1..65535
   */
  public static GrpcClient create(String host, int port) {
    return builder().host(host).port(port).build();
  }

  /** A builder for a client. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.kserve4j.protocol.InferenceException with the server's status if the call fails,
   *     UNAVAILABLE if the server cannot be reached, TIMEOUT past the deadline
   */
  @Override
  public boolean isServerLive() {
    return runtime.isServerLive();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.kserve4j.protocol.InferenceException with the server's status if the call fails,
   *     UNAVAILABLE if the server cannot be reached, TIMEOUT past the deadline
   */
  @Override
  public boolean isServerReady() {
    return runtime.isServerReady();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.kserve4j.protocol.InferenceException with the server's status if the call fails,
   *     UNAVAILABLE if the server cannot be reached, TIMEOUT past the deadline
   */
  @Override
  public ServerMetadata serverMetadata() {
    return runtime.serverMetadata();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException if the server has no such model
   * @throws io.kserve4j.protocol.InvalidInputException if the metadata names an unknown datatype
   * @throws io.kserve4j.protocol.InferenceException with the server's status on other failures
   */
  @Override
  public ModelMetadata modelMetadata(String model) {
    return runtime.modelMetadata(model);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException if the server has no such model
   * @throws io.kserve4j.protocol.InferenceException with the server's status on other failures
   */
  @Override
  public boolean isModelReady(String model) {
    return runtime.isModelReady(model);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The response's tensors decoded from raw contents read the received bytes in place.
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException if the server has no such model
   * @throws io.kserve4j.protocol.InvalidInputException if the server refuses the input, or its
   *     reply is malformed
   * @throws io.kserve4j.protocol.ModelFailureException if the model failed (from a kserve4j server;
   *     KServe sends this as INVALID_ARGUMENT)
   * @throws io.kserve4j.protocol.OverloadedException if the request or reply is larger than a
   *     message may be, or the server is overloaded (RESOURCE_EXHAUSTED)
   * @throws io.kserve4j.protocol.InferenceTimeoutException past the deadline
   * @throws io.kserve4j.protocol.InferenceException with the server's status on other failures
   */
  @Override
  public InferResponse infer(String model, InferRequest request) {
    return runtime.infer(model, request);
  }

  /** Closes the channel, giving calls in flight up to 5 seconds. */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "GrpcClient{" + host + ":" + port + (raw ? ", raw}" : "}");
  }

  /** Builds a {@link GrpcClient}. Not thread-safe. */
  public static final class Builder {
    private String host = "localhost";
    private int port = GrpcServer.DEFAULT_PORT;
    private boolean raw;
    private int maxMessageSize = GrpcServer.DEFAULT_MAX_MESSAGE_SIZE;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * Sets the server's host. By default {@code localhost}.
     *
     * @throws NullPointerException if {@code host} is null
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the server's port. By default {@value GrpcServer#DEFAULT_PORT}, KServe's.
     *
     * @throws IllegalArgumentException if {@code port} is not in 1..65535
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port = " + port + ": must be in 1..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Whether to send inputs as {@code raw_input_contents} (little-endian bytes: compact, and the
     * server reads them in place) rather than typed {@code contents}. By default false; FP16 and
     * BF16 inputs always go raw.
     */
    public Builder raw(boolean raw) {
      this.raw = raw;
      return this;
    }

    /**
     * Sets the largest reply the client takes, in bytes. By default {@value
     * GrpcServer#DEFAULT_MAX_MESSAGE_SIZE} (8 MiB), as KServe.
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
     * Sets the deadline of each call. By default 30 seconds.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout = " + timeout + ": must be > 0");
      }
      this.timeout = timeout;
      return this;
    }

    /** Builds the client; it connects on its first call. */
    public GrpcClient build() {
      return new GrpcClient(this);
    }
  }
}
