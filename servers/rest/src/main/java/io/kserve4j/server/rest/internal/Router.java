package io.kserve4j.server.rest.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.internal.json.BinaryTensors;
import io.kserve4j.protocol.internal.json.Json;
import io.kserve4j.protocol.internal.json.V1Codec;
import io.kserve4j.protocol.internal.json.V2Reader;
import io.kserve4j.protocol.internal.json.V2Writer;
import io.kserve4j.protocol.internal.wire.Echo;
import io.kserve4j.protocol.internal.wire.RequestChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * KServe's REST routes over an {@link InferenceHandler}, free of any HTTP library: a request's
 * method, path, headers and body in; a status, headers, JSON and binary parts out. Failures are
 * thrown as {@link InferenceException}s for the caller to answer as {@code {"error": "..."}}.
 *
 * <p>A request is held to the server's {@link RequestLimits} while it is read, and an answer to the
 * response limit before it is written (and while: JSON numbers may print longer than their lower
 * bound): over it, 413.
 */
public final class Router {
  /** The header that carries a request's id. */
  public static final String REQUEST_ID = "x-request-id";

  /** The answer to one request; the JSON was written to the stream given to {@link #handle}. */
  public record Reply(
      int status,
      String contentType,
      List<ByteBuffer> binary,
      @Nullable String requestId,
      @Nullable String allow) {
    static Reply json(int status) {
      return new Reply(status, "application/json", List.of(), null, null);
    }
  }

  private final InferenceHandler handler;
  private final RequestLimits limits;
  private final int maxResponseBytes;

