package io.kserve4j.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.server.rest.internal.Router;
import org.junit.jupiter.api.Test;

/** The revision tag in a KServe tagged host name, as Knative's domain template writes it. */
class RouterHostTagTest {
  @Test
  void aTaggedHostName_namesItsTag_andOtherHostsNone() {
    assertThat(Router.hostTag("iris", "latest-iris-predictor.default.example.com"))
        .isEqualTo("latest");
    assertThat(Router.hostTag("iris", "prev-iris-predictor.default.svc.cluster.local:80"))
        .isEqualTo("prev");
    assertThat(Router.hostTag("iris", "prev-iris-predictor-default.example.com")).isEqualTo("prev");
    assertThat(Router.hostTag("iris", "iris-predictor.default.example.com")).isNull();
    assertThat(Router.hostTag("iris", "localhost:8080")).isNull();
    assertThat(Router.hostTag("iris", "latest-other-predictor.default")).isNull();
    assertThat(Router.hostTag("iris", null)).isNull();
  }
}
