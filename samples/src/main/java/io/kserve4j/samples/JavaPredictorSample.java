package io.kserve4j.samples;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.Transformer;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.List;
import java.util.Map;

/**
 * A service built in Java, no YAML: a predictor written as a plain function (a linear scorer) and a
 * transformer that turns Fahrenheit into Celsius before it and rounds after it.
 */
public final class JavaPredictorSample {
  private JavaPredictorSample() {}

  /** Celsius from Fahrenheit, before the predictor. */
  static final class FahrenheitToCelsius implements Transformer {
    @Override
    public InferRequest preprocess(InferRequest request, Map<String, String> headers) {
      float[] f = request.input("temperature").asFloats();
      float[] c = new float[f.length];
      for (int i = 0; i < f.length; i++) {
        c[i] = (f[i] - 32f) * 5f / 9f;
      }
      return request.toBuilder().inputs(List.of(Tensor.of("temperature", c, f.length))).build();
    }

    @Override
    public InferResponse postprocess(InferResponse response, Map<String, String> headers) {
      float[] risk = response.output("risk").asFloats();
      float[] rounded = new float[risk.length];
      for (int i = 0; i < risk.length; i++) {
        rounded[i] = Math.round(risk[i] * 100f) / 100f;
      }
      return response.toBuilder().outputs(List.of(Tensor.of("risk", rounded, risk.length))).build();
    }
  }

  /** A service that scores frost risk from temperatures. */
  public static InferenceService frostRisk() {
    Predictor scorer =
        Predictor.function(
            request -> {
              float[] celsius = request.input("temperature").asFloats();
              float[] risk = new float[celsius.length];
              for (int i = 0; i < celsius.length; i++) {
                risk[i] = Math.max(0f, Math.min(1f, (4f - celsius[i]) / 8f));
              }
              return InferResponse.of("frost", List.of(Tensor.of("risk", risk, risk.length)));
            },
            List.of(TensorMetadata.of("temperature", DataType.FP32, -1)),
            List.of(TensorMetadata.of("risk", DataType.FP32, -1)));
    return InferenceService.builder()
        .name("frost-risk")
        .predictor(scorer)
        .transformer(new FahrenheitToCelsius())
        .build();
  }

  /** Prints the frost risk of three temperatures in Fahrenheit. */
  public static void main(String[] args) {
    try (InferenceService service = frostRisk()) {
      InferResponse r =
          service.predict(
              InferRequest.of(Tensor.of("temperature", new float[] {23f, 35f, 50f}, 3)));
      System.out.println(
          "frost risk for 23F, 35F, 50F: "
              + java.util.Arrays.toString(r.output("risk").asFloats()));
    }
  }
}
