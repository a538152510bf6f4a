package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HalfTest {

  /** Known encodings: float value, half bits. Every value is exactly representable in half. */
  @ParameterizedTest
  @CsvSource({
    "1.0, 0x3C00",
    "-1.0, 0xBC00",
    "-2.0, 0xC000",
    "2.0, 0x4000",
    "0.5, 0x3800",
    "0.333251953125, 0x3555",
    "65504.0, 0x7BFF",
    "-65504.0, 0xFBFF",
    "6.103515625E-5, 0x0400", // smallest normal, 2^-14
    "6.097555160522461E-5, 0x03FF", // largest subnormal, 1023 * 2^-24
    "5.9604644775390625E-8, 0x0001", // smallest subnormal, 2^-24
    "-5.9604644775390625E-8, 0x8001",
    "0.0, 0x0000",
    "-0.0, 0x8000",
    "1.0009765625, 0x3C01", // 1 + 2^-10
    "1024.0, 0x6400",
    "3.140625, 0x4248",
  })
  void knownValues_convertBothWays(float value, String hexBits) {
    short bits = (short) Integer.parseInt(hexBits.substring(2), 16);

    assertThat(Half.fromFloat(value)).isEqualTo(bits);
    assertThat(Float.floatToRawIntBits(Half.toFloat(bits)))
        .isEqualTo(Float.floatToRawIntBits(value));
  }

  @Test
  void zeros_keepTheirSign() {
    assertThat(Half.fromFloat(0.0f)).isEqualTo((short) 0x0000);
    assertThat(Half.fromFloat(-0.0f)).isEqualTo((short) 0x8000);
    assertThat(Float.floatToRawIntBits(Half.toFloat((short) 0x0000))).isZero();
    assertThat(Float.floatToRawIntBits(Half.toFloat((short) 0x8000)))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
  }

  @Test
  void infinities_convertBothWays() {
    assertThat(Half.fromFloat(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7C00);
    assertThat(Half.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
    assertThat(Half.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Half.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
  }

  @Test
  void nan_staysNan() {
    short bits = Half.fromFloat(Float.NaN);
    assertThat(bits & 0x7C00).isEqualTo(0x7C00);
    assertThat(bits & 0x03FF).isNotZero();
    assertThat(Half.toFloat(bits)).isNaN();
    // A NaN whose payload sits only in the low mantissa bits must not turn into infinity.
    short lowPayload = Half.fromFloat(Float.intBitsToFloat(0x7F800001));
    assertThat(lowPayload & 0x03FF).isNotZero();
    assertThat(Half.toFloat(lowPayload)).isNaN();
    assertThat(Half.fromFloat(Float.intBitsToFloat(0xFFC00000)) & 0xFFFF)
        .isEqualTo(0xFE00); // negative quiet NaN keeps its sign
    assertThat(Half.toFloat((short) 0x7E00)).isNaN();
    assertThat(Half.toFloat((short) 0x7C01)).isNaN();
    assertThat(Half.toFloat((short) 0xFFFF)).isNaN();
  }

  @Test
  void tooLarge_overflowsToInfinity() {
    assertThat(Half.fromFloat(65520.0f)).isEqualTo((short) 0x7C00); // halfway past max: to even
    assertThat(Half.fromFloat(1.0e6f)).isEqualTo((short) 0x7C00);
    assertThat(Half.fromFloat(-1.0e6f)).isEqualTo((short) 0xFC00);
    assertThat(Half.fromFloat(Float.MAX_VALUE)).isEqualTo((short) 0x7C00);
    assertThat(Half.fromFloat(65519.0f)).isEqualTo((short) 0x7BFF); // below halfway: max half
  }

  @Test
  void tooSmall_underflowsToSignedZero() {
    assertThat(Half.fromFloat(1.0e-10f)).isEqualTo((short) 0x0000);
    assertThat(Half.fromFloat(-1.0e-10f)).isEqualTo((short) 0x8000);
    assertThat(Half.fromFloat(Float.MIN_VALUE)).isEqualTo((short) 0x0000);
    assertThat(Half.fromFloat(0x1p-25f)).isEqualTo((short) 0x0000); // tie: rounds to even 0
    assertThat(Half.fromFloat(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
    assertThat(Half.fromFloat(0x1p-26f)).isEqualTo((short) 0x0000);
  }

  @Test
  void ties_roundToEven() {
    // 1 + 2^-11 lies halfway between 0x3C00 (even) and 0x3C01: down to 0x3C00.
    assertThat(Half.fromFloat(1.0f + 0x1p-11f)).isEqualTo((short) 0x3C00);
    // 1 + 3 * 2^-11 lies halfway between 0x3C01 and 0x3C02 (even): up to 0x3C02.
    assertThat(Half.fromFloat(1.0f + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02);
    // Just above / below a tie goes to the nearer neighbour.
    assertThat(Half.fromFloat(Math.nextUp(1.0f + 0x1p-11f))).isEqualTo((short) 0x3C01);
    assertThat(Half.fromFloat(Math.nextDown(1.0f + 3 * 0x1p-11f))).isEqualTo((short) 0x3C01);
    // Subnormal ties: 1.5 and 2.5 units of 2^-24.
    assertThat(Half.fromFloat(3 * 0x1p-25f)).isEqualTo((short) 0x0002);
    assertThat(Half.fromFloat(5 * 0x1p-25f)).isEqualTo((short) 0x0002);
    // Rounding up out of the largest subnormal gives the smallest normal.
    assertThat(Half.fromFloat(1023.5f * 0x1p-24f)).isEqualTo((short) 0x0400);
    // Rounding up out of a binade carries into the exponent: 2047/1024 + tie ⇒ 2.0.
    assertThat(Half.fromFloat(2.0f - 0x1p-11f)).isEqualTo((short) 0x4000);
  }

  @Test
  void everyHalf_roundTripsThroughFloat() {
    for (int h = 0; h <= 0xFFFF; h++) {
      short bits = (short) h;
      float f = Half.toFloat(bits);
      boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0;
      if (nan) {
        assertThat(f).as("0x%04X", h).isNaN();
        assertThat(Half.fromFloat(f) & 0x7C00).as("0x%04X", h).isEqualTo(0x7C00);
        assertThat(Half.fromFloat(f) & 0x03FF).as("0x%04X", h).isNotZero();
      } else {
        assertThat(Half.fromFloat(f)).as("0x%04X", h).isEqualTo(bits);
      }
    }
  }

  @Test
  void everyHalf_decodesToItsExactValue() {
    for (int h = 0; h <= 0xFFFF; h++) {
      int exp = (h >>> 10) & 0x1F;
      int mant = h & 0x3FF;
      if (exp == 0x1F) {
        continue;
      }
      double magnitude = exp == 0 ? mant * Math.pow(2, -24) : (1024 + mant) * Math.pow(2, exp - 25);
      double expected = (h & 0x8000) != 0 ? -magnitude : magnitude;
      assertThat((double) Half.toFloat((short) h)).as("0x%04X", h).isEqualTo(expected);
    }
  }

  @Test
  void fromFloat_picksTheNearestHalf_tiesToEven() {
    // Walk the float bit patterns with a stride; each result must be a nearest half.
    for (long i = 0; i <= 0xFFFFFFFFL; i += 4099) {
      float f = Float.intBitsToFloat((int) i);
      if (Float.isNaN(f) || Float.isInfinite(f) || Math.abs(f) >= 65520f) {
        continue;
      }
      short h = Half.fromFloat(f);
      double got = Half.toFloat(h);
      double err = Math.abs(got - f);
      int mag = h & 0x7FFF;
      double below = mag == 0 ? Double.NaN : Half.toFloat((short) ((h & 0x8000) | (mag - 1)));
      double above = mag >= 0x7BFF ? Double.NaN : Half.toFloat((short) ((h & 0x8000) | (mag + 1)));
      for (double neighbour : new double[] {below, above}) {
        if (Double.isNaN(neighbour)) {
          continue;
        }
        double other = Math.abs(neighbour - f);
        assertThat(err).as("%s ⇒ 0x%04X", f, h & 0xFFFF).isLessThanOrEqualTo(other);
        if (err == other) {
          assertThat(h & 1).as("tie %s ⇒ 0x%04X must be even", f, h & 0xFFFF).isZero();
        }
      }
      if (f != 0) {
        assertThat(Math.signum(got) == 0 || Math.signum(got) == Math.signum(f)).isTrue();
      }
    }
  }
}
