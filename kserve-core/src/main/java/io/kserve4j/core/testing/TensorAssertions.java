package io.kserve4j.core.testing;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Assertions on tensors for model tests: shapes exactly, integers, booleans and strings exactly,
 * floating point values within an absolute tolerance. Failures name the tensor, the first element
 * that differs, both values and the difference.
 *
 * <pre>{@code
 * TensorAssertions.assertAllClose(new float[] {0.98f, 0.01f, 0.01f}, r.output("probabilities"), 1e-4);
 * }</pre>
 */
public final class TensorAssertions {
  private TensorAssertions() {}

  /** Asserts the tensor's shape. */
  public static void assertShape(Tensor actual, long... expected) {
    if (!Arrays.equals(expected, actual.shape())) {
      fail(
          "tensor '"
              + actual.name()
              + "': expected shape "
              + Arrays.toString(expected)
              + " but was "
              + Arrays.toString(actual.shape()));
    }
  }

  /** Asserts every value is within {@code atol} of {@code expected} (FP16/BF16/FP32/FP64). */
  public static void assertAllClose(float[] expected, Tensor actual, double atol) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = expected[i];
    }
    assertAllClose(e, actual, atol);
  }

  /** Asserts every value is within {@code atol} of {@code expected} (any numeric type). */
  public static void assertAllClose(double[] expected, Tensor actual, double atol) {
    double[] a = actual.asDoubles();
    sameLength(actual, expected.length, a.length);
    for (int i = 0; i < a.length; i++) {
      double diff = Math.abs(a[i] - expected[i]);
      if (!(diff <= atol) && !(Double.isNaN(a[i]) && Double.isNaN(expected[i]))) {
        fail(
            String.format(
                Locale.ROOT,
                "tensor '%s': element %d is %s, expected %s within %s (difference %s)",
                actual.name(),
                i,
                a[i],
                expected[i],
                atol,
                diff));
      }
    }
  }

  /** Asserts two tensors have the same name-independent shape and values within {@code atol}. */
  public static void assertAllClose(Tensor expected, Tensor actual, double atol) {
    assertShape(actual, expected.shape());
    if (expected.datatype() == DataType.BYTES || expected.datatype() == DataType.BOOL) {
      if (expected.datatype() == DataType.BYTES) {
        assertTensorEquals(expected.asStrings(), actual);
      } else {
        assertTensorEquals(expected.asBooleans(), actual);
      }
      return;
    }
    assertAllClose(expected.asDoubles(), actual, atol);
  }

  /** Asserts the integer values exactly (any integer type). */
  public static void assertTensorEquals(long[] expected, Tensor actual) {
    long[] a = actual.asLongs();
    assertEach(
        actual,
        expected.length,
        a.length,
        i -> a[i] == expected[i],
        i -> "" + a[i],
        i -> "" + expected[i]);
  }

  /** Asserts the boolean values exactly. */
  public static void assertTensorEquals(boolean[] expected, Tensor actual) {
    boolean[] a = actual.asBooleans();
    assertEach(
        actual,
        expected.length,
        a.length,
        i -> a[i] == expected[i],
        i -> "" + a[i],
        i -> "" + expected[i]);
  }

  /** Asserts the string values of a BYTES tensor exactly. */
  public static void assertTensorEquals(String[] expected, Tensor actual) {
    String[] a = actual.asStrings();
    assertEach(
        actual,
        expected.length,
        a.length,
        i -> a[i].equals(expected[i]),
        i -> "\"" + a[i] + "\"",
        i -> "\"" + expected[i] + "\"");
  }

  /** Fails at the first element where {@code equal} does not hold, showing both values. */
  private static void assertEach(
      Tensor actual,
      int expectedLength,
      int length,
      IntPredicate equal,
      IntFunction<String> got,
      IntFunction<String> want) {
    sameLength(actual, expectedLength, length);
    for (int i = 0; i < length; i++) {
      if (!equal.test(i)) {
        fail(
            "tensor '"
                + actual.name()
                + "': element "
                + i
                + " is "
                + got.apply(i)
                + ", expected "
                + want.apply(i));
      }
    }
  }

  private static void sameLength(Tensor actual, int expected, int length) {
    if (expected != length) {
      fail(
          "tensor '"
              + actual.name()
              + "' has "
              + length
              + " elements "
              + Arrays.toString(actual.shape())
              + ", expected "
              + expected);
    }
  }

  private static void fail(String message) {
    throw new AssertionError(message);
  }
}
