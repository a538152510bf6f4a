package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.GjsonLimitException;
import io.kserve4j.graph.gjson.internal.Ast.ModifierArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GJSON's {@code @pretty} (tidwall/pretty's layout): one member per line, {@code indent} per level,
 * arrays that fit in {@code width} columns on one line, optional key sorting. Input is valid JSON.
 */
final class Pretty {
  private static final int MAX_DEPTH = 512;

  private final Out buf;
  private final byte[] json;
  private final int end;
  private final byte[] prefix;
  private final byte[] indent;
  private final boolean sortKeys;
  private int i;
  private int nl;
  private int depth;

  private Pretty(Out buf, byte[] json, int start, int end, ModifierArgs args) {
    this.buf = buf;
    this.json = json;
    this.i = start;
    this.end = end;
    this.prefix = args.prefix().getBytes(StandardCharsets.UTF_8);
    this.indent = args.indent().getBytes(StandardCharsets.UTF_8);
    this.sortKeys = args.sortKeys();
  }

  static void format(Out out, byte[] json, int start, int end, ModifierArgs args) {
    Pretty p = new Pretty(out, json, start, end, args);
    out.add(p.prefix, 0, p.prefix.length);
    p.any(true, args.width(), 0, -1);
    if (out.length() > 0) {
      out.add('\n');
    }
  }

  private boolean any(boolean pretty, int width, int tabs, int max) {
    for (; i < end; i++) {
      byte c = json[i];
      if ((c & 0xff) <= ' ') {
        continue;
      }
      if (c == '"') {
        string();
        return true;
      }
      if ((c >= '0' && c <= '9') || c == '-') {
        number();
        return true;
      }
      if (c == '{' || c == '[') {
        return container(c, c == '{' ? (byte) '}' : (byte) ']', pretty, width, tabs, max);
      }
      if (c == 't' || c == 'f' || c == 'n') {
        byte[] word = c == 't' ? Scanner.TRUE : c == 'f' ? Scanner.FALSE : Scanner.NULL;
        buf.add(word, 0, word.length);
        i += word.length;
        return true;
      }
    }
    return true;
  }

  private void string() {
    int e = Scanner.skipString(json, i, end, false);
    buf.add(json, i, e);
    i = e;
  }

  private void number() {
    int s = i++;
    while (i < end) {
      byte c = json[i];
      if ((c & 0xff) <= ' ' || c == ',' || c == ':' || c == ']' || c == '}') {
        break;
      }
      i++;
    }
    buf.add(json, s, i);
  }

  private void tabs(int n) {
    buf.add(prefix, 0, prefix.length);
    for (int k = 0; k < n; k++) {
      buf.add(indent, 0, indent.length);
    }
  }

  private void newline() {
    nl = buf.length();
    if (buf.last() == ' ') {
      buf.setLast('\n');
    } else {
      buf.add('\n');
    }
  }

  /** A key-value pair's place: the key in the input, the pair's line in the output. */
  private static final class Pair {
    int keyStart;
    int keyEnd;
    int lineStart;
    int lineEnd;
  }

  private boolean container(byte open, byte close, boolean pretty, int width, int tabs, int max) {
    if (++depth > MAX_DEPTH) {
      throw new GjsonLimitException("@pretty refuses JSON nested deeper than " + MAX_DEPTH);
    }
    try {
      return containerAt(open, close, pretty, width, tabs, max);
    } finally {
      depth--;
    }
  }

