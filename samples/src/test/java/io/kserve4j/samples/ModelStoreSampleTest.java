package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.Predictor;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.protocol.InferRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreSampleTest {
  @TempDir Path store;

  @Test
  void aModelStoreUri_isServed_andAMissingVersionIsAViolation() throws IOException {
    Path v3 = Files.createDirectories(store.resolve("iris/3"));
    try (InputStream model =
        Objects.requireNonNull(
            ModelStoreSampleTest.class.getResourceAsStream("/models/sklearn-iris/model.onnx"))) {
      Files.copy(model, v3.resolve("model.onnx"));
    }

    try (InferenceService iris =
        InferenceService.builder()
            .name("iris")
            .predictor(Predictor.model("sklearn", "models://iris/3"))
            .storage(ModelStoreSample.withStore(store))
            .build()) {
      long label =
          iris.predict(InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}))
              .output("output_label")
              .asLongs()[0];
      assertThat(label).isZero();
    }

    assertThatThrownBy(
            () ->
                InferenceService.builder()
                    .name("iris")
                    .predictor(Predictor.model("sklearn", "models://iris/4"))
                    .storage(ModelStoreSample.withStore(store))
                    .build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(
            "spec.predictor.model.storageUri = models://iris/4: no version 4 of model iris in ")
        .hasMessageContaining("(publish it, or name a version that exists)");
  }
}