  /**
   * Routes to {@code handler}.
   *
   * @param limits what one request may ask
   * @param maxResponseBytes the largest answer, JSON and binary parts together
   */
  public Router(InferenceHandler handler, RequestLimits limits, int maxResponseBytes) {
    this.handler = handler;
    this.limits = limits;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** What one request may ask. */
  public RequestLimits limits() {
    return limits;
  }

  /**
   * Answers one request.
   *
   * @param method the HTTP method, upper case
   * @param path the decoded path, without the query
   * @param headers the request's headers, names lower case (read only when the route needs them)
   * @param body the body (not consumed)
   * @param json where the answer's JSON goes
   * @throws InferenceException with KServe's status on any failure
   */
  public Reply handle(
      String method,
      String path,
      Supplier<Map<String, String>> headers,
      ByteBuffer body,
      OutputStream json) {
    switch (path) {
      case "/":
        get(method);
        return object(json, "status", "alive");
      case "/v2":
        get(method);
        V2Writer.serverMetadata(handler.serverMetadata(), json);
        return Reply.json(200);
      case "/v2/health/live":
        get(method);
        if (!handler.isLive()) {
          throw new InferenceException(
              InferenceStatus.UNAVAILABLE, null, "Server is not live.", null);
        }
        return bool(json, "live");
      case "/v2/health/ready":
        get(method);
        if (!handler.isReady()) {
          throw new InferenceException(
              InferenceStatus.UNAVAILABLE, null, "Server is not ready.", null);
        }
        return bool(json, "ready");
      case "/v2/models":
      case "/v1/models":
        get(method);
        return models(json);
      default:
        break;
    }
    if (path.startsWith("/v1/models/")) {
      String rest = path.substring("/v1/models/".length());
      if (rest.endsWith(":predict") && rest.length() > ":predict".length()) {
        post(method);
        return v1(
            rest.substring(0, rest.length() - ":predict".length()), false, headers, body, json);
      }
      if (rest.endsWith(":explain") && rest.length() > ":explain".length()) {
        post(method);
        return v1(
            rest.substring(0, rest.length() - ":explain".length()), true, headers, body, json);
      }
      if (!rest.isEmpty() && rest.indexOf('/') < 0) {
        get(method);
        return modelReady(rest, json);
      }
    } else if (path.startsWith("/v2/models/")) {
      String rest = path.substring("/v2/models/".length());
      int slash = rest.indexOf('/');
      String model = slash < 0 ? rest : rest.substring(0, slash);
      String tail = slash < 0 ? "" : rest.substring(slash);
      if (!model.isEmpty()) {
        switch (tail) {
          case "":
            get(method);
            V2Writer.modelMetadata(handler.modelMetadata(model), json);
            return Reply.json(200);
          case "/ready":
            get(method);
            return modelReady(model, json);
          case "/infer":
            post(method);
            return infer(model, null, headers, body, json);
          default:
            if (tail.startsWith("/versions/")) {
              // kserve4j's tag routing for curl: the version is a revision tag (latest, prev) or
              // a revision's name; KServe itself answers these paths with 501.
              String v = tail.substring("/versions/".length());
              int s = v.indexOf('/');
              String version = s < 0 ? v : v.substring(0, s);
              String after = s < 0 ? "" : v.substring(s);
              if (!version.isEmpty()) {
                switch (after) {
                  case "" -> {
                    get(method);
                    V2Writer.modelMetadata(handler.modelMetadata(model), json);
                    return Reply.json(200);
                  }
                  case "/ready" -> {
                    get(method);
                    return modelReady(model, json);
                  }
                  case "/infer" -> {
                    post(method);
                    // A number is a model version as Triton's clients send it: the default split.
                    boolean number = version.chars().allMatch(Character::isDigit);
                    return infer(model, number ? null : version, headers, body, json);
                  }
                  default -> throw notFound(method, path);
                }
              }
            }
        }
      }
    }
    throw notFound(method, path);
  }

  // ------------------------------------------------------------------------------- routes

  private Reply models(OutputStream out) {
    List<String> names = handler.modelNames();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("models");
      for (String n : names) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Reply.json(200);
  }

  private Reply modelReady(String model, OutputStream out) {
    if (!handler.isModelReady(model)) {
      throw notReady(model);
    }
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("name", model);
      g.writeBooleanField("ready", true);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Reply.json(200);
  }

  private Reply infer(
      String model,
      @Nullable String version,
      Supplier<Map<String, String>> headerSupplier,
      ByteBuffer body,
      OutputStream json) {
    if (!handler.isModelReady(model)) {
      throw notReady(model);
    }
    Map<String, String> headers = headerSupplier.get();
    InferRequest request;
    String headerId;
    try {
      headerId =
          RequestChecks.requestId(headers.get(REQUEST_ID), limits, "the x-request-id header");
      String jsonLength = headers.get(BinaryTensors.HEADER);
      if (jsonLength != null) {
        request = V2Reader.request(body, parseLength(jsonLength, body.remaining()), limits);
      } else if (isJson(headers.get("content-type"), false)) {
        request = V2Reader.request(body, body.remaining(), limits);
      } else {
        throw new InvalidInputException(
            null,
            "received a body of Content-Type '"
                + Echo.cut(headers.get("content-type"))
                + "' without the '"
                + BinaryTensors.HEADER
                + "' header (send JSON with Content-Type: application/json, or binary tensors"
                + " with that header giving the JSON's byte length)");
      }
    } catch (InvalidInputException e) {
      throw withModel(e, model);
    }
    if (request.id() == null) {
      request = request.toBuilder().id(headerId != null ? headerId : newId()).build();
    }
    String tag = version != null ? version : hostTag(model, headers.get("host"));
    InferResponse response =
        tag == null
            ? handler.infer(model, request, headers)
            : handler.infer(model, tag, request, headers);
    if (response.id() == null) {
      response = response.withId(request.id());
    }
    if (response.modelName().isEmpty()) {
      response = response.withModelName(model);
    }
    List<ByteBuffer> binary;
    try {
      V2Writer.Selection selection = V2Writer.select(response, request);
      long least = selection.minimumBytes();
      if (least > maxResponseBytes) {
        throw tooLarge(model, "at least " + least + " bytes");
      }
      long binaryBytes = selection.binaryBytes();
      binary =
          V2Writer.response(
              response, selection, new Capped(json, maxResponseBytes - binaryBytes, model));
    } catch (InvalidInputException e) {
      throw withModel(e, model);
    }
    String id = headerId != null ? headerId : request.id();
    return new Reply(
        200, binary.isEmpty() ? "application/json" : "application/octet-stream", binary, id, null);
  }

  private Reply v1(
      String model,
      boolean explain,
      Supplier<Map<String, String>> headerSupplier,
      ByteBuffer body,
      OutputStream json) {
    ModelMetadata metadata = handler.modelMetadata(model);
    if (!handler.isModelReady(model)) {
      throw notReady(model);
    }
    Map<String, String> headers = headerSupplier.get();
    String contentType = headers.get("content-type");
    InferRequest request;
    try {
      request =
          isJson(contentType, true)
              ? V1Codec.request(body, metadata)
              : V1Codec.raw(body, String.valueOf(contentType), metadata);
    } catch (InvalidInputException e) {
      throw withModel(e, model);
    }
    String headerId;
    try {
      headerId =
          RequestChecks.requestId(headers.get(REQUEST_ID), limits, "the x-request-id header");
    } catch (InvalidInputException e) {
      throw withModel(e, model);
    }
    request = request.toBuilder().id(headerId != null ? headerId : newId()).build();
    InferResponse response =
        explain ? handler.explain(model, request, headers) : handler.infer(model, request, headers);
    try {
      long least = V2Writer.minimumValueBytes(response.outputs());
      if (least > maxResponseBytes) {
        throw tooLarge(model, "at least " + least + " bytes");
      }
      V1Codec.response(
          response,
          explain ? "explanations" : "predictions",
          new Capped(json, maxResponseBytes, model));
    } catch (InvalidInputException e) {
      throw withModel(e, model);
    }
    return new Reply(200, "application/json", List.of(), request.id(), null);
  }

  // ----------------------------------------------------------------------------- helpers

  /**
   * Whether a content type is read as JSON: none, {@code application/json}, {@code
   * application/cloudevents+json}, {@code application/ld+json} (and, on v1 routes, {@code
   * application/octet-stream}, as KServe does); parameters such as {@code charset} are ignored.
   */
  static boolean isJson(@Nullable String contentType, boolean v1) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    type = type.toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || type.equals("application/cloudevents+json")
        || type.equals("application/ld+json")
        || (v1 && type.equals("application/octet-stream"));
  }

