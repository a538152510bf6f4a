package io.kserve4j.protocol.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.protocol.internal.wire.Echo;
import io.kserve4j.protocol.internal.wire.RequestChecks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads v2 bodies with Jackson's streaming parser, straight into protocol objects. */
public final class V2Reader {
  private V2Reader() {}

  /** A body to parse: its JSON, and the binary part after it (possibly empty). */
  private record Body(Json.Source json, BinaryTensors.Cursor binary) {
    static Body of(ByteBuffer body, int jsonLength) {
      if (jsonLength < 0 || jsonLength > body.remaining()) {
        throw new InvalidInputException(
            null,
            "Inference-Header-Content-Length = "
                + jsonLength
                + " but the body has "
                + body.remaining()
                + " bytes (give the byte length of the JSON that leads the body)");
      }
      ByteBuffer binary = body.duplicate();
      binary.position(body.position() + jsonLength);
      return new Body(Json.Source.of(body, jsonLength), new BinaryTensors.Cursor(binary.slice()));
    }
  }

  /**
   * Reads an inference request within the default {@link RequestLimits}; the bytes after {@code
   * jsonLength} are its binary tensors.
   */
  public static InferRequest request(ByteBuffer body, int jsonLength) {
    return request(body, jsonLength, RequestLimits.ofDefaults());
  }

