package io.kserve4j.protocol.json;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.internal.json.V1Codec;
import io.kserve4j.protocol.internal.json.V2Reader;
import io.kserve4j.protocol.internal.json.V2Writer;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads and writes the Open Inference Protocol's JSON bodies, and KServe's v1 bodies, on Jackson's
 * streaming API.
 *
 * <p>A body with binary tensors (the binary tensor extension) is its JSON followed by the tensors'
 * bytes; {@code jsonLength} is the {@code Inference-Header-Content-Length} header's value, or the
 * whole body's length when the body is JSON only. Readers never consume the buffer they are given
 * (its position is left as it was), and binary tensors they return are views of it: keep the buffer
 * unchanged while those tensors are in use. Writers write the JSON to a stream and return the
 * binary parts, in order, for the caller to send after it.
 *
 * <pre>{@code
 * InferRequest request = JsonCodec.readInferRequest(ByteBuffer.wrap(json), json.length);
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * List<ByteBuffer> binary = JsonCodec.writeInferResponse(response, request, out);
 * }</pre>
 *
 * <p>All methods are thread-safe.
 */
public final class JsonCodec {
  private JsonCodec() {}

  /**
   * Reads a v2 inference request: {@code id}, {@code parameters}, {@code inputs[{name, shape,
   * datatype, parameters, data}]} and {@code outputs[{name, parameters}]}. {@code data} may be
   * nested or flat (row-major) and is read straight into the datatype's primitive array; an input
   * with {@code parameters.binary_data_size} and no {@code data} takes its bytes from the binary
   * part, in input order, as a tensor over those very bytes.
   *
   * @param body the body, from its position to its limit
   * @param jsonLength the byte length of the JSON that leads the body ({@code body.remaining()}
   *     when there is no binary part)
   * @return the request; {@code binary_data_size} is removed from binary inputs' parameters
   * @throws io.kserve4j.protocol.InvalidInputException if the JSON is malformed (naming line and
   *     column), a field is missing or of the wrong type, a datatype is unknown, FP16 or BF16 data
   *     is sent as JSON, nested data is ragged, a string is not text (an unpaired surrogate), a
   *     value does not fit its datatype, a shape's element count overflows or differs from the
   *     data's, the declared binary sizes do not add up to the binary part, two inputs share a
   *     name, an output is asked for twice, or the request is over the {@linkplain
   *     RequestLimits#ofDefaults() default limits}
   */
  public static InferRequest readInferRequest(ByteBuffer body, int jsonLength) {
    return V2Reader.request(body, jsonLength, RequestLimits.ofDefaults());
  }

  /**
   * Reads a v2 inference request as {@link #readInferRequest(ByteBuffer, int)} does, within {@code
   * limits}: the count of inputs and of requested outputs is checked as they are read, before the
   * next tensor is built, and the id's length and characters before the model sees it.
   *
   * @throws io.kserve4j.protocol.InvalidInputException as {@link #readInferRequest(ByteBuffer,
   *     int)}, and if the request has more inputs or names more outputs than {@code limits} allow,
   *     or its id is longer or holds a control character
   */
  public static InferRequest readInferRequest(
      ByteBuffer body, int jsonLength, RequestLimits limits) {
    return V2Reader.request(body, jsonLength, limits);
  }

  /**
   * Writes a v2 inference request.
   *
   * @param request the request
   * @param binary whether to send every input in binary and ask for every output in binary (FP16
   *     and BF16 inputs always go in binary, since JSON cannot carry them)
   * @param json where the JSON goes (left open)
   * @return the binary parts to send after the JSON, in order; empty when everything is JSON
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static List<ByteBuffer> writeInferRequest(
      InferRequest request, boolean binary, OutputStream json) {
    return V2Writer.request(request, binary, json);
  }

  /**
   * Reads a v2 inference response: {@code model_name}, {@code model_version}, {@code id}, {@code
   * parameters} and {@code outputs}, with binary outputs taken from the binary part in order.
   *
   * @param body the body, from its position to its limit
   * @param jsonLength the byte length of the leading JSON ({@code body.remaining()} when there is
   *     no binary part)
   * @throws io.kserve4j.protocol.InvalidInputException if the body is malformed, as for {@link
   *     #readInferRequest}
   */
  public static InferResponse readInferResponse(ByteBuffer body, int jsonLength) {
    return V2Reader.response(body, jsonLength);
  }