  private boolean containerAt(byte open, byte close, boolean pretty, int width, int tabs, int max) {
    if (width > 0) {
      if (pretty && open == '[' && max == -1) {
        // Try the array on one line first.
        int room = width - (buf.length() - nl);
        if (room > 3) {
          int outStart = buf.length();
          int inStart = i;
          int savedNl = nl;
          nl = 0;
          boolean ok = containerAt((byte) '[', (byte) ']', false, width, 0, room);
          nl = savedNl;
          if (ok && buf.length() - outStart <= room) {
            return true;
          }
          buf.truncate(outStart);
          i = inStart;
        }
      } else if (max != -1 && open == '{') {
        return false;
      }
    }
    buf.add(open);
    i++;
    List<Pair> pairs = open == '{' && sortKeys ? new ArrayList<>() : null;
    int n = 0;
    for (; i < end; i++) {
      byte c = json[i];
      if ((c & 0xff) <= ' ') {
        continue;
      }
      if (c == close) {
        if (pretty) {
          if (pairs != null) {
            sortPairs(pairs);
          }
          if (n > 0) {
            newline();
          }
          if (buf.last() != open) {
            tabs(tabs);
          }
        }
        buf.add(close);
        i++;
        return open != '{';
      }
      if (open == '[' || c == '"') {
        if (n > 0) {
          buf.add(',');
          if (width != -1 && open == '[') {
            buf.add(' ');
          }
        }
        Pair p = null;
        if (pretty) {
          newline();
          if (pairs != null) {
            p = new Pair();
            p.keyStart = i;
            p.lineStart = buf.length();
          }
          tabs(tabs + 1);
        }
        if (open == '{') {
          string();
          if (p != null) {
            p.keyEnd = i;
          }
          buf.add(':');
          if (pretty) {
            buf.add(' ');
          }
        }
        boolean ok = any(pretty, width, tabs + 1, max);
        if (max != -1 && !ok) {
          return false;
        }
        if (p != null && pairs != null) {
          p.lineEnd = buf.length();
          pairs.add(p);
        }
        i--;
        n++;
      }
    }
    return open != '{';
  }

  private void sortPairs(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return;
    }
    List<Pair> sorted = new ArrayList<>(pairs);
    sorted.sort(
        (a, b) -> {
          if (less(a, b)) {
            return -1;
          }
          return less(b, a) ? 1 : 0;
        });
    if (sorted.equals(pairs)) {
      return;
    }
    byte[] out = Arrays.copyOf(buf.array(), buf.length());
    int from = pairs.get(0).lineStart;
    buf.truncate(from);
    for (int k = 0; k < sorted.size(); k++) {
      Pair p = sorted.get(k);
      buf.add(out, p.lineStart, p.lineEnd);
      if (k < sorted.size() - 1) {
        buf.add(',').add('\n');
      }
    }
  }

  private boolean less(Pair a, Pair b) {
    String ka = stringValue(json, a.keyStart, a.keyEnd);
    String kb = stringValue(json, b.keyStart, b.keyEnd);
    int c = Queries.compare(ka, kb);
    if (c != 0) {
      return c < 0;
    }
    return valueLess(value(a), value(b));
  }

  /** The pretty value of a pair: its line without indentation, key and colon. */
  private byte[] value(Pair p) {
    byte[] out = buf.array();
    int s = p.lineStart;
    int e = p.lineEnd;
    while (s < e && (out[s] & 0xff) <= ' ') {
      s++;
    }
    s += p.keyEnd - p.keyStart + 1;
    while (s < e && (out[s] & 0xff) <= ' ') {
      s++;
    }
    while (e > s && (out[e - 1] & 0xff) <= ' ') {
      e--;
    }
    return Arrays.copyOfRange(out, Math.min(s, e), e);
  }

  private static int rank(byte[] v) {
    if (v.length == 0) {
      return 0;
    }
    return switch (v[0]) {
      case '"' -> 3;
      case 'f' -> 1;
      case 't' -> 4;
      case 'n' -> 0;
      case '[', '{' -> 5;
      default -> 2;
    };
  }

  private static boolean valueLess(byte[] a, byte[] b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return ra < rb;
    }
    if (ra == 3) {
      return Queries.compare(stringValue(a, 0, a.length), stringValue(b, 0, b.length)) < 0;
    }
    if (ra == 2) {
      return parse(a) < parse(b);
    }
    return Arrays.compareUnsigned(a, b) < 0;
  }

  private static double parse(byte[] v) {
    try {
      return Double.parseDouble(new String(v, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String stringValue(byte[] b, int from, int to) {
    return to - from >= 2 ? JsonText.unescape(b, from + 1, to - 1) : "";
  }
}
