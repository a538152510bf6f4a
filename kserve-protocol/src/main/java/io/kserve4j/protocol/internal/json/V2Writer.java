package io.kserve4j.protocol.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.protocol.internal.wire.Echo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes v2 bodies with Jackson's streaming generator. */
public final class V2Writer {
  private V2Writer() {}

  /**
   * Writes a request's JSON; with {@code binary} (and always for FP16 and BF16, which JSON cannot
   * carry) the inputs go in binary and their bytes are returned in order, and the outputs are asked
   * for in binary.
   */
  public static List<ByteBuffer> request(InferRequest request, boolean binary, OutputStream out) {
    List<ByteBuffer> parts = new ArrayList<>();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      if (request.id() != null) {
        g.writeStringField("id", request.id());
      }
      Map<String, Object> parameters = request.parameters();
      if (binary && request.outputs().isEmpty()) {
        parameters = with(parameters, BinaryTensors.BINARY_DATA_OUTPUT, Boolean.TRUE);
      }
      if (!parameters.isEmpty()) {
        Json.writeParameters(g, parameters, null, 0);
      }
      g.writeArrayFieldStart("inputs");
      for (Tensor t : request.inputs()) {
        boolean inBinary =
            binary
                || t.datatype() == io.kserve4j.protocol.DataType.FP16
                || t.datatype() == io.kserve4j.protocol.DataType.BF16;
        ByteBuffer bytes = inBinary ? BinaryTensors.bytes(t) : null;
        tensor(g, t, bytes, "inputs '" + t.name() + "'");
        if (bytes != null) {
          parts.add(bytes);
        }
      }
      g.writeEndArray();
      if (!request.outputs().isEmpty()) {
        g.writeArrayFieldStart("outputs");
        for (RequestedOutput o : request.outputs()) {
          g.writeStartObject();
          g.writeStringField("name", o.name());
          Map<String, Object> op = o.parameters();
          if (binary && !op.containsKey(BinaryTensors.BINARY_DATA)) {
            op = with(op, BinaryTensors.BINARY_DATA, Boolean.TRUE);
          }
          if (!op.isEmpty()) {
            Json.writeParameters(g, op, null, 0);
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  /**
   * The outputs a response sends for a request, and which of them go in binary: when the request
   * lists outputs, those alone, in its order, each in binary when its {@code binary_data} parameter
   * is true; else every output, in binary when {@code binary_data_output} is true.
   */
  public static final class Selection {
    private final List<Tensor> outputs;
    private final boolean[] binary;

    Selection(List<Tensor> outputs, boolean[] binary) {
      this.outputs = outputs;
      this.binary = binary;
    }

    /** The outputs to send, in order. */
    public List<Tensor> outputs() {
      return outputs;
    }

    /** Whether the output at {@code index} goes in binary. */
    public boolean binary(int index) {
      return binary[index];
    }

    /**
     * A lower bound of the bytes the answer takes, JSON and binary parts together, in long
     * arithmetic and without writing or copying anything: binary parts exactly, JSON values at
     * their shortest ({@code 0,} for an integer, {@code 0.0,} for a float, {@code true,} for a
     * boolean, the bytes and two quotes for a string), plus each tensor's name.
     */
    public long minimumBytes() {
      // {"model_name":"","outputs":[]}, then per tensor at least
      // {"name":"","datatype":"BOOL","shape":[],"data":[]}, and a digit and a comma per dimension.
      long total = 30;
      for (int i = 0; i < outputs.size(); i++) {
        Tensor t = outputs.get(i);
        total += 40 + t.name().length() + 2L * t.rank();
        if (binary[i]) {
          total += binaryBytes(t);
        } else {
          total += jsonBytes(t);
        }
      }
      return total;
    }

    /** The exact size of the binary parts. */
    public long binaryBytes() {
      long total = 0;
      for (int i = 0; i < outputs.size(); i++) {
        if (binary[i]) {
          total += binaryBytes(outputs.get(i));
        }
      }
      return total;
    }

    private static long binaryBytes(Tensor t) {
      if (t.datatype().isFixedWidth()) {
        return t.elementCount() * t.datatype().byteSize();
      }
      long total = 0;
      for (byte[] e : t.asByteArrays()) {
        total += 4L + e.length;
      }
      return total;
    }

    static long jsonBytes(Tensor t) {
      long n = t.elementCount();
      return switch (t.datatype()) {
        case BOOL -> 5 * n;
        case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64 -> 2 * n;
        case FP16, BF16, FP32, FP64 -> 4 * n;
        case BYTES -> {
          long total = 0;
          for (byte[] e : t.asByteArrays()) {
            total += 3L + e.length;
          }
          yield total;
        }
      };
    }
  }

  /**
   * A lower bound of the bytes the values of {@code tensors} take as JSON, nested or flat (a v1
   * answer), in long arithmetic: {@code 0,} for an integer, {@code 0.0,} for a float, {@code true,}
   * for a boolean, a string's bytes and two quotes.
   */
  public static long minimumValueBytes(List<Tensor> tensors) {
    long total = 0;
    for (Tensor t : tensors) {
      total += Selection.jsonBytes(t);
    }
    return total;
  }

  /**
   * The outputs {@code response} sends for {@code request} (see {@link Selection}).
   *
   * @throws InvalidInputException if the request asks for an output the response lacks
   */
  public static Selection select(InferResponse response, @Nullable InferRequest request) {
    List<Tensor> outputs;
    boolean[] binary;
    if (request != null && !request.outputs().isEmpty()) {
      List<RequestedOutput> asked = request.outputs();
      Map<String, Tensor> byName = byName(response.outputs());
      outputs = new ArrayList<>(asked.size());
      binary = new boolean[asked.size()];
      for (int i = 0; i < asked.size(); i++) {
        RequestedOutput o = asked.get(i);
        outputs.add(find(response, byName, o.name()));
        binary[i] = BinaryTensors.wantsBinary(o.parameters(), BinaryTensors.BINARY_DATA);
      }
    } else {
      outputs = response.outputs();
      binary = new boolean[outputs.size()];
      boolean all =
          request != null
              && BinaryTensors.wantsBinary(request.parameters(), BinaryTensors.BINARY_DATA_OUTPUT);
      java.util.Arrays.fill(binary, all);
    }
    return new Selection(outputs, binary);
  }

  /**
   * Writes a response's JSON as KServe does for {@code request} (see {@link Selection}). Returns
   * the binary parts.
   */
  public static List<ByteBuffer> response(
      InferResponse response, @Nullable InferRequest request, OutputStream out) {
    return response(response, select(response, request), out);
  }

  /**
   * Writes a response's JSON with the outputs {@code selection} names. Returns the binary parts.
   */
  public static List<ByteBuffer> response(
      InferResponse response, Selection selection, OutputStream out) {
    List<Tensor> outputs = selection.outputs();
    List<ByteBuffer> parts = new ArrayList<>();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("model_name", response.modelName());
      if (response.modelVersion() != null) {
        g.writeStringField("model_version", response.modelVersion());
      }
      if (response.id() != null) {
        g.writeStringField("id", response.id());
      }
      if (!response.parameters().isEmpty()) {
        Json.writeParameters(g, response.parameters(), null, 0);
      }
      g.writeArrayFieldStart("outputs");
      for (int i = 0; i < outputs.size(); i++) {
        Tensor t = outputs.get(i);
        ByteBuffer bytes = selection.binary(i) ? BinaryTensors.bytes(t) : null;
        tensor(g, t, bytes, "outputs '" + Echo.cut(t.name()) + "'");
        if (bytes != null) {
          parts.add(bytes);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  /** Writes v2 model metadata. */
  public static void modelMetadata(ModelMetadata m, OutputStream out) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("name", m.name());
      if (!m.versions().isEmpty()) {
        g.writeArrayFieldStart("versions");
        for (String v : m.versions()) {
          g.writeString(v);
        }
        g.writeEndArray();
      }
      g.writeStringField("platform", m.platform());
      tensorMetadata(g, "inputs", m.inputs());
      tensorMetadata(g, "outputs", m.outputs());
      if (!m.parameters().isEmpty()) {
        Json.writeParameters(g, m.parameters(), null, 0);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes v2 server metadata. */
  public static void serverMetadata(ServerMetadata m, OutputStream out) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("name", m.name());
      g.writeStringField("version", m.version());
      g.writeArrayFieldStart("extensions");
      for (String e : m.extensions()) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void tensorMetadata(JsonGenerator g, String field, List<TensorMetadata> tensors)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (TensorMetadata t : tensors) {
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeStringField("datatype", t.datatype().protocolName());
      g.writeArrayFieldStart("shape");
      for (Long d : t.shape()) {
        g.writeNumber(d);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void tensor(JsonGenerator g, Tensor t, @Nullable ByteBuffer binary, String field)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("name", t.name());
    g.writeStringField("datatype", t.datatype().protocolName());
    g.writeArrayFieldStart("shape");
    for (int d = 0; d < t.rank(); d++) {
      g.writeNumber(t.dim(d));
    }
    g.writeEndArray();
    if (binary != null) {
      Json.writeParameters(g, t.parameters(), BinaryTensors.BINARY_DATA_SIZE, binary.remaining());
    } else {
      Map<String, Object> p = t.parameters();
      if (!p.isEmpty() && !(p.size() == 1 && p.containsKey(BinaryTensors.BINARY_DATA_SIZE))) {
        Json.writeParameters(g, p, BinaryTensors.BINARY_DATA_SIZE, -1);
      }
      g.writeFieldName("data");
      TensorData.write(g, t, field);
    }
    g.writeEndObject();
  }

  private static Map<String, Tensor> byName(List<Tensor> outputs) {
    Map<String, Tensor> byName = new HashMap<>(outputs.size() * 2);
    for (Tensor t : outputs) {
      byName.putIfAbsent(t.name(), t);
    }
    return byName;
  }

  private static Tensor find(InferResponse response, Map<String, Tensor> byName, String name) {
    Tensor t = byName.get(name);
    if (t != null) {
      return t;
    }
    List<String> names = new ArrayList<>();
    for (Tensor o : response.outputs()) {
      names.add(o.name());
    }
    throw new InvalidInputException(
        response.modelName(),
        "the request asks for output '"
            + Echo.cut(name)
            + "' but the model gave none of that name (its outputs are "
            + Echo.message(names.toString())
            + ")");
  }

  private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
    java.util.LinkedHashMap<String, Object> copy = new java.util.LinkedHashMap<>(map);
    copy.put(key, value);
    return copy;
  }
}
