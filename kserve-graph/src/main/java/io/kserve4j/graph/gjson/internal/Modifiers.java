package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.JsonType;
import io.kserve4j.graph.gjson.internal.Ast.ModifierArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GJSON's built-in modifiers. Each takes the JSON text it is applied to and returns new JSON text
 * ({@code null}: nothing, as GJSON's empty output). Apart from {@code @this}, {@code @valid} and
 * {@code @tostr}, which read any text, a modifier reads the first JSON value of its input, which
 * must be valid; on anything else it returns nothing, as {@code @valid} does. Nothing recurses on the JSON's nesting except {@code
 * @pretty}, which refuses more than 512 levels.
 */
final class Modifiers {
  private Modifiers() {}

  private static final byte[] EMPTY_ARRAY = {'[', ']'};

  static @Nullable Val apply(Eval ev, Modifier m, ModifierArgs args, Val doc) {
    byte[] b = doc.buf;
    switch (m) {
      case THIS -> {
        return doc;
      }
      case VALID -> {
        ev.budget.charge(doc.end - doc.start);
        return JsonText.isValid(b, doc.start, doc.end) ? doc : null;
      }
      case TOSTR -> {
        Out out = new Out(ev.budget, doc.end - doc.start + 2);
        JsonText.appendJsonString(out, b, doc.start, doc.end);
        return out.toDoc();
      }
      default -> {}
    }
    boolean blank = Scanner.skipWs(b, doc.start, doc.end) >= doc.end;
    if (blank) {
      // GJSON on empty text: [] from @keys, @values and @dig, nothing from the others.
      boolean array = m == Modifier.KEYS || m == Modifier.VALUES || m == Modifier.DIG;
      return array ? Val.doc(EMPTY_ARRAY, 0, 2) : null;
    }
    ev.budget.charge(doc.end - doc.start);
    if (m == Modifier.FROMSTR && !JsonText.isValid(b, doc.start, doc.end)) {
      return null;
    }
    // Like GJSON, a modifier reads the text's first value; what follows it is not read.
    int first = Scanner.skipWs(b, doc.start, doc.end);
    int firstEnd = JsonText.validValue(b, first, doc.end);
    if (firstEnd < 0) {
      return null; // Not JSON: nothing, and the rest of the path goes on with empty text.
    }
    Val v = Val.of(b, first, firstEnd, Scanner.typeOf(b[first]));
    boolean array = v.type == JsonType.JSON && b[v.start] == '[';
    boolean object = v.type == JsonType.JSON && b[v.start] == '{';
    Out out = new Out(ev.budget, doc.end - doc.start + 2);
    switch (m) {
      case UGLY -> ugly(out, b, doc.start, doc.end);
      case PRETTY -> Pretty.format(out, b, doc.start, doc.end, args);
      case REVERSE -> {
        if (!array && !object) {
          return doc;
        }
        List<Values.Member> members = Values.members(v);
        out.add(object ? '{' : '[');
        for (int k = members.size() - 1; k >= 0; k--) {
          if (k < members.size() - 1) {
            out.add(',');
          }
          Values.Member e = members.get(k);
          if (object) {
            out.add(e.rawKey()).add(':');
          }
          out.add(e.value());
        }
        out.add(object ? '}' : ']');
      }
      case FLATTEN -> {
        if (!array) {
          return doc;
        }
        flatten(out, v, args.deep());
      }
      case JOIN -> {
        if (!array) {
          return doc;
        }
        join(out, v, args.preserve());
      }
      case KEYS -> {
        out.add('[');
        int n = 0;
        for (Values.Member e : Values.members(v)) {
          if (n++ > 0) {
            out.add(',');
          }
          if (object) {
            out.add(e.rawKey());
          } else {
            out.add("null");
          }
        }
        out.add(']');
      }
      case VALUES -> {
        if (array) {
          return doc;
        }
        out.add('[');
        int n = 0;
        for (Values.Member e : Values.members(v)) {
          if (n++ > 0) {
            out.add(',');
          }
          out.add(e.value());
        }
        out.add(']');
      }
      case FROMSTR -> {
        Val whole = Scanner.parse(doc);
        byte[] text =
            whole == null ? new byte[0] : Values.string(whole).getBytes(StandardCharsets.UTF_8);
        out.add(text, 0, text.length);
      }
      case GROUP -> {
        if (!object) {
          return null;
        }
        group(ev, out, v);
      }
      case DIG -> dig(ev, out, v, args);
      default -> throw new IllegalStateException("unhandled modifier " + m);
    }
    return out.toDoc();
  }

