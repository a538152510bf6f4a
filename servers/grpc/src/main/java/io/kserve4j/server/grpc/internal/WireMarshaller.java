package io.kserve4j.server.grpc.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;

/**
 * Protobuf marshallers that parse each message from one array of its own with aliasing on, so that
 * a {@code bytes} field (raw tensor contents) is a view of that array rather than a copy. Writing
 * is grpc-protobuf's, which serializes straight into the transport's buffers.
 */
final class WireMarshaller {
  private WireMarshaller() {}

  /**
   * For the server: parsing never throws; malformed bytes come as an {@link Incoming} with an
   * error, which the service answers INVALID_ARGUMENT.
   */
  static <T extends Message> Marshaller<Incoming<T>> lenient(T prototype) {
    Marshaller<T> writer = ProtoUtils.marshaller(prototype);
    @SuppressWarnings("unchecked")
    Parser<T> parser = (Parser<T>) prototype.getParserForType();
    return new Marshaller<>() {
      @Override
      public InputStream stream(Incoming<T> value) {
        T message = value.message();
        if (message == null) {
          throw new IllegalArgumentException("no message to send: " + value.error());
        }
        return writer.stream(message);
      }

      @Override
      public Incoming<T> parse(InputStream stream) {
        try {
          return new Incoming<>(WireMarshaller.parse(parser, stream), null);
        } catch (InvalidProtocolBufferException e) {
          return new Incoming<>(null, "the message does not parse: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
          return new Incoming<>(null, "the message cannot be read: " + e);
        }
      }
    };
  }

  /** For the client: a reply that does not parse is an INTERNAL status. */
  static <T extends Message> Marshaller<T> strict(T prototype) {
    Marshaller<T> writer = ProtoUtils.marshaller(prototype);
    @SuppressWarnings("unchecked")
    Parser<T> parser = (Parser<T>) prototype.getParserForType();
    return new Marshaller<>() {
      @Override
      public InputStream stream(T value) {
        return writer.stream(value);
      }

      @Override
      public T parse(InputStream stream) {
        try {
          return WireMarshaller.parse(parser, stream);
        } catch (IOException e) {
          throw Status.INTERNAL
              .withDescription("the server's reply does not parse: " + e.getMessage())
              .withCause(e)
              .asRuntimeException();
        }
      }
    };
  }

  /** Reads the whole stream into one array and parses it with aliasing on. */
  static <T extends Message> T parse(Parser<T> parser, InputStream stream) throws IOException {
    byte[] bytes;
    if (stream instanceof KnownLength) {
      bytes = stream.readNBytes(stream.available());
      int next = stream.read();
      if (next != -1) {
        // The announced length was short: take the rest too.
        byte[] rest = stream.readAllBytes();
        byte[] all = new byte[bytes.length + 1 + rest.length];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        all[bytes.length] = (byte) next;
        System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
        bytes = all;
      }
    } else {
      bytes = stream.readAllBytes();
    }
    stream.close();
    // A stream over an immutable ByteString: only then does protobuf alias bytes fields.
    CodedInputStream in = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
    in.enableAliasing(true);
    T message = parser.parseFrom(in, ExtensionRegistryLite.getEmptyRegistry());
    in.checkLastTagWas(0);
    return message;
  }
}
