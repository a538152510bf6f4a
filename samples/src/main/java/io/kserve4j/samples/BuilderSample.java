package io.kserve4j.samples;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;

/**
 * The README's services built in Java: the sklearn-iris model with a transformer and ONNX Runtime
 * options, and a predictor written as plain code.
 */
public final class BuilderSample {
  private BuilderSample() {}

  /** The sklearn-iris model, built in Java. */
  public static InferenceService iris() {
    var service =
        InferenceService.builder()
            .name("sklearn-iris")
            .predictor(Predictor.model("sklearn", "classpath:models/sklearn-iris/model.onnx"))
            .transformer(new ClampNegatives()) // preprocess / postprocess, sees headers
            .runtimeOptions(OnnxRuntimeOptions.builder().intraOpThreads(2).build())
            .build();
    return service;
  }

  /** A predictor written as plain Java code: it answers with its inputs. */
  public static InferenceService echo() {
    var echo =
        InferenceService.builder()
            .name("echo")
            .predictor(Predictor.function(request -> InferResponse.of("echo", request.inputs())))
            .build();
    return echo;
  }
}
