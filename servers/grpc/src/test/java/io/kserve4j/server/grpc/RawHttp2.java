package io.kserve4j.server.grpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A bare HTTP/2 client over a socket, for what grpc-java's client will not send: a gRPC message
 * prefix that claims more bytes than follow. Header blocks go out as HPACK literals; the server's
 * are read with Netty's HPACK decoder.
 */
final class RawHttp2 implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

  RawHttp2(int port) throws IOException {
    socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    out = socket.getOutputStream();
    out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    frame(4, 0, 0, new byte[0]); // SETTINGS
  }

  /**
   * Opens stream {@code id} as a gRPC call of {@code method} and sends {@code data}, ending the
   * stream (the client's half-close) when {@code end}.
   */
  void call(int id, String method, byte[] data, boolean end) throws IOException {
    java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
    literal(block, ":method", "POST");
    literal(block, ":scheme", "http");
    literal(block, ":path", method);
    literal(block, ":authority", "localhost");
    literal(block, "content-type", "application/grpc");
    literal(block, "te", "trailers");
    frame(1, 0x4, id, block.toByteArray()); // HEADERS, END_HEADERS
    frame(0, end ? 0x1 : 0, id, data); // DATA, END_STREAM when asked
    out.flush();
  }

  /** The headers that end stream {@code id} (its trailers), or null when the server closes. */
  @Nullable Http2Headers trailers(int id) throws IOException {
    while (true) {
      int length;
      int type;
      int flags;
      int stream;
      try {
        length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        type = in.readUnsignedByte();
        flags = in.readUnsignedByte();
        stream = in.readInt() & 0x7fffffff;
      } catch (EOFException e) {
        return null;
      }
      byte[] payload = new byte[length];
      in.readFully(payload);
      if (type == 4 && (flags & 0x1) == 0) {
        frame(4, 0x1, 0, new byte[0]); // SETTINGS ACK
        out.flush();
      } else if (type == 1) {
        ByteBuf b = Unpooled.wrappedBuffer(payload);
        try {
          Http2Headers h = decoder.decodeHeaders(stream, b);
          if (stream == id && (flags & 0x1) != 0) {
            return h;
          }
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
          throw new IOException(e);
        } finally {
          b.release();
        }
      } else if (type == 3 && stream == id) {
        return null; // RST_STREAM without trailers
      }
    }
  }

  /** Sends raw bytes: garbage, or anything else. */
  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Whether the server closes the connection (reading and dropping what comes until then). */
  boolean closedByServer() throws IOException {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // drain: SETTINGS, GOAWAY
      }
      return true;
    } catch (java.net.SocketException e) {
      return true; // reset
    }
  }

  private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    out.write(payload.length >>> 16);
    out.write(payload.length >>> 8);
    out.write(payload.length);
    out.write(type);
    out.write(flags);
    out.write(new byte[] {(byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8)});
    out.write(stream);
    out.write(payload);
  }

  /** An HPACK literal header field without indexing, new name, no Huffman (RFC 7541, 6.2.2). */
  private static void literal(java.io.ByteArrayOutputStream b, String name, String value) {
    b.write(0);
    string(b, name);
    string(b, value);
  }

  private static void string(java.io.ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length >= 127) {
      throw new IllegalArgumentException("keep header strings under 127 bytes");
    }
    b.write(bytes.length);
    b.writeBytes(bytes);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
