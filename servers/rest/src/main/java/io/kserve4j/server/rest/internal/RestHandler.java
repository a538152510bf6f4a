package io.kserve4j.server.rest.internal;

import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.internal.wire.ClientErrorLog;
import io.kserve4j.protocol.internal.wire.Echo;
import io.kserve4j.protocol.internal.wire.RequestChecks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Answers a connection's requests one at a time, in order (pipelined requests wait their turn, and
 * the connection is not read further while one waits, so a client cannot pile up bodies).
 *
 * <p>Each request is checked on the event loop (its HTTP version, its {@code Host}, its path) and
 * routed on an executor, never on the event loop: {@code POST}s (inference) on the inference
 * executor, everything else (health, readiness, metadata: cheap) on a small executor of its own, so
 * that a full inference queue never holds up a liveness probe. The request's buffer is released
 * once its answer is written: binary input tensors are views of it, and an answer may send them
 * back.
 *
 * <p>Client errors (4xx) are logged through a {@link ClientErrorLog}, never with a stack trace.
 */
final class RestHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(RestHandler.class.getName());

  private final Router router;
  private final Executor inference;
  private final Executor control;
  private final ClientErrorLog clientErrors;
  // Requests read while another was being answered.
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;

  RestHandler(Router router, Executor inference, Executor control, ClientErrorLog clientErrors) {
    this.router = router;
    this.inference = inference;
    this.control = control;
    this.clientErrors = clientErrors;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    if (busy) {
      waiting.add(request);
      // One waits; read no more until it is answered (the socket's buffer holds the rest).
      ctx.channel().config().setAutoRead(false);
      return;
    }
    start(ctx, request);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    FullHttpRequest r;
    while ((r = waiting.poll()) != null) {
      r.release();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A peer's reset or garbage: its own business, DEBUG only.
    LOG.log(Level.DEBUG, () -> "closing " + ctx.channel() + ": " + cause);
    ctx.close();
  }

  private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    String refusal = null;
    int status = 400;
    String path = "";
    if (!request.decoderResult().isSuccess()) {
      Throwable cause = request.decoderResult().cause();
      refusal = "malformed HTTP request: " + (cause == null ? "cannot decode" : cause.getMessage());
    } else if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)
        && !request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      status = 505;
      refusal =
          "HTTP version '"
              + Echo.cut(request.protocolVersion().text())
              + "' is not supported (send HTTP/1.1 or HTTP/1.0)";
    } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)
        && request.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
      refusal =
          "an HTTP/1.1 request must carry exactly one Host header (RFC 9112, section 3.2); this"
              + " one has "
              + request.headers().getAll(HttpHeaderNames.HOST).size();
    } else {
      try {
        path = path(request.uri());
      } catch (IllegalArgumentException | URISyntaxException e) {
        refusal =
            "the request target '"
                + Echo.cut(request.uri())
                + "' is not a valid path ("
                + Echo.cut(e.getMessage())
                + "; percent-encode reserved and non-ASCII characters as %XX, two hex digits)";
      }
    }
    if (refusal != null) {
      request.release();
      String message = refusal;
      clientErrors.log(status == 505 ? "505 HTTP version" : "400 malformed HTTP", () -> message);
      ctx.writeAndFlush(Responses.error(ctx.alloc(), status, message, true))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String route = path;
    boolean post = request.method() == HttpMethod.POST;
    try {
      (post ? inference : control).execute(() -> answer(ctx, request, route));
    } catch (RejectedExecutionException e) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      request.release();
      String message =
          post
              ? "the server is overloaded: its inference queue is full (retry later, or give"
                  + " RestServer more inferenceThreads or maxQueuedRequests)"
              : "the server is overloaded: its queue for health and metadata requests is full"
                  + " (retry later)";
      clientErrors.log("503 queue full", () -> message);
      FullHttpResponse r =
          Responses.error(
              ctx.alloc(), InferenceStatus.UNAVAILABLE.httpStatus(), message, !keepAlive);
      ctx.writeAndFlush(r).addListener(f -> written(ctx, f, keepAlive));
    }
  }

  /**
   * The decoded path of a request target: origin-form ({@code /v2/...}), or absolute-form ({@code
   * http://host/v2/...}), which RFC 9112 requires a server to accept; its host is not used.
   */
  static String path(String uri) throws URISyntaxException {
    if (!uri.startsWith("/") && uri.contains("://")) {
      URI absolute = new URI(uri);
      String raw = absolute.getRawPath();
      uri = raw == null || raw.isEmpty() ? "/" : raw;
    }
    return new QueryStringDecoder(uri).path();
  }

  /** Runs on an executor. */
  private void answer(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    FullHttpResponse response;
    try {
      response = respond(ctx, request, path, keepAlive);
    } catch (Throwable t) {
      // respond() answers every failure itself; this is a last resort.
      LOG.log(Level.ERROR, "REST answer failed", t);
      response = Responses.error(ctx.alloc(), 500, t.getClass().getName(), true);
      keepAlive = false;
    }
    boolean keep = keepAlive;
    ctx.writeAndFlush(response)
        .addListener(
            f -> {
              request.release();
              written(ctx, f, keep);
            });
  }

  private void written(
      ChannelHandlerContext ctx, io.netty.util.concurrent.Future<?> f, boolean keepAlive) {
    if (!ctx.executor().inEventLoop()) {
      ctx.executor().execute(() -> written(ctx, f, keepAlive));
      return;
    }
    if (!keepAlive || !f.isSuccess()) {
      ctx.close();
    }
    busy = false;
    FullHttpRequest next = waiting.poll();
    if (next != null) {
      if (ctx.channel().isActive()) {
        start(ctx, next);
      } else {
        next.release();
      }
    }
    if (waiting.isEmpty() && ctx.channel().isActive() && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private FullHttpResponse respond(
      ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
    String method = request.method().name();
    ByteBuf content = request.content();
    ByteBuffer body =
        content.nioBufferCount() == 1
            ? content.nioBuffer()
            : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(content));
    ByteBuf json = ctx.alloc().buffer(256);
    Router.Reply reply;
    int status;
    String contentType;
    @Nullable String allow = null;
    // Echoed on errors too, when it is an id at all.
    @Nullable String requestId = checkedHeaderId(request);
    List<ByteBuffer> binary = List.of();
    try {
      reply =
          router.handle(method, path, () -> headers(request), body, new ByteBufOutputStream(json));
      status = reply.status();
      contentType = reply.contentType();
      binary = reply.binary();
      if (reply.requestId() != null) {
        requestId = reply.requestId();
      }
    } catch (Router.MethodNotAllowed e) {
      status = 405;
      contentType = "application/json";
      allow = e.allow();
      failed(json, e, method, path, status);
    } catch (Router.RouteNotFound e) {
      status = 404;
      contentType = "application/json";
      failed(json, e, method, path, status);
    } catch (InferenceException e) {
      status = e.httpStatus();
      contentType = "application/json";
      failed(json, e, method, path, status);
    } catch (RuntimeException e) {
      json.clear();
      // KServe's generic handler: 500 with the exception's type before its message.
      Router.error(
          e.getClass().getSimpleName() + " : " + e.getMessage(), new ByteBufOutputStream(json));
      status = InferenceStatus.INTERNAL.httpStatus();
      contentType = "application/json";
      LOG.log(Level.ERROR, method + " " + Echo.cut(path) + " failed", e);
    }
    ByteBuf out = json;
    if (!binary.isEmpty()) {
      ByteBuf[] parts = new ByteBuf[binary.size() + 1];
      parts[0] = json;
      for (int i = 0; i < binary.size(); i++) {
        parts[i + 1] = Unpooled.wrappedBuffer(binary.get(i));
      }
      out = Unpooled.wrappedBuffer(parts.length, parts);
    }
    if (request.method() == HttpMethod.HEAD) {
      out.release();
      out = Unpooled.EMPTY_BUFFER;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), out);
    var h = response.headers();
    h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, out.readableBytes());
    if (!binary.isEmpty()) {
      h.setInt(io.kserve4j.protocol.internal.json.BinaryTensors.HEADER, json.readableBytes());
    }
    if (requestId != null) {
      h.set(Router.REQUEST_ID, RequestChecks.headerValue(requestId));
    }
    if (allow != null) {
      h.set(HttpHeaderNames.ALLOW, allow);
    }
    if (!keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return response;
  }

  /**
   * Writes the error body and logs: a model's or server's failure (500) always, a client's mistake
   * or a refusal (4xx, 501, 503, 504) once per interval.
   */
  private void failed(ByteBuf json, InferenceException e, String method, String path, int status) {
    json.clear();
    Router.error(e.getMessage(), new ByteBufOutputStream(json));
    if (status == 500) {
      LOG.log(
          Level.WARNING,
          () ->
              method
                  + " "
                  + Echo.cut(path)
                  + " -> "
                  + status
                  + ": "
                  + Echo.message(e.getMessage()));
    } else {
      String kind =
          e instanceof Router.MethodNotAllowed
              ? "method not allowed"
              : e instanceof Router.RouteNotFound
                  ? "no route"
                  : e.status().name().toLowerCase(Locale.ROOT);
      clientErrors.log(
          status + " " + kind,
          () -> method + " " + Echo.cut(path) + " -> " + status + ": " + e.getMessage());
    }
  }

  /** The request's x-request-id header when it is one that may be echoed, else null. */
  private @Nullable String checkedHeaderId(FullHttpRequest request) {
    String id = request.headers().get(Router.REQUEST_ID);
    try {
      return RequestChecks.requestId(id, router.limits(), "the x-request-id header");
    } catch (InvalidInputException e) {
      return null;
    }
  }

  private static Map<String, String> headers(FullHttpRequest request) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : request.headers()) {
      out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    return out;
  }
}
