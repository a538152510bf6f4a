package io.kserve4j.server.rest.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates a request's body up to the limit; a larger one is answered 413 with a JSON error, as
 * Netty's aggregator does: the connection stays open (the rest of the body is skipped) when the
 * client announced the length and keeps the connection alive, else it is closed.
 */
final class BodyLimit extends HttpObjectAggregator {
  private final int maxBodyBytes;

  BodyLimit(int maxBodyBytes) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    if (!(oversized instanceof HttpRequest)) {
      ctx.close();
      return;
    }
    String message =
        "the request body is larger than this server's limit of "
            + maxBodyBytes
            + " bytes (send a smaller batch, or raise RestServer.Builder.maxBodyBytes)";
    boolean close =
        oversized instanceof FullHttpMessage
            || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
    var future = ctx.writeAndFlush(Responses.error(ctx.alloc(), 413, message, close));
    future.addListener(
        close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}