  /** GJSON's {@code @ugly}: every byte at or below space outside strings dropped. */
  private static void ugly(Out out, byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      byte c = b[i];
      if (c == '"') {
        int e = Scanner.skipString(b, i, to, false);
        e = e < 0 ? to : e;
        out.add(b, i, e);
        i = e;
      } else {
        if ((c & 0xff) > ' ') {
          out.add(c);
        }
        i++;
      }
    }
  }

  private static void flatten(Out out, Val v, boolean deep) {
    out.add('[');
    int n = 0;
    if (deep) {
      // One pass: enter nested arrays, copy every other value; empty arrays leave nothing.
      byte[] b = v.buf;
      int depth = 0;
      int i = v.start;
      while (i < v.end) {
        byte c = b[i];
        if (c == '[') {
          depth++;
          i++;
        } else if (c == ']') {
          if (--depth == 0) {
            break;
          }
          i++;
        } else if (c == ',' || JsonText.isWs(c)) {
          i++;
        } else {
          int e = Scanner.skipValue(b, i, v.end);
          if (n++ > 0) {
            out.add(',');
          }
          out.add(b, i, e);
          i = e;
        }
      }
    } else {
      for (Values.Member m : Values.members(v)) {
        Val e = m.value();
        int s = e.start;
        int t = e.end;
        if (e.type == JsonType.JSON && e.buf[s] == '[') {
          // The inner text of the array, as written.
          s = Scanner.skipWs(e.buf, s + 1, t - 1);
          t--;
          while (t > s && JsonText.isWs(e.buf[t - 1])) {
            t--;
          }
        }
        if (t > s) {
          if (n++ > 0) {
            out.add(',');
          }
          out.add(e.buf, s, t);
        }
      }
    }
    out.add(']');
  }

  private static void join(Out out, Val v, boolean preserve) {
    out.add('{');
    if (preserve) {
      int n = 0;
      for (Values.Member e : Values.members(v)) {
        Val o = e.value();
        if (o.type != JsonType.JSON || o.buf[o.start] != '{') {
          continue;
        }
        int s = Scanner.skipWs(o.buf, o.start + 1, o.end - 1);
        int t = o.end - 1;
        while (t > s && JsonText.isWs(o.buf[t - 1])) {
          t--;
        }
        if (t > s) {
          if (n++ > 0) {
            out.add(',');
          }
          out.add(o.buf, s, t);
        }
      }
    } else {
      Map<String, Val[]> byKey = new LinkedHashMap<>();
      for (Values.Member e : Values.members(v)) {
        Val o = e.value();
        if (o.type != JsonType.JSON || o.buf[o.start] != '{') {
          continue;
        }
        for (Values.Member kv : Values.members(o)) {
          Val[] entry = byKey.computeIfAbsent(kv.key(), k -> new Val[] {kv.rawKey(), kv.value()});
          entry[1] = kv.value();
        }
      }
      int n = 0;
      for (Val[] entry : byKey.values()) {
        if (n++ > 0) {
          out.add(',');
        }
        out.add(entry[0]).add(':').add(entry[1]);
      }
    }
    out.add('}');
  }

  private static void group(Eval ev, Out out, Val v) {
    List<Out> rows = new ArrayList<>();
    for (Values.Member e : Values.members(v)) {
      Val arr = e.value();
      if (arr.type != JsonType.JSON || arr.buf[arr.start] != '[') {
        continue;
      }
      int idx = 0;
      for (Values.Member item : Values.members(arr)) {
        if (idx == rows.size()) {
          rows.add(new Out(ev.budget, 32));
        }
        rows.get(idx++).add(',').add(e.rawKey()).add(':').add(item.value());
      }
    }
    out.add('[');
    for (int k = 0; k < rows.size(); k++) {
      if (k > 0) {
        out.add(',');
      }
      Out row = rows.get(k);
      out.add('{').add(row.array(), 1, row.length()).add('}');
    }
    out.add(']');
  }

  /** GJSON's {@code @dig}: the path tried on every value, parents before children. */
  private static void dig(Eval ev, Out out, Val root, ModifierArgs args) {
    Ast.Expr path = args.digPath();
    if (path == null) {
      throw new IllegalStateException("@dig compiled without a path");
    }
    out.add('[');
    int n = 0;
    Deque<Val> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Val node = todo.pop();
      Val r = ev.get(Val.doc(node.buf, node.start, node.end), path);
      if (r != null) {
        if (n++ > 0) {
          out.add(',');
        }
        out.add(r);
      }
      if (node.type == JsonType.JSON) {
        ev.budget.charge(node.end - node.start);
        List<Values.Member> children = Values.members(node);
        for (int k = children.size() - 1; k >= 0; k--) {
          todo.push(children.get(k).value());
        }
      }
    }
    out.add(']');
  }
}
