package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.ModelNotFoundException;
import org.junit.jupiter.api.Test;

class ModelServerTest {
  private static InferenceService echo(String name) {
    return InferenceService.builder()
        .name(name)
        .predictor(Predictor.function(r -> InferResponse.of("x", r.inputs())))
        .build();
  }

  @Test
  void predict_routesByModelName() {
    try (ModelServer server = new ModelServer().add(echo("a")).add(echo("b"))) {
      InferResponse r = server.predict("b", InferRequest.of("x", new float[] {1}, 1));
      assertThat(r.modelName()).isEqualTo("b");
      assertThat(server.names()).containsExactly("a", "b");
      assertThat(server.isReady("a")).isTrue();
      assertThat(server.metadata("a").name()).isEqualTo("a");
    }
  }

  @Test
  void predict_unknownModel_is404_listingTheModels() {
    try (ModelServer server = new ModelServer().add(echo("a"))) {
      assertThatThrownBy(() -> server.predict("nope", InferRequest.of()))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessage("model 'nope': no such model is served here (models: [a])")
          .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(404));
    }
  }

  @Test
  void add_sameNameTwice_isRefused_andCloseClosesEveryService() {
    InferenceService a = echo("a");
    ModelServer server = new ModelServer().add(a);
    InferenceService another = echo("a");
    assertThatThrownBy(() -> server.add(another))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a service named 'a' is already served (remove it first)");
    another.close();
    server.close();
    assertThat(a.isReady()).isFalse();
    assertThat(server.names()).isEmpty();
  }
}
