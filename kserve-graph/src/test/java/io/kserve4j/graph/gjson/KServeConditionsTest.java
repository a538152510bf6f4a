package io.kserve4j.graph.gjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * InferenceGraph conditions as KServe's router tests them ({@code gjson.GetBytes(body,
 * condition).Exists()}), on real v1 and v2 (Open Inference Protocol) bodies.
 */
class KServeConditionsTest {
  static final String V1_DOG = "{\"predictions\":[\"dog\"]}";
  static final String V1_PROBS = "{\"predictions\":[0.12,0.81,0.07]}";
  static final String V1_INSTANCES =
      "{\"instances\":[{\"intField\":3,\"strField\":\"a\"},{\"intField\":7,\"strField\":\"b\"}]}";
  static final String V2_RESPONSE =
      "{\"model_name\":\"classifier\",\"model_version\":\"1\",\"id\":\"7d3b\",\"parameters\":{},"
          + "\"outputs\":[{\"name\":\"label\",\"shape\":[1],\"datatype\":\"BYTES\","
          + "\"data\":[\"cat\"]},{\"name\":\"probabilities\",\"shape\":[1,3],"
          + "\"datatype\":\"FP32\",\"data\":[0.1,0.85,0.05]}]}";

  static boolean met(String condition, String body) {
    return GjsonPath.compile(condition).existsIn(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void v1Prediction_thisWrappedQuery_matchesTheLabel() {
    assertThat(met("[@this].#(predictions.0==\"dog\")", V1_DOG)).isTrue();
    assertThat(met("[@this].#(predictions.0==\"cat\")", V1_DOG)).isFalse();
    assertThat(Gjson.get(V1_DOG, "[@this].#(predictions.0==\"dog\")").raw()).isEqualTo(V1_DOG);
  }

  @Test
  void v1Prediction_valueQuery_matchesAProbabilityOverAThreshold() {
    assertThat(met("predictions.#(>0.5)", V1_PROBS)).isTrue();
    assertThat(Gjson.get(V1_PROBS, "predictions.#(>0.5)").raw()).isEqualTo("0.81");
    assertThat(met("predictions.#(>0.9)", V1_PROBS)).isFalse();
  }

  @Test
  void v1Request_switchOnAnInstanceField() {
    assertThat(met("instances.#(intField>5)", V1_INSTANCES)).isTrue();
    assertThat(met("instances.#(intField>10)", V1_INSTANCES)).isFalse();
    assertThat(met("instances.#(strField==\"b\")", V1_INSTANCES)).isTrue();
  }

  @Test
  void v2Response_dottedPathToTheFirstDatum() {
    assertThat(Gjson.get(V2_RESPONSE, "outputs.0.data.0").raw()).isEqualTo("\"cat\"");
    assertThat(met("outputs.0.data.0", V2_RESPONSE)).isTrue();
    assertThat(met("outputs.2.data.0", V2_RESPONSE)).isFalse();
  }

  @Test
  void v2Response_queryByOutputName() {
    assertThat(Gjson.get(V2_RESPONSE, "outputs.#(name==\"label\").data.0").raw())
        .isEqualTo("\"cat\"");
    assertThat(Gjson.get(V2_RESPONSE, "outputs.#(name==\"probabilities\").data.1").number())
        .isEqualTo(0.85);
    assertThat(met("outputs.#(name==\"label\").data.#(==\"cat\")", V2_RESPONSE)).isTrue();
    assertThat(met("outputs.#(name==\"label\").data.#(==\"dog\")", V2_RESPONSE)).isFalse();
    assertThat(met("outputs.#(name==\"missing\").data.0", V2_RESPONSE)).isFalse();
  }

  @Test
  void kserveSwitchSample_thisWrappedQueryOnTheRequest() {
    // docs/samples/graph/switch.yaml in KServe: condition "[@this].#(source==client)".
    assertThat(met("[@this].#(source==client)", "{\"source\":\"client\",\"x\":1}")).isTrue();
    assertThat(met("[@this].#(source==client)", "{\"source\":\"server\"}")).isFalse();
  }

  @Test
  void aConditionOnAMissingFieldIsNotMet_butNullExists() {
    assertThat(met("predictions", "{\"outputs\":[]}")).isFalse();
    assertThat(met("predictions", "{\"predictions\":null}")).isTrue();
    assertThat(met("predictions", "{\"predictions\":[]}")).isTrue();
  }

  @Test
  void emptyCondition_matchesNothingInOrdinaryJson() {
    // KServe: an empty condition is the empty GJSON path; it looks up the key "".
    assertThat(met("", V1_DOG)).isFalse();
    assertThat(met("", V2_RESPONSE)).isFalse();
    assertThat(met("", "{\"\":1}")).isTrue();
  }

  @Test
  void nonJsonBody_matchesNoCondition() {
    assertThat(met("predictions", "model is loading")).isFalse();
    assertThat(met("[@this].#(predictions.0==\"dog\")", "model is loading")).isFalse();
    assertThat(met("outputs.0.data.0", "")).isFalse();
  }

  @Test
  void byteOffsets_readOnlyTheGivenRange() {
    byte[] framed = ("xx" + V1_DOG + "yy").getBytes(StandardCharsets.UTF_8);
    Result r = GjsonPath.compile("predictions.0").get(framed, 2, V1_DOG.length());
    assertThat(r.string()).isEqualTo("dog");
  }

  @Test
  void compiledPath_isReusedAcrossBodies() {
    GjsonPath p = GjsonPath.compile("predictions.#(>0.5)");
    assertThat(p.existsIn(V1_PROBS)).isTrue();
    assertThat(p.existsIn("{\"predictions\":[0.1]}")).isFalse();
    assertThat(p.path()).isEqualTo("predictions.#(>0.5)");
    assertThat(p).hasToString("predictions.#(>0.5)").isEqualTo(GjsonPath.compile(p.path()));
    assertThat(p.hashCode()).isEqualTo(GjsonPath.compile(p.path()).hashCode());
  }
}
