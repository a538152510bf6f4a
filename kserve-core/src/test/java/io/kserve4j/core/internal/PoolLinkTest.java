package io.kserve4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InferenceTimeoutException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.OverloadedException;
import org.junit.jupiter.api.Test;

/** Only the runtime's own faults count toward replacing a replica; a client's mistakes never do. */
class PoolLinkTest {
  @Test
  void theRuntimesOwnFaults_countAgainstTheReplica() {
    assertThat(PoolLink.countsAgainstReplica(new ModelFailureException("m", "boom"))).isTrue();
    assertThat(
            PoolLink.countsAgainstReplica(
                new InferenceException(InferenceStatus.INTERNAL, "m", "native crash", null)))
        .isTrue();
    assertThat(PoolLink.countsAgainstReplica(new IllegalStateException("a bug"))).isTrue();
  }

  @Test
  void clientMistakes_overload_timeouts_andTooLargeAnswers_doNot() {
    assertThat(PoolLink.countsAgainstReplica(new InvalidInputException("m", "bad shape")))
        .isFalse();
    assertThat(PoolLink.countsAgainstReplica(new ModelNotFoundException("m", "no"))).isFalse();
    assertThat(PoolLink.countsAgainstReplica(new ModelNotReadyException("m", "no"))).isFalse();
    assertThat(
            PoolLink.countsAgainstReplica(
                new OverloadedException(InferenceStatus.UNAVAILABLE, "m", "full")))
        .isFalse();
    assertThat(PoolLink.countsAgainstReplica(new InferenceTimeoutException("m", "late"))).isFalse();
    assertThat(
            PoolLink.countsAgainstReplica(
                new InferenceException(InferenceStatus.PAYLOAD_TOO_LARGE, "m", "too big", null)))
        .isFalse();
    assertThat(
            PoolLink.countsAgainstReplica(
                new InferenceException(InferenceStatus.NOT_IMPLEMENTED, "m", "no explainer", null)))
        .isFalse();
  }
}
