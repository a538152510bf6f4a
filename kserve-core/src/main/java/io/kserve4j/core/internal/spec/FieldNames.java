package io.kserve4j.core.internal.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which known field name a misspelled one most likely meant. */
final class FieldNames {
  /** At most this many names are suggested when several are equally close. */
  static final int MAX_SUGGESTIONS = 3;

  private FieldNames() {}

  /**
   * The known name that differs from {@code typed} only in case, {@code _} or {@code -} ({@code
   * storageURI}, {@code storage_uri} for {@code storageUri}), or {@code null}.
   */
  static @Nullable String sameName(String typed, Collection<String> known) {
    String key = normalize(typed);
    for (String name : known) {
      if (normalize(name).equals(key)) {
        return name;
      }
    }
    return null;
  }

  /**
   * The known names closest to {@code typed} by edit distance (insertions, deletions, substitutions
   * and swaps of neighbours, ignoring case), in the order given; empty when none is close enough:
   * within 1 edit for names up to 3 characters, 2 up to 6, else 3.
   */
  static List<String> closest(String typed, Collection<String> known) {
    int limit = typed.length() <= 3 ? 1 : typed.length() <= 6 ? 2 : 3;
    String a = normalize(typed);
    int best = limit;
    List<String> found = new ArrayList<>();
    for (String name : known) {
      int d = distance(a, normalize(name));
      if (d < best) {
        best = d;
        found.clear();
      }
      if (d == best) {
        found.add(name);
      }
    }
    return found.subList(0, Math.min(found.size(), MAX_SUGGESTIONS));
  }

  /** "a", "a or b", "a, b or c". */
  static String or(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }

  /** Lower case without {@code _} and {@code -}. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Optimal string alignment distance: Levenshtein plus swaps of two neighbours. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
