package io.kserve4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.Tensor;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TensorAssertionsTest {
  @Test
  void equalValuesPass() {
    assertThatCode(
            () -> {
              TensorAssertions.assertTensorEquals(
                  new long[] {1, 2}, Tensor.of("l", new long[] {1, 2}));
              TensorAssertions.assertTensorEquals(
                  new int[] {1, 2}, Tensor.of("i", new int[] {1, 2}));
              TensorAssertions.assertTensorEquals(
                  new boolean[] {true}, Tensor.of("b", new boolean[] {true}));
              TensorAssertions.assertTensorEquals(
                  new String[] {"a"}, Tensor.of("s", new String[] {"a"}));
              TensorAssertions.assertAllClose(
                  new float[] {1f}, Tensor.of("f", new float[] {1.00001f}), 1e-4);
              TensorAssertions.assertShape(Tensor.of("f", new float[] {1, 2}, 1, 2), 1, 2);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void theFirstDifferenceIsNamed() {
    assertThatThrownBy(
            () ->
                TensorAssertions.assertTensorEquals(
                    new long[] {1, 3}, Tensor.of("l", new long[] {1, 2})))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("tensor 'l': element 1 is 2, expected 3");
    assertThatThrownBy(
            () ->
                TensorAssertions.assertTensorEquals(
                    new int[] {1, 3}, Tensor.of("i", new int[] {1, 2})))
        .hasMessage("tensor 'i': element 1 is 2, expected 3");
    assertThatThrownBy(
            () ->
                TensorAssertions.assertTensorEquals(
                    new boolean[] {false}, Tensor.of("b", new boolean[] {true})))
        .hasMessage("tensor 'b': element 0 is true, expected false");
    assertThatThrownBy(
            () ->
                TensorAssertions.assertTensorEquals(
                    new String[] {"x"}, Tensor.of("s", new String[] {"y"})))
        .hasMessage("tensor 's': element 0 is \"y\", expected \"x\"");
    assertThatThrownBy(
            () ->
                TensorAssertions.assertAllClose(
                    new float[] {1f}, Tensor.of("f", new float[] {1.5f}), 1e-4))
        .hasMessage("tensor 'f': element 0 is 1.5, expected 1.0 within 1.0E-4 (difference 0.5)");
    assertThatThrownBy(
            () ->
                TensorAssertions.assertAllClose(
                    new float[] {0.1f, 0.2f}, Tensor.of("f", new float[] {0.1f, 0.3f}), 1e-4))
        .as("floats are shown as floats, not as their double expansion")
        .hasMessage(
            "tensor 'f': element 1 is 0.3, expected 0.2 within 1.0E-4 (difference 0.10000001)");
    assertThatThrownBy(
            () -> TensorAssertions.assertShape(Tensor.of("f", new float[] {1, 2}, 1, 2), 2, 1))
        .hasMessage("tensor 'f': expected shape [2, 1] but was [1, 2]");
  }

  @Test
  void failures_carryBothSides_forAnIdeDiff() {
    AssertionFailedError e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                TensorAssertions.assertAllClose(
                    new float[] {0.1f, 0.2f}, Tensor.of("f", new float[] {0.1f, 0.3f}), 1e-4));

    assertThat(e.isExpectedDefined()).isTrue();
    assertThat(e.getExpected().getStringRepresentation()).isEqualTo("[0.1, 0.2]");
    assertThat(e.getActual().getStringRepresentation()).isEqualTo("[0.1, 0.3]");

    AssertionFailedError length =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                TensorAssertions.assertTensorEquals(
                    new long[] {1, 2, 3}, Tensor.of("l", new long[] {1, 2})));
    assertThat(length).hasMessage("tensor 'l' has 2 elements [2], expected 3");
    assertThat(length.getExpected().getStringRepresentation()).isEqualTo("[1, 2, 3]");
  }
}
