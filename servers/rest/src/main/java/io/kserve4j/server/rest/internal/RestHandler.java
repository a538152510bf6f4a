package io.kserve4j.server.rest.internal;

import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
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
 * Answers a connection's requests one at a time, in order (pipelined requests wait their turn).
 * Each request is routed on the executor, never on the event loop, so a slow model blocks no I/O.
 * The request's buffer is released once its answer is written: binary input tensors are views of
 * it, and an answer may send them back.
 */
final class RestHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(RestHandler.class.getName());

  private final Router router;
  private final Executor executor;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;

  RestHandler(Router router, Executor executor) {
    this.router = router;
    this.executor = executor;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    if (busy) {
      waiting.add(request);
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
    LOG.log(Level.DEBUG, () -> "closing " + ctx.channel() + ": " + cause);
    ctx.close();
  }

  private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    if (!request.decoderResult().isSuccess()) {
      Throwable cause = request.decoderResult().cause();
      request.release();
      FullHttpResponse r =
          Responses.error(
              ctx.alloc(),
              400,
              "malformed HTTP request: " + (cause == null ? "cannot decode" : cause.getMessage()),
              true);
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    try {
      executor.execute(() -> answer(ctx, request));
    } catch (RejectedExecutionException e) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      request.release();
      FullHttpResponse r =
          Responses.error(
              ctx.alloc(),
              InferenceStatus.UNAVAILABLE.httpStatus(),
              "the server is overloaded: its inference queue is full (retry later, or give"
                  + " RestServer more threads)",
              !keepAlive);
      ctx.writeAndFlush(r).addListener(f -> written(ctx, f, keepAlive));
    }
  }

  /** Runs on the executor. */
  private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    FullHttpResponse response;
    try {
      response = respond(ctx, request, keepAlive);
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
  }

  private FullHttpResponse respond(
      ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    String path = new QueryStringDecoder(request.uri()).path();
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
    @Nullable String requestId = request.headers().get(Router.REQUEST_ID);
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
      json.clear();
      Router.error(e.getMessage(), new ByteBufOutputStream(json));
      status = 405;
      contentType = "application/json";
      allow = e.allow();
    } catch (Router.RouteNotFound e) {
      json.clear();
      Router.error(e.getMessage(), new ByteBufOutputStream(json));
      status = 404;
      contentType = "application/json";
    } catch (InferenceException e) {
      json.clear();
      Router.error(e.getMessage(), new ByteBufOutputStream(json));
      status = e.httpStatus();
      contentType = "application/json";
      if (status >= 500) {
        LOG.log(
            Level.WARNING,
            () -> method + " " + path + " -> " + e.httpStatus() + ": " + e.getMessage());
      }
    } catch (RuntimeException e) {
      json.clear();
      // KServe's generic handler: 500 with the exception's type before its message.
      Router.error(
          e.getClass().getSimpleName() + " : " + e.getMessage(), new ByteBufOutputStream(json));
      status = InferenceStatus.INTERNAL.httpStatus();
      contentType = "application/json";
      LOG.log(Level.ERROR, method + " " + path + " failed", e);
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
      h.set(Router.REQUEST_ID, requestId);
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

  private static Map<String, String> headers(FullHttpRequest request) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : request.headers()) {
      out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    return out;
  }
}