  /**
   * Writes a v2 inference response as KServe answers {@code request}: when the request lists
   * outputs, only those, in its order, each in binary when its {@code parameters.binary_data} is
   * true; else every output, all in binary when the request's {@code binary_data_output} parameter
   * is true. Binary outputs carry {@code parameters.binary_data_size} and no {@code data}.
   *
   * @param response the response
   * @param request the request answered, which selects outputs and binary; {@code null} writes
   *     every output as JSON
   * @param json where the JSON goes (left open)
   * @return the binary parts to send after the JSON, in order; empty when everything is JSON
   * @throws io.kserve4j.protocol.InvalidInputException if the request asks for an output the
   *     response lacks, or an FP16, BF16 or non-UTF-8 BYTES output is to be written as JSON
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static List<ByteBuffer> writeInferResponse(
      InferResponse response,
      @org.jspecify.annotations.Nullable InferRequest request,
      OutputStream json) {
    return V2Writer.response(response, request, json);
  }

  /**
   * Reads v2 model metadata ({@code GET /v2/models/<m>}).
   *
   * @throws io.kserve4j.protocol.InvalidInputException if the body is malformed
   */
  public static ModelMetadata readModelMetadata(ByteBuffer body) {
    return V2Reader.modelMetadata(body);
  }

  /**
   * Writes v2 model metadata: {@code name}, {@code versions} (when there are some), {@code
   * platform}, {@code inputs}, {@code outputs} and {@code parameters} (when there are some).
   *
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static void writeModelMetadata(ModelMetadata metadata, OutputStream json) {
    V2Writer.modelMetadata(metadata, json);
  }

  /**
   * Reads v2 server metadata ({@code GET /v2}).
   *
   * @throws io.kserve4j.protocol.InvalidInputException if the body is malformed
   */
  public static ServerMetadata readServerMetadata(ByteBuffer body) {
    return V2Reader.serverMetadata(body);
  }

  /**
   * Writes v2 server metadata: {@code name}, {@code version}, {@code extensions}.
   *
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static void writeServerMetadata(ServerMetadata metadata, OutputStream json) {
    V2Writer.serverMetadata(metadata, json);
  }

  /**
   * Reads a v1 body, {@code {"instances": [row, ...]}} or {@code {"inputs": [row, ...]}} ({@code
   * inputs} wins when both are there, as in KServe), into one tensor for the model's first input:
   * shape {@code [N, ...]} from the rows' nesting, datatype from the metadata. When the metadata
   * lists no inputs the tensor is called {@code input-0} and its datatype follows the values: BYTES
   * for strings, BOOL for booleans, INT64 for integers, FP64 when any number has a fraction.
   *
   * @param body the body, from its position to its limit
   * @param metadata the model's metadata
   * @throws io.kserve4j.protocol.InvalidInputException if the JSON is malformed, {@code instances}
   *     is not a list, the rows are ragged or hold objects or nulls, or a value does not fit the
   *     datatype
   */
  public static InferRequest readV1Request(ByteBuffer body, ModelMetadata metadata) {
    return V1Codec.request(body, metadata);
  }

  /**
   * Writes a v1 answer, {@code {"predictions": ...}} (or another {@code key}, such as {@code
   * explanations}): a single output as its rows, nested by its shape; several outputs with the same
   * first dimension as one object per row keyed by output name, as KServe writes a DataFrame; other
   * outputs as one object of each output's nested rows. FP16 and BF16 are written as numbers.
   *
   * @throws io.kserve4j.protocol.InvalidInputException if a BYTES output is not UTF-8 text
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static void writeV1Response(InferResponse response, String key, OutputStream json) {
    V1Codec.response(response, key, json);
  }
}
