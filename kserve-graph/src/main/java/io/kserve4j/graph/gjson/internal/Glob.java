package io.kserve4j.graph.gjson.internal;

/**
 * GJSON's wildcard match (tidwall/match): {@code *} matches any run of characters, {@code ?} one
 * character (code point), {@code \c} the character c. Greedy with one backtrack point, so a match
 * costs at most the product of the two lengths, never exponential time.
 */
final class Glob {
  private Glob() {}

  /** Whether {@code text} matches {@code pattern}. */
  static boolean match(String text, String pattern) {
    if (pattern.equals("*")) {
      return true;
    }
    int[] s = text.codePoints().toArray();
    int[] p = pattern.codePoints().toArray();
    int si = 0;
    int pi = 0;
    int starP = -1;
    int starS = 0;
    while (si < s.length) {
      if (pi < p.length) {
        int pc = p[pi];
        if (pc == '*') {
          starP = pi++;
          starS = si;
          continue;
        }
        if (pc == '?') {
          si++;
          pi++;
          continue;
        }
        int literal = pc;
        int width = 1;
        if (pc == '\\') {
          if (pi + 1 < p.length) {
            literal = p[pi + 1];
            width = 2;
          } else {
            literal = -1;
          }
        }
        if (literal == s[si]) {
          si++;
          pi += width;
          continue;
        }
      }
      if (starP >= 0) {
        pi = starP + 1;
        si = ++starS;
        continue;
      }
      return false;
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }
}
