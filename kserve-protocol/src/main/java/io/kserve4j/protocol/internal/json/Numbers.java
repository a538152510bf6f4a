package io.kserve4j.protocol.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads float text without a {@code String} per number: the exact fast path (Clinger's: few enough
 * digits that the value and the power of ten are exact, so one division rounds correctly) when the
 * digits allow, else Jackson's parser.
 */
final class Numbers {
  private static final float[] FLOAT_POW10 = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };
  private static final double[] DOUBLE_POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < DOUBLE_POW10.length; i++) {
      DOUBLE_POW10[i] = p;
      p *= 10;
    }
  }

  private Numbers() {}

  /** Marks a token the fast path does not take: read it with Jackson. */
  private static final long SLOW = -1;

  private static final int FRACTION_SHIFT = 50;
  private static final long NEGATIVE = 1L << 56;
  private static final long MANTISSA = (1L << FRACTION_SHIFT) - 1;

  /** The float value of the current number token, exactly as Jackson would read it. */
  static float readFloat(JsonParser p) throws IOException {
    long scan = scan(p, 7, FLOAT_POW10.length - 1);
    if (scan == SLOW) {
      return p.getFloatValue();
    }
    // m < 10^7 < 2^24 and 10^fraction are exact floats: one correctly rounded division.
    long m = scan & MANTISSA;
    int fraction = fraction(scan);
    float v = fraction == 0 ? (float) m : (float) m / FLOAT_POW10[fraction];
    return (scan & NEGATIVE) != 0 ? -v : v;
  }

  /** The double value of the current number token, exactly as Jackson would read it. */
  static double readDouble(JsonParser p) throws IOException {
    long scan = scan(p, 15, DOUBLE_POW10.length - 1);
    if (scan == SLOW) {
      return p.getDoubleValue();
    }
    // m < 10^15 < 2^53 and 10^fraction (<= 10^22) are exact doubles.
    long m = scan & MANTISSA;
    int fraction = fraction(scan);
    double v = fraction == 0 ? (double) m : (double) m / DOUBLE_POW10[fraction];
    return (scan & NEGATIVE) != 0 ? -v : v;
  }

  /**
   * Scans the current number token as {@code [-]digits[.digits]}: the digits as an integer (at most
   * {@code maxDigits} significant ones), the count of fraction digits (at most {@code maxFraction})
   * and the sign, packed into one long; {@link #SLOW} for anything else (an exponent, too many
   * digits).
   */
  private static long scan(JsonParser p, int maxDigits, int maxFraction) throws IOException {
    char[] text = p.getTextCharacters();
    int i = p.getTextOffset();
    int end = i + p.getTextLength();
    long m = 0;
    int digits = 0;
    int fraction = 0;
    boolean negative = false;
    if (i < end && text[i] == '-') {
      negative = true;
      i++;
    }
    boolean point = false;
    for (; i < end; i++) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        if (digits > 0 || c != '0') {
          digits++;
        }
        if (digits > maxDigits) {
          return SLOW;
        }
        m = m * 10 + (c - '0');
        if (point) {
          fraction++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return SLOW; // an exponent, or anything unusual
      }
    }
    if (fraction > maxFraction) {
      return SLOW;
    }
    return m | ((long) fraction << FRACTION_SHIFT) | (negative ? NEGATIVE : 0);
  }

  private static int fraction(long scan) {
    return (int) ((scan >>> FRACTION_SHIFT) & 0x3F);
  }

  private static final double[] INV_POW10 = new double[10];
  private static final long[] LONG_POW10 = new long[10];

  static {
    long p = 1;
    for (int i = 0; i < LONG_POW10.length; i++) {
      LONG_POW10[i] = p;
      INV_POW10[i] = 1.0 / p;
      p *= 10;
    }
  }

  /**
   * Writes a float as the shortest decimal that reads back as it (the closest such one), in Java's
   * layout: plain for 10^-3 <= |v| < 10^7, else {@code d.dddE±n}; no {@code String} is made. Works
   * at 9 digits: the float's rounding interval scaled by 10^(8 - e10) is found in double arithmetic
   * (error below 10^-6 of a unit), and the fewest digits are those of the coarsest power of ten
   * with a multiple inside it. An interval end too close to an integer to decide on, and NaN and
   * infinities, go to Jackson's writer.
   *
   * @param buf at least 32 chars of scratch space
   */
  static void writeFloat(JsonGenerator g, float f, char[] buf) throws IOException {
    int bits = Float.floatToRawIntBits(f);
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7FFFFF;
    if (exponent == 0xFF || exponent == 0) { // NaN, infinities, zero and subnormals
      if (f == 0) {
        g.writeNumber(bits < 0 ? "-0.0" : "0.0");
      } else {
        g.writeNumber(f);
      }
      return;
    }
    double v = Math.abs((double) f);
    double ulp = Math.ulp(Math.abs(f));
    double hiGap = ulp / 2;
    double loGap = mantissa == 0 && exponent > 1 ? ulp / 4 : ulp / 2;
    int e10 = (int) Math.floor(Math.getExponent(v) * 0.30102999566398114);
    double v9 = scale(v, 8 - e10);
    if (v9 >= 1e9) {
      e10++;
      v9 = scale(v, 8 - e10);
    } else if (v9 < 1e8) {
      e10--;
      v9 = scale(v, 8 - e10);
    }
    double lo9 = scale(v - loGap, 8 - e10);
    double hi9 = scale(v + hiGap, 8 - e10);
    double loRound = Math.rint(lo9);
    double hiRound = Math.rint(hi9);
    if (Math.abs(lo9 - loRound) < 1e-5 || Math.abs(hi9 - hiRound) < 1e-5) {
      g.writeNumber(f); // an interval end on an integer: inclusion needs exact arithmetic
      return;
    }
    long lo = (long) Math.ceil(lo9);
    long hi = (long) Math.floor(hi9);
    long target = Math.round(v9);
    long digits = target < lo ? lo : target > hi ? hi : target;
    // With width < 10^(t+1), at most one multiple of 10^(t+1) fits and every coarser multiple
    // is one of those: start there (trailing zeros are dropped later).
    long width = hi - lo + 1;
    int top = 1;
    while (top < 8 && LONG_POW10[top] <= width) {
      top++;
    }
    for (int z = top; z >= 1; z--) {
      // The multiples of 10^z around v9: the nearer one inside [lo, hi] wins.
      long unit = LONG_POW10[z];
      long below = (long) (v9 * INV_POW10[z]);
      while (below > 0 && below * unit > v9) {
        below--;
      }
      while ((below + 1) * unit <= v9) {
        below++;
      }
      long a = below * unit;
      long b = a + unit;
      boolean aIn = a >= lo && a <= hi;
      boolean bIn = b >= lo && b <= hi;
      if (aIn || bIn) {
        digits = !bIn || (aIn && v9 - a <= b - v9) ? a : b;
        break;
      }
    }
    if (digits >= 1_000_000_000L) {
      digits /= 10;
      e10++;
    }
    // The nine digits go to the buffer's tail, the text to its head.
    int d0 = buf.length - 9;
    long m = digits;
    for (int i = 8; i >= 0; i--) {
      buf[d0 + i] = (char) ('0' + (m % 10));
      m /= 10;
    }
    int count = 9;
    while (count > 1 && buf[d0 + count - 1] == '0') {
      count--;
    }
    int n = 0;
    if (bits < 0) {
      buf[n++] = '-';
    }
    if (e10 >= -3 && e10 < 7) {
      if (e10 >= 0) {
        for (int i = 0; i <= e10; i++) {
          buf[n++] = i < count ? buf[d0 + i] : '0';
        }
        buf[n++] = '.';
        if (count > e10 + 1) {
          for (int i = e10 + 1; i < count; i++) {
            buf[n++] = buf[d0 + i];
          }
        } else {
          buf[n++] = '0';
        }
      } else {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = -1; i > e10; i--) {
          buf[n++] = '0';
        }
        for (int i = 0; i < count; i++) {
          buf[n++] = buf[d0 + i];
        }
      }
    } else {
      buf[n++] = buf[d0];
      buf[n++] = '.';
      if (count > 1) {
        for (int i = 1; i < count; i++) {
          buf[n++] = buf[d0 + i];
        }
      } else {
        buf[n++] = '0';
      }
      buf[n++] = 'E';
      int e = e10;
      if (e < 0) {
        buf[n++] = '-';
        e = -e;
      }
      if (e >= 10) {
        buf[n++] = (char) ('0' + e / 10);
      }
      buf[n++] = (char) ('0' + e % 10);
    }
    g.writeNumber(buf, 0, n);
  }

  /** v * 10^k for |k| within the float range, each step by an exact power of ten. */
  private static double scale(double v, int k) {
    double x = v;
    while (k > 22) {
      x *= 1e22;
      k -= 22;
    }
    while (k < -22) {
      x /= 1e22;
      k += 22;
    }
    return k >= 0 ? x * DOUBLE_POW10[k] : x / DOUBLE_POW10[-k];
  }
}
