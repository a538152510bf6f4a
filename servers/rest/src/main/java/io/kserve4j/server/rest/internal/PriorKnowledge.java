package io.kserve4j.server.rest.internal;

import io.kserve4j.protocol.internal.wire.ClientErrorLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses HTTP/2 with prior knowledge ({@code h2c}: a client that opens with {@code PRI *
 * HTTP/2.0}) cleanly, in HTTP/2's own terms: the server's preface (an empty SETTINGS frame), then
 * GOAWAY with HTTP_1_1_REQUIRED, then close; an HTTP/2 client reports that it must use HTTP/1.1.
 * Any other first bytes are HTTP/1: this handler leaves the pipeline and passes them on.
 */
final class PriorKnowledge extends ByteToMessageDecoder {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** HTTP/2's error code HTTP_1_1_REQUIRED (RFC 9113, section 7). */
  private static final int HTTP_1_1_REQUIRED = 0xd;

  private final ClientErrorLog clientErrors;

  PriorKnowledge(ClientErrorLog clientErrors) {
    this.clientErrors = clientErrors;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int n = Math.min(in.readableBytes(), PREFACE.length);
    for (int i = 0; i < n; i++) {
      if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
        ctx.pipeline().remove(this); // HTTP/1: what was read goes on to the codec
        return;
      }
    }
    if (n < PREFACE.length) {
      return; // so far the preface: wait for the rest
    }
    in.skipBytes(in.readableBytes());
    clientErrors.log(
        "GOAWAY to h2c",
        () -> ctx.channel().remoteAddress() + " opened with HTTP/2 prior knowledge; sent GOAWAY");
    ByteBuf frames = ctx.alloc().buffer(9 + 9 + 8);
    // SETTINGS, empty: length 0, type 0x4, flags 0, stream 0.
    frames.writeMedium(0).writeByte(0x4).writeByte(0).writeInt(0);
    // GOAWAY: length 8, type 0x7, flags 0, stream 0; last stream 0, HTTP_1_1_REQUIRED.
    frames.writeMedium(8).writeByte(0x7).writeByte(0).writeInt(0);
    frames.writeInt(0).writeInt(HTTP_1_1_REQUIRED);
    ctx.writeAndFlush(frames).addListener(ChannelFutureListener.CLOSE);
  }
}
