package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.InferResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeSampleTest {
  @Test
  void theSameModel_answersTheSameOverRestAndGrpc() {
    InferResponse[] answers =
        ServeSample.serveAndCall(Path.of("src/main/resources/sklearn-iris-v2.yaml"));

    assertThat(answers[0].output("output_label").asLongs()).containsExactly(0L);
    assertThat(answers[1].output("output_label").asLongs()).containsExactly(0L);
    assertThat(answers[1].output("output_probability").asFloats())
        .containsExactly(answers[0].output("output_probability").asFloats());
  }
}
