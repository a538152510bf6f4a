package io.kserve4j.server.rest.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A connection's two clocks: a request must arrive whole within the read timeout of its first line
 * (else 408 and close: a client that stops mid-body or trickles it), and an idle connection (no
 * request being read or answered) is closed after the idle timeout. While a model works on a
 * request, neither runs. All state lives on the channel's event loop.
 */
final class Timeouts extends ChannelDuplexHandler {
  private final long readTimeoutNanos;
  private final long idleTimeoutNanos;
  private boolean reading;
  private int unanswered;
  private @Nullable ScheduledFuture<?> timer;

  Timeouts(long readTimeoutNanos, long idleTimeoutNanos) {
    this.readTimeoutNanos = readTimeoutNanos;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    reschedule(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    boolean changed = false;
    if (msg instanceof HttpRequest) {
      reading = true;
      unanswered++;
      changed = true;
    }
    if (msg instanceof LastHttpContent) {
      reading = false;
      changed = true;
    }
    if (changed) {
      reschedule(ctx);
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof LastHttpContent) {
      promise.addListener(
          f -> {
            if (unanswered > 0) {
              unanswered--;
            }
            reschedule(ctx);
          });
    }
    super.write(ctx, msg, promise);
  }

  private void reschedule(ChannelHandlerContext ctx) {
    cancel();
    if (!ctx.channel().isActive()) {
      return;
    }
    if (reading) {
      timer =
          ctx.executor()
              .schedule(
                  () -> {
                    if (!ctx.channel().config().isAutoRead()) {
                      // The server stopped reading (a pipelined request waits its turn): the
                      // client is not late. Keep the clock running until reads resume.
                      reschedule(ctx);
                      return;
                    }
                    // 408 as a courtesy, then close: the rest of the request may never come.
                    ctx.writeAndFlush(
                            Responses.error(
                                ctx.alloc(),
                                408,
                                "the request did not arrive whole within the server's read timeout"
                                    + " of "
                                    + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos)
                                    + " ms (send the whole body without pausing)",
                                true))
                        .addListener(ChannelFutureListener.CLOSE);
                  },
                  readTimeoutNanos,
                  TimeUnit.NANOSECONDS);
    } else if (unanswered == 0) {
      timer = ctx.executor().schedule(() -> ctx.close(), idleTimeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
