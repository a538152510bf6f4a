package io.kserve4j.protocol.internal.json;

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

  /** The float value of the current number token, exactly as Jackson would read it. */
  static float readFloat(JsonParser p) throws IOException {
    char[] text = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    long m = 0;
    int digits = 0;
    int fraction = 0;
    int i = off;
    int end = off + len;
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
        if (digits > 7) {
          return p.getFloatValue();
        }
        m = m * 10 + (c - '0');
        if (point) {
          fraction++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return p.getFloatValue(); // an exponent, or anything unusual
      }
    }
    if (fraction > 10) {
      return p.getFloatValue();
    }
    // m < 10^7 < 2^24 and 10^fraction are exact floats: one correctly rounded division.
    float v = fraction == 0 ? (float) m : (float) m / FLOAT_POW10[fraction];
    return negative ? -v : v;
  }

  /** The double value of the current number token, exactly as Jackson would read it. */
  static double readDouble(JsonParser p) throws IOException {
    char[] text = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    long m = 0;
    int digits = 0;
    int fraction = 0;
    int i = off;
    int end = off + len;
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
        if (digits > 15) {
          return p.getDoubleValue();
        }
        m = m * 10 + (c - '0');
        if (point) {
          fraction++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return p.getDoubleValue();
      }
    }
    if (fraction > 22) {
      return p.getDoubleValue();
    }
    // m < 10^15 < 2^53 and 10^fraction (<= 10^22) are exact doubles.
    double v = fraction == 0 ? (double) m : (double) m / DOUBLE_POW10[fraction];
    return negative ? -v : v;
  }
}
