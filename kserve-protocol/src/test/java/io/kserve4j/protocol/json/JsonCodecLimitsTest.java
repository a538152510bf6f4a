package io.kserve4j.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.internal.json.V2Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless body costs the codec: every check linear in the body, limits checked
 * while reading, ragged data and strings that are not text refused, echoed strings cut short.
 */
class JsonCodecLimitsTest {
  private static InferRequest read(String json) {
    return read(json, RequestLimits.ofDefaults());
  }

  private static InferRequest read(String json, RequestLimits limits) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return JsonCodec.readInferRequest(ByteBuffer.wrap(b), b.length, limits);
  }

  private static String inputs(int n) {
    StringBuilder b = new StringBuilder("{\"inputs\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"name\":\"i").append(i).append("\",\"shape\":[0],\"datatype\":\"BOOL\",");
      b.append("\"data\":[]}");
    }
    return b.append("]}").toString();
  }

  @Test
  void fortyThousandInputs_areRefusedAtTheLimit_inMilliseconds() {
    String json = inputs(40_000);
    long start = System.nanoTime();

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the request has more than 256 input tensors, this server's limit (send the model's"
                + " inputs only, each once; or raise the server's maxInputs)");

    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void fortyThousandDistinctInputs_withARaisedLimit_areCheckedInLinearTime() {
    String json = inputs(40_000);
    long start = System.nanoTime();

    InferRequest r = read(json, RequestLimits.ofDefaults().withMaxInputs(50_000));

    assertThat(r.inputs()).hasSize(40_000);
    // Pairwise comparison took 8.7 s here; a set takes milliseconds.
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void outputsOverTheLimit_andAnOutputAskedTwice_are400() {
    String twice =
        "{\"inputs\":[],\"outputs\":[{\"name\":\"y\"},{\"name\":\"z\"},{\"name\":\"y\"}]}";
    assertThatThrownBy(() -> read(twice))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "output 'y' is asked for twice (name each requested output once; the answer holds it"
                + " once)");

    String three =
        "{\"inputs\":[],\"outputs\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}";
    assertThatThrownBy(() -> read(three, RequestLimits.ofDefaults().withMaxOutputs(2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the request names more than 2 outputs, this server's limit (name each output once,"
                + " or none to get every output; or raise the server's maxOutputs)");
  }

  @Test
  void requestId_withControlCharacters_orTooLong_is400_sayingWhy() {
    assertThatThrownBy(() -> read("{\"id\":\"a\\r\\nSet-Cookie: evil=1\",\"inputs\":[]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the request id ('id') holds a control character (U+000D) at index 1; a request id"
                + " must be printable text, since it is echoed in the x-request-id header and in"
                + " logs (send a UUID or another printable id)");
    assertThatThrownBy(() -> read("{\"id\":\"a\\u0000\",\"inputs\":[]}"))
        .hasMessageContaining("holds a control character (U+0000) at index 1");
    assertThatThrownBy(() -> read("{\"id\":\"\\ud800\",\"inputs\":[]}"))
        .hasMessageStartingWith("'id' holds an unpaired UTF-16 surrogate (\\ud800) at character 0");

    String longId = "x".repeat(257);
    assertThatThrownBy(() -> read("{\"id\":\"" + longId + "\",\"inputs\":[]}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the request id ('id') is 257 characters long; this server takes at most 256 (send a"
                + " shorter id, such as a UUID; or raise the server's maxRequestIdLength)");
    assertThat(read("{\"id\":\"" + "x".repeat(256) + "\",\"inputs\":[]}").id()).hasSize(256);
    assertThat(read("{\"id\":\"caf\u00e9 \ud83d\ude00\",\"inputs\":[]}").id())
        .isEqualTo("caf\u00e9 \ud83d\ude00");
  }

  @Test
  void raggedNesting_is400_evenWhenTheCountMatches() {
    String json =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"INT32\","
            + "\"data\":[[1,2],[3,[4]]]}]}";
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "'inputs[0].data' is ragged (line 1, column 74): at depth 2 an array holds an array"
                + " where another holds values (nested data must be rectangular: send it flat,"
                + " row-major, or as rows of equal length)");

    String lengths =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[4],\"datatype\":\"INT32\","
            + "\"data\":[[1,2,3],[4]]}]}";
    assertThatThrownBy(() -> read(lengths))
        .hasMessageContaining("at depth 2 an array has 1 elements where the first has 3");

    // Rectangular nesting in any form is the same tensor.
    String nested =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[4],\"datatype\":\"INT32\","
            + "\"data\":[[[1],[2]],[[3],[4]]]}]}";
    assertThat(read(nested).input("x").asInts()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void bytesThatAreNotText_are400_neverChangedSilently() {
    String json =
        "{\"inputs\":[{\"name\":\"s\",\"shape\":[2],\"datatype\":\"BYTES\","
            + "\"data\":[\"ok\",\"\\ud800\"]}]}";
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "'inputs[0].data[1]' holds an unpaired UTF-16 surrogate (\\ud800) at character 0"
                + " (line 1, column 68), which is not text (send valid Unicode; send bytes that"
                + " are not text in binary)");

    // A pair is text.
    String pair =
        "{\"inputs\":[{\"name\":\"s\",\"shape\":[1],\"datatype\":\"BYTES\","
            + "\"data\":[\"\\ud83d\\ude00\"]}]}";
    assertThat(read(pair).input("s").asByteArrays()[0]).containsExactly(0xF0, 0x9F, 0x98, 0x80);
  }

  @Test
  void hugeDatatypeOrName_isEchoedAsAShortPrefix() {
    String big = "Q".repeat(7_000_000);
    String json =
        "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"" + big + "\",\"data\":[1]}]}";
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "'inputs[0].datatype' = '"
                + "Q".repeat(64)
                + "...(7000000 characters)' is not a protocol datatype (use one of BOOL, UINT8,"
                + " UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16,"
                + " BYTES)");

    String named = "{\"inputs\":[{\"name\":\"" + big + "\",\"shape\":[1],\"datatype\":\"FP32\"}]}";
    assertThatThrownBy(() -> read(named))
        .hasMessageStartingWith("'inputs[0]' ('" + "Q".repeat(64) + "...(7000000 characters)')")
        .hasMessageEndingWith(
            "has neither 'data' nor parameters.binary_data_size (send its"
                + " values in 'data', or in binary after the JSON)");
  }

  @Test
  void answerSize_isBoundedBelow_inLongArithmetic_withoutCopying() {
    // 2,100 elements over one 1 MiB array: 2.2 GB to send, 1 MiB in memory.
    byte[] mib = new byte[1 << 20];
    byte[][] elements = new byte[2100][];
    java.util.Arrays.fill(elements, mib);
    Tensor huge = Tensor.of("y", DataType.BYTES, elements, 2100);
    InferResponse response = InferResponse.of("m", List.of(huge));

    V2Writer.Selection json = V2Writer.select(response, null);
    V2Writer.Selection binary =
        V2Writer.select(
            response,
            InferRequest.builder()
                .parameters(java.util.Map.of("binary_data_output", true))
                .build());

    assertThat(json.minimumBytes()).isGreaterThan(2100L * (1 << 20));
    assertThat(binary.binaryBytes()).isEqualTo(2100L * ((1 << 20) + 4));
    assertThat(binary.minimumBytes()).isGreaterThan(Integer.MAX_VALUE);
  }

  @Test
  void answerSizeLowerBound_neverExceedsTheRealAnswer() {
    InferResponse response =
        InferResponse.of(
            "m",
            List.of(
                Tensor.of("b", new boolean[] {true, false, true}, 3),
                Tensor.of("i", new long[] {0, 1, -1}, 3),
                Tensor.of("f", new float[] {0f, 1f, 0.5f}, 3),
                Tensor.of("s", new String[] {"", "a", "\u00e9"}, 3)));
    V2Writer.Selection all = V2Writer.select(response, null);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    V2Writer.response(response, all, out);

    assertThat(all.minimumBytes()).isLessThanOrEqualTo(out.size());
  }
}
