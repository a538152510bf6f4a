package io.kserve4j.protocol.client;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.OverloadedException;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.internal.json.BinaryTensors;
import io.kserve4j.protocol.internal.json.V2Reader;
import io.kserve4j.protocol.internal.json.V2Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An Open Inference Protocol (v2) client over REST on the JDK's {@link HttpClient}: works against
 * kserve4j's {@link RestServer}, KServe's model servers and Triton.
 *
 * <pre>{@code
 * try (RestClient client = RestClient.builder(URI.create("http://localhost:8080")).build()) {
 *   InferResponse r = client.infer("sklearn-iris",
 *       InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}));
 * }
 * }</pre>
 *
 * <p>With {@code binary(true)} inputs travel as binary tensors and outputs are asked for in binary
 * (the binary tensor extension): no number is printed or parsed. FP16 and BF16 inputs always travel
 * in binary. Failures come back as the {@link InferenceException} subclass of the HTTP status, with
 * the server's {@code error} message. Thread-safe.
 */
public final class RestClient implements OpenInferenceClient {
  private final URI base;
  private final HttpClient http;
  private final boolean binary;
  private final Duration timeout;
  private final Map<String, String> headers;

  private RestClient(Builder b) {
    String s = b.base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .build();
    this.binary = b.binary;
    this.timeout = b.timeout;
    this.headers = Map.copyOf(b.headers);
  }

