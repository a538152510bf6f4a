package io.kserve4j.protocol.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * KServe's v1 bodies: {@code {"instances": [row, ...]}} (or {@code "inputs"}) in, {@code
 * {"predictions": [row, ...]}} out.
 */
public final class V1Codec {
  /** The input name used when the model's metadata lists no inputs. */
  public static final String DEFAULT_INPUT = "input-0";

  private V1Codec() {}

  /**
   * Reads a v1 body into one tensor for the model's first input: shape [N, ...] from the rows'
   * nesting, datatype from the metadata (or from the values when it lists no inputs).
   */
  public static InferRequest request(ByteBuffer body, ModelMetadata metadata) {
    Json.Source src = Json.Source.of(body, body.remaining());
    try (JsonParser p = src.parser()) {
      V2Reader.startObject(p, "a v1 request: {\"instances\": [row, ...]}");
      long[] instances = null;
      long[] inputs = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("instances") || field.equals("inputs")) {
          if (t != JsonToken.START_ARRAY) {
            throw new InvalidInputException(
                null,
                "Expected \""
                    + field
                    + "\" to be a list, but it is "
                    + Json.describe(t)
                    + Json.atLine(p)
                    + " (send {\""
                    + field
                    + "\": [row, ...]})");
          }
          long from = p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          long[] range = {from, p.currentTokenLocation().getByteOffset() + 1};
          if (field.equals("instances")) {
            instances = range;
          } else {
            inputs = range;
          }
        } else {
          p.skipChildren();
        }
      }
      V2Reader.end(p);
      long[] range = inputs != null ? inputs : instances;
      String field = inputs != null ? "inputs" : "instances";
      if (range == null) {
        throw new InvalidInputException(
            null,
            "the body has neither \"instances\" nor \"inputs\" (send {\"instances\": [row,"
                + " ...]})");
      }
      return InferRequest.of(rows(src, range, field, metadata));
    } catch (JsonProcessingException e) {
      throw Json.malformed(e);
    } catch (IOException e) {
      throw new InvalidInputException(null, "cannot read the body: " + e.getMessage(), e);
    }
  }

  /**
   * A body that is not JSON, handed to the model as KServe hands raw bytes: one BYTES element for
   * the model's first input, with the content type in its parameters.
   */
  public static InferRequest raw(ByteBuffer body, String contentType, ModelMetadata metadata) {
    byte[] bytes = new byte[body.remaining()];
    body.duplicate().get(bytes);
    String name = metadata.inputs().isEmpty() ? DEFAULT_INPUT : metadata.inputs().get(0).name();
    Tensor t =
        Tensor.of(name, DataType.BYTES, new byte[][] {bytes}, 1)
            .withParameters(Map.of("content_type", contentType));
    return InferRequest.of(t);
  }

  private static Tensor rows(Json.Source src, long[] range, String field, ModelMetadata metadata)
      throws IOException {
    // Pass 1: the shape from the nesting (checked rectangular) and the kinds of values.
    long[] dims = new long[8];
    Arrays.fill(dims, -1);
    long[] counts = new long[8];
    int leafDepth = -1;
    int maxArrayDepth = 0;
    boolean ints = false;
    boolean floats = false;
    boolean strings = false;
    boolean bools = false;
    try (JsonParser p = src.parser(range[0], range[1])) {
      int depth = -1;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case START_ARRAY -> {
            if (depth >= 0) {
              if (leafDepth == depth) {
                throw ragged(p, field);
              }
              counts[depth]++;
            }
            depth++;
            if (depth >= counts.length) {
              counts = Arrays.copyOf(counts, depth * 2);
              long[] d = Arrays.copyOf(dims, depth * 2);
              Arrays.fill(d, dims.length, d.length, -1);
              dims = d;
            }
            counts[depth] = 0;
            maxArrayDepth = Math.max(maxArrayDepth, depth);
          }
          case END_ARRAY -> {
            if (dims[depth] < 0) {
              dims[depth] = counts[depth];
            } else if (dims[depth] != counts[depth]) {
              throw ragged(p, field);
            }
            depth--;
          }
          case START_OBJECT ->
              throw new InvalidInputException(
                  null,
                  "'"
                      + field
                      + "' holds an object"
                      + Json.atLine(p)
                      + "; rows of named columns are not supported (send each row as a list, or"
                      + " use the v2 protocol with one named input per column)");
          default -> {
            if (leafDepth < 0) {
              leafDepth = depth;
            } else if (leafDepth != depth) {
              throw ragged(p, field);
            }
            if (maxArrayDepth > depth) {
              throw ragged(p, field);
            }
            counts[depth]++;
            switch (t) {
              case VALUE_NUMBER_INT -> ints = true;
              case VALUE_NUMBER_FLOAT -> floats = true;
              case VALUE_STRING -> strings = true;
              case VALUE_TRUE, VALUE_FALSE -> bools = true;
              default ->
                  throw new InvalidInputException(
                      null,
                      "'"
                          + field
                          + "' holds "
                          + Json.describe(t)
                          + Json.atLine(p)
                          + " (rows hold numbers, strings or booleans)");
            }
          }
        }
      }
    }
    int rank = (leafDepth >= 0 ? leafDepth : maxArrayDepth) + 1;
    long[] shape = new long[rank];
    for (int d = 0; d < rank; d++) {
      shape[d] = Math.max(dims[d], 0);
    }
    DataType type;
    String name;
    if (!metadata.inputs().isEmpty()) {
      TensorMetadata first = metadata.inputs().get(0);
      type = first.datatype();
      name = first.name();
    } else {
      name = DEFAULT_INPUT;
      if ((strings ? 1 : 0) + (bools ? 1 : 0) + (ints || floats ? 1 : 0) > 1) {
        throw new InvalidInputException(
            null,
            "'"
                + field
                + "' mixes numbers, strings and booleans (send values of one kind; the model's"
                + " metadata lists no input to say which)");
      }
      type =
          strings
              ? DataType.BYTES
              : bools ? DataType.BOOL : floats ? DataType.FP64 : DataType.INT64;
    }
    long count = Json.elementCount(shape, field + " (shape " + Arrays.toString(shape) + ")");
    // Pass 2: the values, straight into the datatype's array.
    Object data;
    try (JsonParser p = src.parser(range[0], range[1])) {
      p.nextToken();
      data = TensorData.read(p, type, count, src.length(), field);
    }
    return Tensor.of(name, type, data, shape);
  }

  private static InvalidInputException ragged(JsonParser p, String field) {
    return new InvalidInputException(
        null,
        "'"
            + field
            + "' is ragged"
            + Json.atLine(p)
            + ": its rows must all have the same nesting and lengths (send a rectangular array)");
  }

  /**
   * Writes {@code {"<key>": ...}}: one output as its nested rows; several outputs of the same first
   * dimension as one object per row keyed by output name (KServe's DataFrame rows); else an object
   * of each output's nested rows.
   */
  public static void response(InferResponse response, String key, OutputStream out) {
    List<Tensor> outputs = response.outputs();
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeFieldName(key);
      if (outputs.isEmpty()) {
        g.writeStartArray();
        g.writeEndArray();
      } else if (outputs.size() == 1) {
        Elements e = new Elements(outputs.get(0));
        e.nested(g, 0, 0);
      } else {
        long rows = sameRows(outputs);
        Elements[] all = new Elements[outputs.size()];
        for (int i = 0; i < all.length; i++) {
          all[i] = new Elements(outputs.get(i));
        }
        if (rows >= 0) {
          g.writeStartArray();
          for (long r = 0; r < rows; r++) {
            g.writeStartObject();
            for (Elements e : all) {
              g.writeFieldName(e.tensor.name());
              e.nested(g, 1, r * e.stride(0));
            }
            g.writeEndObject();
          }
          g.writeEndArray();
        } else {
          g.writeStartObject();
          for (Elements e : all) {
            g.writeFieldName(e.tensor.name());
            e.nested(g, 0, 0);
          }
          g.writeEndObject();
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sameRows(List<Tensor> outputs) {
    long rows = -1;
    for (Tensor t : outputs) {
      if (t.rank() == 0 || (rows >= 0 && t.dim(0) != rows)) {
        return -1;
      }
      rows = t.dim(0);
    }
    return rows;
  }

  /** A tensor's elements, read once, written nested by its shape. */
  private static final class Elements {
    final Tensor tensor;
    private final long[] shape;
    private final Object array;
    private final char[] scratch = new char[32];

    Elements(Tensor t) {
      this.tensor = t;
      this.shape = t.shape();
      this.array =
          switch (t.datatype()) {
            case BOOL -> t.asBooleans();
            case INT8, UINT8 -> t.asBytes();
            case INT16, UINT16 -> t.asShorts();
            case INT32, UINT32 -> t.asInts();
            case INT64, UINT64 -> t.asLongs();
            case FP16, BF16, FP32 -> t.asFloats();
            case FP64 -> t.asDoubles();
            case BYTES -> t.asByteArrays();
          };
    }

    long stride(int dim) {
      long s = 1;
      for (int d = dim + 1; d < shape.length; d++) {
        s *= shape[d];
      }
      return s;
    }

    void nested(JsonGenerator g, int dim, long start) throws IOException {
      if (dim == shape.length) {
        element(g, (int) start);
        return;
      }
      long stride = stride(dim);
      g.writeStartArray();
      for (long i = 0; i < shape[dim]; i++) {
        nested(g, dim + 1, start + i * stride);
      }
      g.writeEndArray();
    }

    private void element(JsonGenerator g, int i) throws IOException {
      switch (tensor.datatype()) {
        case BOOL -> g.writeBoolean(((boolean[]) array)[i]);
        case INT8 -> g.writeNumber(((byte[]) array)[i]);
        case UINT8 -> g.writeNumber(((byte[]) array)[i] & 0xFF);
        case INT16 -> g.writeNumber(((short[]) array)[i]);
        case UINT16 -> g.writeNumber(((short[]) array)[i] & 0xFFFF);
        case INT32 -> g.writeNumber(((int[]) array)[i]);
        case UINT32 -> g.writeNumber(Integer.toUnsignedLong(((int[]) array)[i]));
        case INT64 -> g.writeNumber(((long[]) array)[i]);
        case UINT64 -> {
          long v = ((long[]) array)[i];
          if (v >= 0) {
            g.writeNumber(v);
          } else {
            g.writeNumber(Long.toUnsignedString(v));
          }
        }
        case FP16, BF16, FP32 -> Numbers.writeFloat(g, ((float[]) array)[i], scratch);
        case FP64 -> g.writeNumber(((double[]) array)[i]);
        case BYTES -> {
          byte[] b = ((byte[][]) array)[i];
          try {
            g.writeString(
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString());
          } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                null,
                "output '"
                    + tensor.name()
                    + "' element "
                    + i
                    + " is not UTF-8 text, which a v1 JSON answer cannot carry (use the v2"
                    + " protocol with binary_data)");
          }
        }
      }
    }
  }
}