  private static int parseLength(String value, int bodyLength) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > bodyLength) {
      throw new InvalidInputException(
          null,
          BinaryTensors.HEADER
              + " = '"
              + Echo.cut(value)
              + "' but the body has "
              + bodyLength
              + " bytes (give the byte length of the JSON that leads the body)");
    }
    return (int) n;
  }

  private static Reply object(OutputStream out, String key, String value) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField(key, value);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Reply.json(200);
  }

  private static Reply bool(OutputStream out, String key) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeBooleanField(key, true);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Reply.json(200);
  }

  /**
   * Writes {@code {"error": message}}, the message cut to {@link Echo#MAX_MESSAGE} characters and
   * escaped where it is not text, so that no client string can make it long or unwritable.
   */
  public static void error(String message, OutputStream out) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("error", Echo.message(message));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private InferenceException tooLarge(String model, String size) {
    return new InferenceException(
        InferenceStatus.PAYLOAD_TOO_LARGE,
        model,
        "the answer is "
            + size
            + ", more than this server's response limit of "
            + maxResponseBytes
            + " bytes (ask for fewer or smaller outputs, or for outputs in binary; or raise"
            + " RestServer.Builder.maxResponseBytes)",
        null);
  }

  /** The answer's stream, which refuses to grow past the response limit. */
  private final class Capped extends OutputStream {
    private final OutputStream out;
    private final long cap;
    private final String model;
    private long written;

    Capped(OutputStream out, long cap, String model) {
      this.out = out;
      this.cap = cap;
      this.model = model;
    }

    private void grow(long n) {
      written += n;
      if (written > cap) {
        throw tooLarge(model, "more than " + cap + " bytes of JSON");
      }
    }

    @Override
    public void write(int b) throws IOException {
      grow(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      grow(len);
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }

  private static ModelNotReadyException notReady(String model) {
    return new ModelNotReadyException(model, "Model with name " + model + " is not ready.");
  }

  private static InvalidInputException withModel(InvalidInputException e, String model) {
    if (e.modelName() != null) {
      return e;
    }
    return new InvalidInputException(model, e.getMessage(), e);
  }

  private static void get(String method) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new MethodNotAllowed("GET");
    }
  }

  private static void post(String method) {
    if (!method.equals("POST")) {
      throw new MethodNotAllowed("POST");
    }
  }

  private static InferenceException notFound(String method, String path) {
    return new RouteNotFound(
        "no route for "
            + Echo.cut(method)
            + " "
            + Echo.cut(path)
            + " (KServe's routes are /, /v1/models[/<m>[:predict|:explain]], /v2, /v2/health/live,"
            + " /v2/health/ready, /v2/models[/<m>[/ready|/infer]])");
  }

  /**
   * The revision tag a KServe tagged host name asks for: {@code latest} for {@code
   * latest-iris-predictor.default.example.com}, or {@code null} when the host names no tag.
   */
  public static @Nullable String hostTag(String model, @Nullable String host) {
    if (host == null) {
      return null;
    }
    int dot = host.indexOf('.');
    String label = dot < 0 ? host : host.substring(0, dot);
    int colon = label.indexOf(':');
    if (colon >= 0) {
      label = label.substring(0, colon);
    }
    int at = label.indexOf("-" + model + "-predictor");
    return at > 0 ? label.substring(0, at) : null;
  }

  /** A random (version 4) UUID, as KServe gives a request without an id. */
  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /** A known path asked with the wrong method (405). */
  public static final class MethodNotAllowed extends InferenceException {
    private static final long serialVersionUID = 1L;
    private final String allow;

    MethodNotAllowed(String allow) {
      super(
          InferenceStatus.INVALID_INPUT,
          null,
          "Method Not Allowed (this route takes " + allow + ")",
          null);
      this.allow = allow;
    }

    /** The method the route takes. */
    public String allow() {
      return allow;
    }
  }

  /** No route has this path (404). */
  public static final class RouteNotFound extends InferenceException {
    private static final long serialVersionUID = 1L;

    RouteNotFound(String message) {
      super(InferenceStatus.MODEL_NOT_FOUND, null, message, null);
    }
  }
}