  /**
   * A builder for a client of the server at {@code base}, e.g. {@code http://localhost:8080}.
   *
   * @throws IllegalArgumentException if {@code base} is not an http or https URI
   */
  public static Builder builder(URI base) {
    String scheme = base.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          "base = " + base + ": must be an http:// or https:// URI, e.g. http://localhost:8080");
    }
    return new Builder(base);
  }

  /**
   * Whether the server is live: {@code GET /v2/health/live} answered 200 (and, when the body says,
   * {@code "live": true}).
   *
   * @return false when the server answers another status or cannot be reached
   */
  @Override
  public boolean isServerLive() {
    return health("/v2/health/live", "live");
  }

  /**
   * Whether the server is ready: {@code GET /v2/health/ready} answered 200.
   *
   * @return false when the server answers another status or cannot be reached
   */
  @Override
  public boolean isServerReady() {
    return health("/v2/health/ready", "ready");
  }

  /**
   * The server's metadata ({@code GET /v2}).
   *
   * @throws InferenceException with the server's status when it fails, {@link
   *     InferenceStatus#UNAVAILABLE} when it cannot be reached
   */
  @Override
  public ServerMetadata serverMetadata() {
    Answer a = send(get("/v2"), null);
    return V2Reader.serverMetadata(a.body());
  }

  /**
   * A model's metadata ({@code GET /v2/models/<m>}).
   *
   * @throws ModelNotFoundException if the server has no such model
   * @throws InferenceException with the server's status on other failures
   */
  @Override
  public ModelMetadata modelMetadata(String model) {
    Answer a = send(get("/v2/models/" + encode(model)), model);
    return V2Reader.modelMetadata(a.body());
  }

  /**
   * Whether a model is ready ({@code GET /v2/models/<m>/ready}): 200 is ready, 503 is not.
   *
   * @throws ModelNotFoundException if the server has no such model
   * @throws InferenceException with the server's status on other failures
   */
  @Override
  public boolean isModelReady(String model) {
    HttpResponse<byte[]> r = exchange(get("/v2/models/" + encode(model) + "/ready"), model);
    if (r.statusCode() == 503) {
      return false;
    }
    Answer a = check(r, model);
    if (a.body().remaining() == 0) {
      return true;
    }
    Object ready = V2Reader.flatObject(a.body()).get("ready");
    return ready == null || Boolean.TRUE.equals(ready);
  }

  /**
   * Runs an inference ({@code POST /v2/models/<m>/infer}), in JSON or, with {@code binary(true)},
   * with binary tensors.
   *
   * @throws InvalidInputException if the server answers 400 (or another 4xx but 404, 413, 429)
   * @throws ModelNotFoundException if it answers 404
   * @throws ModelNotReadyException if it answers 503
   * @throws OverloadedException if it answers 429
   * @throws ModelFailureException if it answers 500
   * @throws InferenceTimeoutException if it answers 504 or does not answer within the timeout
   * @throws InferenceException with {@link InferenceStatus#NOT_IMPLEMENTED} for 501, {@link
   *     InferenceStatus#PAYLOAD_TOO_LARGE} for 413 (the request or the answer is over a size limit
   *     of the server), {@link InferenceStatus#UNAVAILABLE} when the server cannot be reached,
   *     {@link InferenceStatus#INTERNAL} when its answer is not a v2 response
   */
  @Override
  public InferResponse infer(String model, InferRequest request) {
    ByteArrayOutputStream json = new ByteArrayOutputStream(256);
    List<ByteBuffer> parts = V2Writer.request(request, binary, json);
    HttpRequest.Builder b = request("/v2/models/" + encode(model) + "/infer");
    if (parts.isEmpty()) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.toByteArray()));
    } else {
      List<byte[]> chunks = new ArrayList<>(parts.size() + 1);
      chunks.add(json.toByteArray());
      long length = json.size();
      for (ByteBuffer p : parts) {
        byte[] bytes = new byte[p.remaining()];
        p.duplicate().get(bytes);
        chunks.add(bytes);
        length += bytes.length;
      }
      // A known length: Content-Length rather than chunked transfer, which every server takes.
      b.header("Content-Type", "application/octet-stream")
          .header(BinaryTensors.HEADER, Integer.toString(json.size()))
          .POST(
              HttpRequest.BodyPublishers.fromPublisher(
                  HttpRequest.BodyPublishers.ofByteArrays(chunks), length));
    }
    Answer a = send(b.build(), model);
    int jsonLength = a.body().remaining();
    String header = a.header(BinaryTensors.HEADER);
    if (header != null) {
      try {
        jsonLength = Integer.parseInt(header.trim());
      } catch (NumberFormatException e) {
        throw new InferenceException(
            InferenceStatus.INTERNAL,
            model,
            "the server's " + BinaryTensors.HEADER + " header is not a number: " + header,
            e);
      }
    }
    try {
      return V2Reader.response(a.body(), jsonLength);
    } catch (InvalidInputException e) {
      throw new InferenceException(
          InferenceStatus.INTERNAL,
          model,
          "the server's answer is not a v2 inference response: " + e.getMessage(),
          e);
    }
  }

  /** Does nothing: the JDK's HttpClient releases its connections when unreachable. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "RestClient{" + base + (binary ? ", binary" : "") + "}";
  }

  // ----------------------------------------------------------------------------- internals

  private record Answer(ByteBuffer body, HttpResponse<byte[]> response) {
    @Nullable String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private boolean health(String path, String key) {
    HttpResponse<byte[]> r;
    try {
      r = exchange(get(path), null);
    } catch (InferenceException e) {
      return false;
    }
    if (r.statusCode() != 200) {
      return false;
    }
    if (r.body().length == 0) {
      return true; // Triton answers 200 with no body.
    }
    try {
      Object v = V2Reader.flatObject(ByteBuffer.wrap(r.body())).get(key);
      return v == null || Boolean.TRUE.equals(v);
    } catch (InvalidInputException e) {
      return true;
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    headers.forEach(b::header);
    return b;
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private Answer send(HttpRequest request, @Nullable String model) {
    return check(exchange(request, model), model);
  }

  private HttpResponse<byte[]> exchange(HttpRequest request, @Nullable String model) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new InferenceTimeoutException(
          model,
          request.method()
              + " "
              + request.uri()
              + " got no answer within "
              + timeout
              + " (raise RestClient.Builder.timeout)",
          e);
    } catch (ConnectException e) {
      throw new InferenceException(
          InferenceStatus.UNAVAILABLE,
          model,
          "cannot connect to " + base + ": " + e + " (is the server running?)",
          e);
    } catch (IOException e) {
      throw new InferenceException(
          InferenceStatus.UNAVAILABLE,
          model,
          request.method() + " " + request.uri() + " failed: " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InferenceException(
          InferenceStatus.UNAVAILABLE, model, "interrupted while waiting for " + request.uri(), e);
    }
  }

  private static Answer check(HttpResponse<byte[]> r, @Nullable String model) {
    int status = r.statusCode();
    ByteBuffer body = ByteBuffer.wrap(r.body());
    if (status >= 200 && status < 300) {
      return new Answer(body, r);
    }
    String message = errorMessage(r.body());
    String text = "HTTP " + status + ": " + message;
    throw switch (status) {
      case 404 -> new ModelNotFoundException(model, text);
      case 413 -> new InferenceException(InferenceStatus.PAYLOAD_TOO_LARGE, model, text, null);
      case 429 -> new OverloadedException(InferenceStatus.TOO_MANY_REQUESTS, model, text);
      case 500 -> new ModelFailureException(model, text);
      case 501 -> new InferenceException(InferenceStatus.NOT_IMPLEMENTED, model, text, null);
      case 503 -> new ModelNotReadyException(model, text);
      case 504 -> new InferenceTimeoutException(model, text);
      default ->
          status >= 400 && status < 500
              ? new InvalidInputException(model, text)
              : new InferenceException(InferenceStatus.INTERNAL, model, text, null);
    };
  }

  /** The server's {@code error} (KServe), {@code detail} (FastAPI) or raw text. */
  private static String errorMessage(byte[] body) {
    if (body.length == 0) {
      return "(no body)";
    }
    try {
      Map<String, Object> fields = V2Reader.flatObject(ByteBuffer.wrap(body));
      Object error = fields.get("error");
      if (error == null) {
        error = fields.get("detail");
      }
      if (error != null) {
        return error.toString();
      }
    } catch (RuntimeException e) {
      // Not JSON: fall through to the raw text.
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds a {@link RestClient}. Not thread-safe. */
  public static final class Builder {
    private final URI base;
    private boolean binary;
    private Duration timeout = Duration.ofSeconds(600);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private @Nullable HttpClient httpClient;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(URI base) {
      this.base = base;
    }

    /**
     * Sends inputs and asks for outputs as binary tensors. By default {@code false}: JSON (FP16 and
     * BF16 inputs go in binary all the same).
     */
    public Builder binary(boolean binary) {
      this.binary = binary;
      return this;
    }

    /**
     * Sets how long one call may take. By default 600 s, KServe's predictor client timeout.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout = " + timeout + ": must be > 0");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how long connecting may take (ignored with {@link #httpClient}). By default 10 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout = " + timeout + ": must be > 0");
      }
      this.connectTimeout = timeout;
      return this;
    }

    /** Adds a header sent with every call, e.g. {@code Authorization}. By default none. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Uses this HTTP client (for TLS, proxies, an executor). By default an HTTP/1.1 client of its
     * own.
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Builds the client. */
    public RestClient build() {
      return new RestClient(this);
    }
  }
}
