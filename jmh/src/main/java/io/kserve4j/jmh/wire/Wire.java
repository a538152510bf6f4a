package io.kserve4j.jmh.wire;

import com.sun.net.httpserver.HttpServer;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.protocol.json.JsonCodec;
import io.kserve4j.server.rest.RestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The two servers of the wire benchmarks, the trivial model they share, and the request. */
final class Wire {
  static final String MODEL = "doubler";
  static final int WIDTH = 784;

  private Wire() {}

  /** The model: y = 2x over an FP32 input of any shape. */
  static InferResponse run(InferRequest request) {
    Tensor x = request.inputs().get(0);
    float[] in = x.asFloats();
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] * 2;
    }
    return InferResponse.builder(MODEL)
        .id(request.id())
        .output(Tensor.of("y", out, x.shape()))
        .build();
  }

  /** The model as an InferenceHandler, for RestServer. */
  static final class Handler implements InferenceHandler {
    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public ServerMetadata serverMetadata() {
      return new ServerMetadata("jmh", "0", List.of());
    }

    @Override
    public List<String> modelNames() {
      return List.of(MODEL);
    }

    @Override
    public ModelMetadata modelMetadata(String model) {
      return new ModelMetadata(
          MODEL,
          List.of(),
          "java",
          List.of(TensorMetadata.of("x", DataType.FP32, -1, WIDTH)),
          List.of(TensorMetadata.of("y", DataType.FP32, -1, WIDTH)),
          Map.of());
    }

    @Override
    public boolean isModelReady(String model) {
      return true;
    }

    @Override
    public InferResponse infer(String model, InferRequest request, Map<String, String> headers) {
      return run(request);
    }
  }

  /** A 1x784 FP32 v2 JSON request. */
  static byte[] requestBody() {
    StringBuilder b = new StringBuilder("{\"id\":\"1\",\"inputs\":[{\"name\":\"x\",\"shape\":[1,");
    b.append(WIDTH).append("],\"datatype\":\"FP32\",\"data\":[");
    for (int i = 0; i < WIDTH; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(String.format(Locale.ROOT, "%.4f", (i % 97) / 97.0));
    }
    return b.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** kserve4j's RestServer on 127.0.0.1, a free port. */
  static RestServer restServer() {
    return RestServer.builder(new Handler()).host("127.0.0.1").port(0).build().start();
  }

  /**
   * The baseline: a bare JDK HttpServer whose handler does the same decode, run and encode with the
   * same codec (default executor: the server's dispatcher thread).
   */
  static HttpServer bareServer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      server.createContext(
          "/v2/models/" + MODEL + "/infer",
          exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            InferRequest request = JsonCodec.readInferRequest(ByteBuffer.wrap(body), body.length);
            InferResponse response = run(request);
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            JsonCodec.writeInferResponse(response, request, out);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.size());
            try (OutputStream os = exchange.getResponseBody()) {
              out.writeTo(os);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URI inferUri(int port) {
    return URI.create("http://127.0.0.1:" + port + "/v2/models/" + MODEL + "/infer");
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** One POST; fails on anything but 200. */
  static byte[] post(HttpClient client, URI uri, byte[] body) {
    try {
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