  /**
   * Reads an inference request; the bytes after {@code jsonLength} are its binary tensors. The
   * counts of inputs and outputs are checked as they are read, before the next one is built.
   */
  public static InferRequest request(ByteBuffer body, int jsonLength, RequestLimits limits) {
    Body b = Body.of(body, jsonLength);
    try (JsonParser p = b.json().parser()) {
      startObject(p, "an inference request");
      InferRequest.Builder out = InferRequest.builder();
      boolean sawInputs = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" ->
              out.id(
                  p.currentToken() == JsonToken.VALUE_NULL
                      ? null
                      : RequestChecks.requestId(id(p, limits), limits, "'id'"));
          case "parameters" -> out.parameters(Json.parameters(p, "parameters"));
          case "inputs" -> {
            sawInputs = true;
            out.inputs(tensors(p, "inputs", b, limits));
          }
          case "outputs" -> {
            if (p.currentToken() != JsonToken.VALUE_NULL) {
              out.outputs(requestedOutputs(p, limits));
            }
          }
          default -> p.skipChildren();
        }
      }
      end(p);
      if (!sawInputs) {
        throw new InvalidInputException(
            null, "'inputs' is missing (an inference request lists its input tensors in 'inputs')");
      }
      b.binary().finish();
      return out.build();
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    } catch (IOException e) {
      throw new InvalidInputException(null, "cannot read the body: " + e.getMessage(), e);
    }
  }

  /** Reads an inference response; the bytes after {@code jsonLength} are its binary tensors. */
  public static InferResponse response(ByteBuffer body, int jsonLength) {
    Body b = Body.of(body, jsonLength);
    try (JsonParser p = b.json().parser()) {
      startObject(p, "an inference response");
      String modelName = null;
      String modelVersion = null;
      String id = null;
      Map<String, Object> parameters = Map.of();
      List<Tensor> outputs = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "model_name" -> modelName = t == JsonToken.VALUE_NULL ? null : Json.string(p, field);
          case "model_version" ->
              modelVersion = t == JsonToken.VALUE_NULL ? null : Json.string(p, field);
          case "id" -> id = t == JsonToken.VALUE_NULL ? null : Json.string(p, field);
          case "parameters" -> parameters = Json.parameters(p, field);
          case "outputs" -> outputs = tensors(p, "outputs", b, null);
          default -> p.skipChildren();
        }
      }
      end(p);
      b.binary().finish();
      return InferResponse.builder(modelName == null ? "" : modelName)
          .modelVersion(modelVersion)
          .id(id)
          .parameters(parameters)
          .outputs(outputs)
          .build();
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    } catch (IOException e) {
      throw new InvalidInputException(null, "cannot read the body: " + e.getMessage(), e);
    }
  }

  /** Reads v2 model metadata. */
  public static ModelMetadata modelMetadata(ByteBuffer body) {
    Json.Source src = Json.Source.of(body, body.remaining());
    try (JsonParser p = src.parser()) {
      startObject(p, "model metadata");
      String name = "";
      List<String> versions = List.of();
      String platform = "";
      List<TensorMetadata> inputs = List.of();
      List<TensorMetadata> outputs = List.of();
      Map<String, Object> parameters = Map.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (field) {
          case "name" -> name = Json.string(p, field);
          case "versions" -> versions = Json.strings(p, field);
          case "platform" -> platform = Json.string(p, field);
          case "inputs" -> inputs = tensorMetadata(p, field);
          case "outputs" -> outputs = tensorMetadata(p, field);
          case "parameters" -> parameters = Json.parameters(p, field);
          default -> p.skipChildren();
        }
      }
      end(p);
      return new ModelMetadata(name, versions, platform, inputs, outputs, parameters);
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    } catch (IOException e) {
      throw new InvalidInputException(null, "cannot read the body: " + e.getMessage(), e);
    }
  }

  /** Reads v2 server metadata. */
  public static ServerMetadata serverMetadata(ByteBuffer body) {
    Json.Source src = Json.Source.of(body, body.remaining());
    try (JsonParser p = src.parser()) {
      startObject(p, "server metadata");
      String name = "";
      String version = "";
      List<String> extensions = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (field) {
          case "name" -> name = Json.string(p, field);
          case "version" -> version = Json.string(p, field);
          case "extensions" -> extensions = Json.strings(p, field);
          default -> p.skipChildren();
        }
      }
      end(p);
      return new ServerMetadata(name, version, extensions);
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    } catch (IOException e) {
      throw new InvalidInputException(null, "cannot read the body: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the top-level fields of a small JSON object whose values are scalars or lists of strings
   * (health answers, errors, model lists): strings, booleans and numbers as themselves, lists of
   * strings as {@code List<String>}; other values are skipped.
   */
  public static Map<String, Object> flatObject(ByteBuffer body) {
    Json.Source src = Json.Source.of(body, body.remaining());
    try (JsonParser p = src.parser()) {
      startObject(p, "a JSON object");
      Map<String, Object> out = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (t) {
          case VALUE_STRING -> out.put(field, p.getText());
          case VALUE_TRUE, VALUE_FALSE -> out.put(field, t == JsonToken.VALUE_TRUE);
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.put(field, p.getNumberValue());
          case START_ARRAY -> {
            List<String> strings = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (p.currentToken() == JsonToken.VALUE_STRING) {
                strings.add(p.getText());
              } else {
                p.skipChildren();
              }
            }
            out.put(field, strings);
          }
          default -> p.skipChildren();
        }
      }
      end(p);
      return out;
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    } catch (IOException e) {
      throw new InvalidInputException(null, "cannot read the body: " + e.getMessage(), e);
    }
  }

  // ----------------------------------------------------------------------------- internals

  static void startObject(JsonParser p, String what) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw new InvalidInputException(
          null,
          "the body must be a JSON object ("
              + what
              + ") but is "
              + (t == null ? "empty" : Json.describe(t))
              + " (send a JSON object with Content-Type: application/json)");
    }
  }

  static void end(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != null) {
      throw new InvalidInputException(
          null,
          "the body has more after its JSON object: "
              + Json.describe(t)
              + Json.atLine(p)
              + " (send one JSON object; binary tensors follow it only with the"
              + " Inference-Header-Content-Length header)");
    }
  }

  private static List<TensorMetadata> tensorMetadata(JsonParser p, String field)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw Json.wrongType(field, "an array of tensors", p);
    }
    List<TensorMetadata> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String where = field + "[" + out.size() + "]";
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw Json.wrongType(where, "an object", p);
      }
      String name = null;
      DataType type = null;
      long[] shape = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "name" -> name = Json.string(p, where + ".name");
          case "datatype" -> type = datatype(p, where + ".datatype");
          case "shape" -> shape = Json.shape(p, where + ".shape", true);
          default -> p.skipChildren();
        }
      }
      if (name == null || type == null || shape == null) {
        throw new InvalidInputException(
            null, "'" + where + "' needs a name, a datatype and a shape");
      }
      out.add(TensorMetadata.of(name, type, shape));
    }
    return out;
  }

  /** The id, its length checked before the parser copies it into a string. */
  private static String id(JsonParser p, RequestLimits limits) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING
        && p.getTextLength() > limits.maxRequestIdLength()) {
      throw new InvalidInputException(
          null,
          "the request id ('id') is "
              + p.getTextLength()
              + " characters long; this server takes at most "
              + limits.maxRequestIdLength()
              + " (send a shorter id, such as a UUID; or raise the server's maxRequestIdLength)");
    }
    return Json.string(p, "id");
  }

  private static List<RequestedOutput> requestedOutputs(JsonParser p, RequestLimits limits)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw Json.wrongType("outputs", "an array of {\"name\", \"parameters\"} objects", p);
    }
    List<RequestedOutput> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      RequestChecks.outputCount(out.size() + 1L, limits);
      String where = "outputs[" + out.size() + "]";
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw Json.wrongType(where, "an object", p);
      }
      String name = null;
      Map<String, Object> parameters = Map.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "name" -> name = Json.string(p, where + ".name");
          case "parameters" -> parameters = Json.parameters(p, where + ".parameters");
          default -> p.skipChildren();
        }
      }
      if (name == null) {
        throw new InvalidInputException(
            null, "'" + where + ".name' is missing (name each output you ask for)");
      }
      out.add(new RequestedOutput(name, parameters));
    }
    return out;
  }

  /** Reads tensors; with {@code limits}, no more than its maxInputs. */
  private static List<Tensor> tensors(
      JsonParser p, String field, Body b, @Nullable RequestLimits limits) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw Json.wrongType(field, "an array of tensors", p);
    }
    List<Tensor> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (limits != null) {
        RequestChecks.inputCount(out.size() + 1L, limits);
      }
      out.add(tensor(p, field + "[" + out.size() + "]", b));
    }
    return out;
  }

  private static DataType datatype(JsonParser p, String field) throws IOException {
    String name = Json.string(p, field);
    try {
      return DataType.of(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          null,
          "'"
              + field
              + "' = '"
              + Echo.cut(name)
              + "' is not a protocol datatype (use one of BOOL, UINT8, UINT16, UINT32, UINT64,"
              + " INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES)");
    }
  }

  /** One tensor entry: name, datatype, shape, parameters and data or binary_data_size. */
  private static Tensor tensor(JsonParser p, String where, Body b) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw Json.wrongType(where, "an object", p);
    }
    String name = null;
    DataType type = null;
    long[] shape = null;
    Map<String, Object> parameters = Map.of();
    Object data = null;
    long dataFrom = -1;
    long dataTo = -1;
    int jsonBytes = b.json().length();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      switch (f) {
        case "name" -> name = Json.string(p, where + ".name");
        case "datatype" -> type = datatype(p, where + ".datatype");
        case "shape" -> shape = Json.shape(p, where + ".shape", false);
        case "parameters" -> parameters = Json.parameters(p, where + ".parameters");
        case "data" -> {
          if (t == JsonToken.VALUE_NULL) {
            break;
          }
          if (t != JsonToken.START_ARRAY) {
            throw Json.wrongType(where + ".data", "an array (nested or flat, row-major)", p);
          }
          if (type != null) {
            long expected = shape == null ? -1 : Json.elementCount(shape, where + ".shape");
            data = TensorData.read(p, type, expected, jsonBytes, where + ".data");
          } else {
            // The datatype comes later: read the data once it is known.
            dataFrom = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            dataTo = p.currentTokenLocation().getByteOffset() + 1;
          }
        }
        default -> p.skipChildren();
      }
    }
    if (name == null) {
      throw new InvalidInputException(
          null, "'" + where + ".name' is missing (every tensor needs a name)");
    }
    String shown = Echo.cut(name);
    String field = where + " '" + shown + "'";
    if (type == null) {
      throw new InvalidInputException(
          null, "'" + where + ".datatype' of '" + shown + "' is missing (give e.g. \"FP32\")");
    }
    if (shape == null) {
      throw new InvalidInputException(
          null, "'" + where + ".shape' of '" + shown + "' is missing (give e.g. [1, 4])");
    }
    long count = Json.elementCount(shape, where + ".shape");
    if (dataFrom >= 0) {
      try (JsonParser deferred = b.json().parser(dataFrom, dataTo)) {
        deferred.nextToken();
        data = TensorData.read(deferred, type, count, jsonBytes, where + ".data");
      }
    }
    Object size = parameters.get(BinaryTensors.BINARY_DATA_SIZE);
    Tensor tensor;
    if (data != null) {
      if (size != null) {
        throw new InvalidInputException(
            null,
            "'"
                + where
                + "' ('"
                + shown
                + "') has both 'data' and parameters.binary_data_size (send one of them)");
      }
      int n = java.lang.reflect.Array.getLength(data);
      if (n != count) {
        throw new InvalidInputException(
            null,
            "'"
                + where
                + ".data' of '"
                + shown
                + "' has "
                + n
                + " elements but shape "
                + java.util.Arrays.toString(shape)
                + " has "
                + count
                + " (send exactly product(shape) values, row-major)");
      }
      tensor = Tensor.of(name, type, data, shape);
    } else if (size != null) {
      if (!(size instanceof Long) && !(size instanceof Integer)) {
        throw new InvalidInputException(
            null,
            "'"
                + where
                + ".parameters.binary_data_size' of '"
                + shown
                + "' = "
                + Echo.cut(String.valueOf(size))
                + " (give the tensor's byte length as an integer)");
      }
      tensor = b.binary().take(name, type, shape, ((Number) size).longValue(), field);
      parameters = without(parameters, BinaryTensors.BINARY_DATA_SIZE);
    } else {
      throw new InvalidInputException(
          null,
          "'"
              + where
              + "' ('"
              + shown
              + "') has neither 'data' nor parameters.binary_data_size (send its values in"
              + " 'data', or in binary after the JSON)");
    }
    return parameters.isEmpty() ? tensor : tensor.withParameters(parameters);
  }

  private static Map<String, Object> without(Map<String, Object> parameters, String key) {
    if (parameters.size() == 1) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>(parameters);
    copy.remove(key);
    return copy;
  }
}
