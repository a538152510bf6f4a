package io.kserve4j.protocol.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.RequestLimits;
import org.junit.jupiter.api.Test;

class RequestChecksTest {
  private static final RequestLimits LIMITS = RequestLimits.ofDefaults();

  @Test
  void printableIds_pass_andPlainAsciiIsItsOwnHeader() {
    assertThat(RequestChecks.requestId("req-1 of 2", LIMITS, "'id'")).isEqualTo("req-1 of 2");
    assertThat(RequestChecks.headerValue("req-1 of 2")).isEqualTo("req-1 of 2");
    assertThat(RequestChecks.headerValue("")).isEmpty();
  }

  @Test
  void otherIds_arePercentEncodedInTheHeader() {
    assertThat(RequestChecks.headerValue("caf\u00e9")).isEqualTo("caf%C3%A9");
    assertThat(RequestChecks.headerValue(" padded ")).isEqualTo("%20padded%20");
    assertThat(RequestChecks.headerValue("100%\u00e9")).isEqualTo("100%25%C3%A9");
  }

  @Test
  void controlCharacters_areRefusedNamingTheCharacterAndIndex() {
    assertThatThrownBy(() -> RequestChecks.requestId("ab\tc", LIMITS, "the x-request-id header"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the request id (the x-request-id header) holds a control character (U+0009) at"
                + " index 2; a request id must be printable text, since it is echoed in the"
                + " x-request-id header and in logs (send a UUID or another printable id)");
    assertThatThrownBy(() -> RequestChecks.requestId("x\udc00", LIMITS, "'id'"))
        .hasMessageContaining("holds an unpaired UTF-16 surrogate (U+DC00) at index 1");
  }

  @Test
  void countsOverTheLimit_areRefused() {
    RequestChecks.inputCount(256, LIMITS);
    assertThatThrownBy(() -> RequestChecks.inputCount(257, LIMITS))
        .hasMessageContaining("more than 256 input tensors");
    assertThatThrownBy(() -> RequestChecks.outputCount(257, LIMITS))
        .hasMessageContaining("names more than 256 outputs");
  }

  @Test
  void limits_mustBePositive() {
    assertThatThrownBy(() -> new RequestLimits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxInputs = 0: must be > 0");
  }
}
