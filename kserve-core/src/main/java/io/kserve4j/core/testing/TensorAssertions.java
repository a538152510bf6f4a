package io.kserve4j.core.testing;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on tensors for model tests: shapes exactly, integers, booleans and strings exactly,
 * floating point values within an absolute tolerance. Failures name the tensor, the first element
 * that differs, both values and the difference, and are opentest4j {@link AssertionFailedError}s
 * carrying both sides, so that IDEs show a diff.
 *
 * <pre>{@code
 * TensorAssertions.assertAllClose(new float[] {0.98f, 0.01f, 0.01f}, r.output("probabilities"), 1e-4);
 * TensorAssertions.assertTensorEquals(new long[] {0, 1, 2}, r.output("output_label"));
 * }</pre>
 *
 * <p>Float values are shown as floats ({@code 0.1}, not {@code 0.10000000149011612}).
 */
public final class TensorAssertions {
  private TensorAssertions() {}

  /** Asserts the tensor's shape. */
  public static void assertShape(Tensor actual, long... expected) {
    if (!Arrays.equals(expected, actual.shape())) {
      throw new AssertionFailedError(
          "tensor '"
              + actual.name()
              + "': expected shape "
              + Arrays.toString(expected)
              + " but was "
              + Arrays.toString(actual.shape()),
          Arrays.toString(expected),
          Arrays.toString(actual.shape()));
    }
  }

  /**
   * Asserts every value is within {@code atol} of {@code expected} (FP16/BF16/FP32/FP64); values
   * are shown as floats.
   */
  public static void assertAllClose(float[] expected, Tensor actual, double atol) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = expected[i];
    }
    allClose(e, actual, atol, true);
  }

  /** Asserts every value is within {@code atol} of {@code expected} (any numeric type). */
  public static void assertAllClose(double[] expected, Tensor actual, double atol) {
    allClose(expected, actual, atol, false);
  }

  /** Asserts two tensors have the same name-independent shape and values within {@code atol}. */
  public static void assertAllClose(Tensor expected, Tensor actual, double atol) {
    assertShape(actual, expected.shape());
    if (expected.datatype() == DataType.BYTES) {
      assertTensorEquals(expected.asStrings(), actual);
    } else if (expected.datatype() == DataType.BOOL) {
      assertTensorEquals(expected.asBooleans(), actual);
    } else {
      allClose(
          expected.asDoubles(),
          actual,
          atol,
          expected.datatype() == DataType.FP32 || actual.datatype() == DataType.FP32);
    }
  }

  /** Asserts the integer values exactly (any integer type). */
  public static void assertTensorEquals(long[] expected, Tensor actual) {
    long[] a = actual.asLongs();
    assertEach(
        actual,
        expected.length,
        a.length,
        i -> a[i] == expected[i],
        i -> Long.toString(a[i]),
        i -> Long.toString(expected[i]),
        Arrays.toString(expected),
        Arrays.toString(a));
  }

  /** Asserts the integer values exactly (any integer type): the {@code int[]} form. */
  public static void assertTensorEquals(int[] expected, Tensor actual) {
    long[] e = new long[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = expected[i];
    }
    assertTensorEquals(e, actual);
  }

  /** Asserts the boolean values exactly. */
  public static void assertTensorEquals(boolean[] expected, Tensor actual) {
    boolean[] a = actual.asBooleans();
    assertEach(
        actual,
        expected.length,
        a.length,
        i -> a[i] == expected[i],
        i -> Boolean.toString(a[i]),
        i -> Boolean.toString(expected[i]),
        Arrays.toString(expected),
        Arrays.toString(a));
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
        i -> "\"" + expected[i] + "\"",
        Arrays.toString(expected),
        Arrays.toString(a));
  }

  private static void allClose(double[] expected, Tensor actual, double atol, boolean floats) {
    double[] a = actual.asDoubles();
    IntFunction<String> got = i -> number(a[i], floats);
    IntFunction<String> want = i -> number(expected[i], floats);
    sameLength(actual, expected.length, a.length, numbers(expected, floats), numbers(a, floats));
    for (int i = 0; i < a.length; i++) {
      double diff = Math.abs(a[i] - expected[i]);
      if (!(diff <= atol) && !(Double.isNaN(a[i]) && Double.isNaN(expected[i]))) {
        throw new AssertionFailedError(
            String.format(
                Locale.ROOT,
                "tensor '%s': element %d is %s, expected %s within %s (difference %s)",
                actual.name(),
                i,
                got.apply(i),
                want.apply(i),
                atol,
                number(diff, floats)),
            numbers(expected, floats),
            numbers(a, floats));
      }
    }
  }

  private static String number(double v, boolean asFloat) {
    return asFloat ? Float.toString((float) v) : Double.toString(v);
  }

  private static String numbers(double[] values, boolean asFloat) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(number(values[i], asFloat));
    }
    return b.append(']').toString();
  }

  /** Fails at the first element where {@code equal} does not hold, showing both values. */
  private static void assertEach(
      Tensor actual,
      int expectedLength,
      int length,
      IntPredicate equal,
      IntFunction<String> got,
      IntFunction<String> want,
      String allExpected,
      String allActual) {
    sameLength(actual, expectedLength, length, allExpected, allActual);
    for (int i = 0; i < length; i++) {
      if (!equal.test(i)) {
        throw new AssertionFailedError(
            "tensor '"
                + actual.name()
                + "': element "
                + i
                + " is "
                + got.apply(i)
                + ", expected "
                + want.apply(i),
            allExpected,
            allActual);
      }
    }
  }

  private static void sameLength(
      Tensor actual, int expected, int length, String allExpected, String allActual) {
    if (expected != length) {
      throw new AssertionFailedError(
          "tensor '"
              + actual.name()
              + "' has "
              + length
              + " elements "
              + Arrays.toString(actual.shape())
              + ", expected "
              + expected,
          allExpected,
          allActual);
    }
  }
}
