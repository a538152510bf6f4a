package io.kserve4j.protocol.json;

import static io.kserve4j.protocol.testkit.Samples.assertSameTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.protocol.testkit.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JsonCodecTest {
  private static final ModelMetadata NO_INPUTS =
      new ModelMetadata("m", List.of(), "", List.of(), List.of(), Map.of());

  private static InferRequest read(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return JsonCodec.readInferRequest(ByteBuffer.wrap(b), b.length);
  }

  /** Writes a request and reads it back, binary parts appended after the JSON. */
  private static InferRequest roundTrip(InferRequest request, boolean binary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<ByteBuffer> parts = JsonCodec.writeInferRequest(request, binary, out);
    int jsonLength = out.size();
    for (ByteBuffer p : parts) {
      byte[] b = new byte[p.remaining()];
      p.duplicate().get(b);
      out.writeBytes(b);
    }
    return JsonCodec.readInferRequest(ByteBuffer.wrap(out.toByteArray()), jsonLength);
  }

  @ParameterizedTest
  @EnumSource(
      value = DataType.class,
      names = {"FP16", "BF16"},
      mode = EnumSource.Mode.EXCLUDE)
  void request_jsonRoundTrip_keepsEveryDatatype(DataType type) {
    Tensor t = Samples.tensor("t", type);
    InferRequest back = roundTrip(InferRequest.of(t), false);
    assertSameTensor(back.input("t"), t);
    assertThat(back.input("t").isBufferBacked()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void request_binaryRoundTrip_keepsEveryDatatype(DataType type) {
    Tensor t = Samples.tensor("t", type);
    InferRequest back = roundTrip(InferRequest.of(t), true);
    assertSameTensor(back.input("t"), t);
    assertThat(back.input("t").parameters()).doesNotContainKey("binary_data_size");
    assertThat(back.parameters()).containsEntry("binary_data_output", true);
  }

  @Test
  void binaryInput_isAViewOfTheBody_withoutCopy() {
    String json =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":8}}]}";
    byte[] head = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocateDirect(head.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    body.put(head).putFloat(1.5f).putFloat(-2f).flip();
    Tensor x = JsonCodec.readInferRequest(body, head.length).input("x");
    assertThat(x.isDirect()).isTrue();
    assertThat(x.asFloats()).containsExactly(1.5f, -2f);
    body.putFloat(head.length, 7f); // the tensor sees the body's memory
    assertThat(x.asFloats()).containsExactly(7f, -2f);
    assertThat(body.position()).isZero();
  }

  @Test
  void data_nestedOrFlat_isReadRowMajor_evenBeforeDatatypeAndShape() {
    InferRequest r =
        read(
            "{\"id\":\"7\",\"parameters\":{\"a\":1,\"b\":\"s\",\"c\":true,\"d\":0.5},"
                + "\"inputs\":[{\"data\":[[1,2,3],[4,5,6]],\"name\":\"n\",\"datatype\":\"INT32\","
                + "\"shape\":[2,3]},{\"name\":\"f\",\"shape\":[2,2],\"datatype\":\"FP64\","
                + "\"data\":[1,2.5,\"NaN\",-Infinity]}],"
                + "\"outputs\":[{\"name\":\"y\",\"parameters\":{\"binary_data\":true}}]}");
    assertThat(r.id()).isEqualTo("7");
    assertThat(r.parameters()).containsEntry("a", 1L).containsEntry("b", "s");
    assertThat(r.parameters()).containsEntry("c", true).containsEntry("d", 0.5);
    assertThat(r.input("n").asInts()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(r.input("f").asDoubles())
        .containsExactly(1, 2.5, Double.NaN, Double.NEGATIVE_INFINITY);
    assertThat(r.outputs()).containsExactly(new RequestedOutput("y", Map.of("binary_data", true)));
  }

  @Test
  void fp16InJson_is400_namingTheFix() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"h\",\"shape\":[1],\"datatype\":\"FP16\","
                        + "\"data\":[1.0]}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("inputs[0].data")
        .hasMessageContaining("FP16 data as JSON")
        .hasMessageContaining("binary_data_size");
  }

  @Test
  void shapeThatOverflows_is400() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\","
                        + "\"shape\":[4294967296,4294967296],\"data\":[1]}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("inputs[0].shape")
        .hasMessageContaining("overflows");
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\","
                        + "\"shape\":[99999999999999999999],\"data\":[1]}]}"))
        .hasMessageContaining("must be an integer that fits 64 bits");
  }

  @Test
  void elementCountOtherThanShape_is400() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,2],"
                        + "\"data\":[1,2,3]}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has 3 elements but its shape has 4");
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],"
                        + "\"data\":[1,2,3]}]}"))
        .hasMessageContaining("more elements than its shape's 1");
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"data\":[1,2,3],\"datatype\":\"FP32\","
                        + "\"shape\":[2]}]}"))
        .hasMessageContaining("more elements than its shape's 2");
  }

  @Test
  void valuesThatDoNotFitTheDatatype_are400() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"UINT8\",\"shape\":[2],"
                        + "\"data\":[1,256]}]}"))
        .hasMessageContaining("'inputs[0].data[1]' = 256")
        .hasMessageContaining("out of range [0, 255]");
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT32\",\"shape\":[1],"
                        + "\"data\":[1.5]}]}"))
        .hasMessageContaining("INT32 data must be an integer");
    assertThatThrownBy(
            () ->
                read(
                    "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"BOOL\",\"shape\":[1],"
                        + "\"data\":[1]}]}"))
        .hasMessageContaining("BOOL data must be true or false");
    InferRequest ok =
        read(
            "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"UINT64\",\"shape\":[1],"
                + "\"data\":[18446744073709551615]}]}");
    assertThat(ok.input("x").asLongs()).containsExactly(-1L);
  }

  @Test
  void unknownDatatypeAndMissingFields_are400_namingTheField() {
    assertThatThrownBy(
            () -> read("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP8\",\"shape\":[1]}]}"))
        .hasMessageContaining("'inputs[0].datatype' = 'FP8' is not a protocol datatype");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"datatype\":\"FP32\",\"shape\":[1]}]}"))
        .hasMessageContaining("'inputs[0].name' is missing");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\"}]}"))
        .hasMessageContaining("'inputs[0].shape' of 'x' is missing");
    assertThatThrownBy(
            () -> read("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1]}]}"))
        .hasMessageContaining("neither 'data' nor parameters.binary_data_size");
    assertThatThrownBy(() -> read("{\"id\":\"1\"}")).hasMessageContaining("'inputs' is missing");
    assertThatThrownBy(() -> read("[1]")).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> read("{\"inputs\":[]} {}"))
        .hasMessageContaining("more after its JSON object");
    assertThatThrownBy(() -> read("{\"inputs\":[],\"parameters\":{\"p\":[1]}}"))
        .hasMessageContaining("'parameters.p' is an array");
  }

  @Test
  void malformedJson_is400_namingLineAndColumn() {
    assertThatThrownBy(() -> read("{\n  \"inputs\": [\n    {\"name\": x}]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("malformed JSON at line 3, column");
    assertThatThrownBy(() -> read("")).hasMessageContaining("is empty");
  }

  @Test
  void binarySizesThatDoNotMatchTheBody_are400() {
    String json =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":8}}]}";
    byte[] head = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer shortBody = ByteBuffer.allocate(head.length + 4).put(head).flip();
    shortBody.limit(head.length + 4);
    assertThatThrownBy(() -> JsonCodec.readInferRequest(shortBody, head.length))
        .hasMessageContaining("binary_data_size' = 8 but only 4 bytes");
    ByteBuffer longBody = ByteBuffer.allocate(head.length + 12).put(head).position(0);
    assertThatThrownBy(() -> JsonCodec.readInferRequest(longBody, head.length))
        .hasMessageContaining("4 bytes after the binary tensors");
    String wrongSize = json.replace("\"binary_data_size\":8", "\"binary_data_size\":4");
    byte[] h2 = wrongSize.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b2 = ByteBuffer.allocate(h2.length + 4).put(h2).position(0);
    assertThatThrownBy(() -> JsonCodec.readInferRequest(b2, h2.length))
        .hasMessageContaining("takes 8 bytes");
    assertThatThrownBy(() -> JsonCodec.readInferRequest(b2, h2.length + 5))
        .hasMessageContaining("Inference-Header-Content-Length");
    // BYTES: a length prefix that runs past the tensor.
    String strings =
        "{\"inputs\":[{\"name\":\"s\",\"shape\":[1],\"datatype\":\"BYTES\","
            + "\"parameters\":{\"binary_data_size\":6}}]}";
    byte[] h3 = strings.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b3 = ByteBuffer.allocate(h3.length + 6).order(ByteOrder.LITTLE_ENDIAN);
    b3.put(h3).putInt(9).put((byte) 'a').put((byte) 'b').flip();
    assertThatThrownBy(() -> JsonCodec.readInferRequest(b3, h3.length))
        .hasMessageContaining("declares 9 bytes but 2 are left");
  }

  @Test
  void response_selectsRequestedOutputs_andBinaryPerOutput() {
    Tensor a = Samples.tensor("a", DataType.FP32);
    Tensor b = Samples.tensor("b", DataType.INT64);
    InferResponse response = InferResponse.builder("m").id("1").output(a).output(b).build();
    InferRequest asks =
        InferRequest.builder()
            .input(a)
            .output(new RequestedOutput("b", Map.of("binary_data", true)))
            .output("a")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<ByteBuffer> parts = JsonCodec.writeInferResponse(response, asks, out);
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0).remaining()).isEqualTo(32);
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith("{\"model_name\":\"m\",\"id\":\"1\",\"outputs\":[{\"name\":\"b\"")
        .contains("\"parameters\":{\"binary_data_size\":32}");
    int jsonLength = out.size();
    byte[] tail = new byte[32];
    parts.get(0).duplicate().get(tail);
    out.writeBytes(tail);
    InferResponse back =
        JsonCodec.readInferResponse(ByteBuffer.wrap(out.toByteArray()), jsonLength);
    assertThat(back.outputs()).extracting(Tensor::name).containsExactly("b", "a");
    assertSameTensor(back.output("a"), a);
    assertSameTensor(back.output("b"), b);

    InferRequest all =
        InferRequest.builder().input(a).parameters(Map.of("binary_data_output", true)).build();
    assertThat(JsonCodec.writeInferResponse(response, all, new ByteArrayOutputStream())).hasSize(2);
    InferRequest missing = InferRequest.builder().input(a).output("zzz").build();
    assertThatThrownBy(
            () -> JsonCodec.writeInferResponse(response, missing, new ByteArrayOutputStream()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("asks for output 'zzz'");
  }

  @Test
  void fp16OutputAsJson_is400() {
    InferResponse r = InferResponse.of("m", List.of(Samples.tensor("h", DataType.FP16)));
    assertThatThrownBy(() -> JsonCodec.writeInferResponse(r, null, new ByteArrayOutputStream()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("FP16, which JSON cannot carry");
  }

  @Test
  void metadata_roundTrips() {
    ModelMetadata m =
        new ModelMetadata(
            "iris",
            List.of("1"),
            "onnxruntime",
            List.of(TensorMetadata.of("x", DataType.FP32, -1, 4)),
            List.of(TensorMetadata.of("y", DataType.INT64, -1)),
            Map.of("device", "cpu"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonCodec.writeModelMetadata(m, out);
    assertThat(JsonCodec.readModelMetadata(ByteBuffer.wrap(out.toByteArray()))).isEqualTo(m);
    ServerMetadata s = new ServerMetadata("kserve4j", "0.1", List.of("binary_tensor_data"));
    out.reset();
    JsonCodec.writeServerMetadata(s, out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"name\":\"kserve4j\",\"version\":\"0.1\",\"extensions\":[\"binary_tensor_data\"]}");
    assertThat(JsonCodec.readServerMetadata(ByteBuffer.wrap(out.toByteArray()))).isEqualTo(s);
  }

  private static InferRequest v1(String json, ModelMetadata metadata) {
    return JsonCodec.readV1Request(
        ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), metadata);
  }

  @Test
  void v1Instances_becomeOneTensorOfTheFirstInput() {
    ModelMetadata m =
        new ModelMetadata(
            "m",
            List.of(),
            "",
            List.of(TensorMetadata.of("x", DataType.FP32, -1, 2)),
            List.of(),
            Map.of());
    Tensor x = v1("{\"instances\": [[1, 2], [3.5, 4]]}", m).input("x");
    assertThat(x.datatype()).isEqualTo(DataType.FP32);
    assertThat(x.shape()).containsExactly(2, 2);
    assertThat(x.asFloats()).containsExactly(1f, 2f, 3.5f, 4f);
    // "inputs" wins over "instances", as in KServe.
    Tensor y = v1("{\"instances\": [[9, 9]], \"inputs\": [[1, 2]]}", m).input("x");
    assertThat(y.asFloats()).containsExactly(1f, 2f);
    // Without metadata the values decide.
    assertThat(v1("{\"instances\": [1, 2]}", NO_INPUTS).input("input-0").datatype())
        .isEqualTo(DataType.INT64);
    assertThat(v1("{\"instances\": [1, 2.5]}", NO_INPUTS).input("input-0").datatype())
        .isEqualTo(DataType.FP64);
    Tensor s = v1("{\"instances\": [\"a\", \"b\"]}", NO_INPUTS).input("input-0");
    assertThat(s.asStrings()).containsExactly("a", "b");
    assertThat(v1("{\"instances\": []}", NO_INPUTS).input("input-0").shape()).containsExactly(0);
  }

  @Test
  void v1NonListOrRaggedInstances_are400() {
    assertThatThrownBy(() -> v1("{\"instances\": {\"a\": 1}}", NO_INPUTS))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Expected \"instances\" to be a list");
    assertThatThrownBy(() -> v1("{\"instances\": [[1, 2], [3]]}", NO_INPUTS))
        .hasMessageContaining("ragged");
    assertThatThrownBy(() -> v1("{\"instances\": [[1, 2], 3]}", NO_INPUTS))
        .hasMessageContaining("ragged");
    assertThatThrownBy(() -> v1("{\"instances\": [null]}", NO_INPUTS))
        .hasMessageContaining("holds null");
    assertThatThrownBy(() -> v1("{\"rows\": []}", NO_INPUTS))
        .hasMessageContaining("neither \"instances\" nor \"inputs\"");
  }

  @Test
  void v1Predictions_areRows_orRowObjectsForSeveralOutputs() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Tensor y = Tensor.of("y", new float[] {1, 2, 3, 4}, 2, 2);
    JsonCodec.writeV1Response(InferResponse.of("m", List.of(y)), "predictions", out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"predictions\":[[1.0,2.0],[3.0,4.0]]}");
    out.reset();
    Tensor label = Tensor.of("label", new long[] {0, 2}, 2);
    JsonCodec.writeV1Response(InferResponse.of("m", List.of(label, y)), "predictions", out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"predictions\":[{\"label\":0,\"y\":[1.0,2.0]},{\"label\":2,\"y\":[3.0,4.0]}]}");
  }

  @Test
  void everyDatatypeButHalfFloats_hasAJsonForm() {
    for (DataType type : EnumSet.complementOf(EnumSet.of(DataType.FP16, DataType.BF16))) {
      InferResponse r = InferResponse.of("m", List.of(Samples.tensor("t", type)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonCodec.writeInferResponse(r, null, out);
      InferResponse back =
          JsonCodec.readInferResponse(ByteBuffer.wrap(out.toByteArray()), out.size());
      assertSameTensor(back.output("t"), r.output("t"));
    }
  }

  @Test
  void floatText_readsExactlyAsTheJdkParsesIt() {
    java.util.Random rnd = new java.util.Random(42);
    int n = 5000;
    String[] texts = new String[n];
    for (int i = 0; i < n; i++) {
      StringBuilder t = new StringBuilder();
      if (rnd.nextBoolean()) {
        t.append('-');
      }
      int whole = 1 + rnd.nextInt(9);
      t.append(whole == 1 ? (char) ('0' + rnd.nextInt(10)) : (char) ('1' + rnd.nextInt(9)));
      for (int d = 1; d < whole; d++) {
        t.append((char) ('0' + rnd.nextInt(10)));
      }
      int fraction = rnd.nextInt(13);
      if (fraction > 0) {
        t.append('.');
        for (int d = 0; d < fraction; d++) {
          t.append((char) ('0' + rnd.nextInt(10)));
        }
      }
      if (rnd.nextInt(8) == 0) {
        t.append('e').append(rnd.nextInt(60) - 30);
      }
      texts[i] = t.toString();
    }
    String data = String.join(",", texts);
    InferRequest r =
        read(
            "{\"inputs\":[{\"name\":\"f\",\"shape\":["
                + n
                + "],\"datatype\":\"FP32\",\"data\":["
                + data
                + "]},{\"name\":\"d\",\"shape\":["
                + n
                + "],\"datatype\":\"FP64\",\"data\":["
                + data
                + "]}]}");
    float[] f = r.input("f").asFloats();
    double[] d = r.input("d").asDoubles();
    for (int i = 0; i < n; i++) {
      assertThat(f[i]).as(texts[i]).isEqualTo(Float.parseFloat(texts[i]));
      assertThat(d[i]).as(texts[i]).isEqualTo(Double.parseDouble(texts[i]));
    }
  }

  @Test
  void fp32Text_isTheShortestThatReadsBack() {
    java.util.Random rnd = new java.util.Random(7);
    int n = 40_000;
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      float f;
      do {
        f =
            i % 2 == 0
                ? Float.intBitsToFloat(rnd.nextInt())
                : (float) (rnd.nextInt(2_000_000) - 1_000_000) / (1 << rnd.nextInt(20));
      } while (Float.isNaN(f) || Float.isInfinite(f));
      values[i] = f;
    }
    values[0] = 0f;
    values[1] = -0f;
    values[2] = Float.MIN_VALUE;
    values[3] = Float.MAX_VALUE;
    values[4] = 0.1f;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonCodec.writeInferResponse(
        InferResponse.of("m", List.of(Tensor.of("y", values, n))), null, out);
    String json = out.toString(StandardCharsets.UTF_8);
    String[] texts =
        json.substring(json.indexOf("\"data\":[") + 8, json.lastIndexOf(']') - 2).split(",");
    assertThat(texts).hasSize(n);
    assertThat(texts[4]).isEqualTo("0.1");
    assertThat(texts[3]).isEqualTo("3.4028235E38");
    for (int i = 0; i < n; i++) {
      assertThat(Float.floatToRawIntBits(Float.parseFloat(texts[i])))
          .as(texts[i])
          .isEqualTo(Float.floatToRawIntBits(values[i]));
      // No shorter text reads back: one digit fewer, rounded either way, is another float.
      java.math.BigDecimal exact = new java.math.BigDecimal(texts[i]);
      int digits = exact.stripTrailingZeros().precision();
      if (digits > 1 && Math.abs(values[i]) >= Float.MIN_NORMAL) { // subnormals: Jackson's writer
        for (java.math.RoundingMode mode :
            List.of(java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING)) {
          float shorter = exact.round(new java.math.MathContext(digits - 1, mode)).floatValue();
          assertThat(shorter).as(texts[i] + " " + mode).isNotEqualTo(values[i]);
        }
      }
    }
    InferResponse back =
        JsonCodec.readInferResponse(ByteBuffer.wrap(out.toByteArray()), out.size());
    float[] read = back.output("y").asFloats();
    for (int i = 0; i < n; i++) {
      assertThat(Float.floatToRawIntBits(read[i]))
          .as(texts[i])
          .isEqualTo(Float.floatToRawIntBits(values[i]));
    }
  }
}
