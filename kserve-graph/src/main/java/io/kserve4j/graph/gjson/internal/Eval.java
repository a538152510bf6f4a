package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.JsonType;
import io.kserve4j.graph.gjson.internal.Ast.Count;
import io.kserve4j.graph.gjson.internal.Ast.Descend;
import io.kserve4j.graph.gjson.internal.Ast.Expr;
import io.kserve4j.graph.gjson.internal.Ast.Key;
import io.kserve4j.graph.gjson.internal.Ast.Lines;
import io.kserve4j.graph.gjson.internal.Ast.Literal;
import io.kserve4j.graph.gjson.internal.Ast.MapAll;
import io.kserve4j.graph.gjson.internal.Ast.Member;
import io.kserve4j.graph.gjson.internal.Ast.ModifierCall;
import io.kserve4j.graph.gjson.internal.Ast.Multipath;
import io.kserve4j.graph.gjson.internal.Ast.Pipe;
import io.kserve4j.graph.gjson.internal.Ast.Query;
import io.kserve4j.graph.gjson.internal.Ast.Walk;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a compiled path over JSON bytes, as GJSON's {@code Get} does: it scans, skipping what
 * the path does not need, and builds JSON only for {@code #}, queries, multipaths and modifiers. A
 * {@code null} result means "does not exist". Malformed JSON met on the way ends the evaluation
 * with "does not exist".
 */
final class Eval {
  /** Thrown inside an evaluation at malformed JSON; caught at its top. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super("malformed JSON", null, false, false);
    }
  }

  static final Malformed MALFORMED = new Malformed();

  final Budget budget;

  Eval(Budget budget) {
    this.budget = budget;
  }

  // ---- Expressions ---------------------------------------------------------------------------

  private static final byte[] NOTHING = new byte[0];

  @Nullable Val get(Val doc, Expr e) {
    if (e instanceof Walk w) {
      int i = Scanner.skipWs(doc.buf, doc.start, doc.end);
      if (i >= doc.end || (doc.buf[i] != '{' && doc.buf[i] != '[')) {
        return null;
      }
      return walk(doc.buf, i, doc.end, w, false);
    }
    if (e instanceof Lines l) {
      return walk(doc.buf, doc.start, doc.end, l.walk(), true);
    }
    if (e instanceof ModifierCall m) {
      Val out = Modifiers.apply(this, m.modifier(), m.args(), doc);
      return then(out == null ? Val.doc(NOTHING, 0, 0) : out, m.then());
    }
    if (e instanceof Literal l) {
      return then(Val.doc(l.json, 0, l.json.length), l.then);
    }
    Multipath mp = (Multipath) e;
    Out out = new Out(budget, 64);
    out.add(mp.object() ? '{' : '[');
    int n = 0;
    for (Member m : mp.members()) {
      Val r = get(doc, m.path);
      if (r == null) {
        continue;
      }
      if (n++ > 0) {
        out.add(',');
      }
      byte[] key = m.keyJson;
      if (key != null) {
        out.add(key, 0, key.length).add(':');
      }
      out.add(r);
    }
    out.add(mp.object() ? '}' : ']');
    Val built = Val.of(out.array(), 0, out.length(), JsonType.JSON);
    Expr then = mp.then();
    return then == null ? built : get(built, then);
  }

  /** A head's output: parsed as GJSON's {@code Parse}, or with the rest of the path applied. */
  private @Nullable Val then(Val out, @Nullable Expr then) {
    return then == null ? Scanner.parse(out) : get(out, then);
  }

  // ---- Walks ---------------------------------------------------------------------------------
  //
  // GJSON's walk state, per Get: whether the walk's last step found something (then the walk
  // stops, even if the pipe after it finds nothing), and the last pipe whose step the walk
  // reached (GJSON applies it to empty text when nothing was found).

  private boolean found;
  private @Nullable Pipe reached;

  /** A walk from the container at {@code i}, or over a JSON-lines document. */
  private @Nullable Val walk(byte[] b, int i, int to, Walk w, boolean lines) {
    boolean savedFound = found;
    Pipe savedReached = reached;
    found = false;
    reached = null;
    try {
      Val v = lines ? array(b, i, to, w, true) : container(b, i, to, w);
      if (found) {
        return v;
      }
      Pipe p = reached;
      return p == null ? null : get(Val.doc(NOTHING, 0, 0), p.expr());
    } catch (Malformed e) {
      return null;
    } finally {
      found = savedFound;
      reached = savedReached;
    }
  }

  private @Nullable Val container(byte[] b, int i, int to, Walk w) {
    return b[i] == '{' ? object(b, i + 1, to, w) : array(b, i + 1, to, w, false);
  }

  /** The walk's last step found {@code v}: the result, with the walk's pipe applied. */
  private @Nullable Val found(Val v, Walk w) {
    Val r = w.cont() instanceof Pipe p ? get(v, p.expr()) : v;
    found = true;
    return r;
  }

  private void enter(Walk w) {
    if (w.cont() instanceof Pipe p && p.onMissing()) {
      reached = p;
    }
  }

  int skip(byte[] b, int i, int to) {
    int e = Scanner.skipValue(b, i, to);
    if (e < 0) {
      throw MALFORMED;
    }
    budget.charge(e - i);
    return e;
  }

  private static Val value(byte[] b, int s, int e) {
    return Val.of(b, s, e, Scanner.typeOf(b[s]));
  }

  private static final Key HASH = new Key("#", null, -1);

  private @Nullable Val object(byte[] b, int i, int to, Walk w) {
    Key key;
    if (w.step() instanceof Key k) {
      key = k;
    } else if (w.step() instanceof Count) {
      key = HASH; // GJSON reads '#' on an object as a key named "#".
    } else {
      // GJSON reads '#.' and '#(' on an object as a key up to the next '.' or '|'.
      Walk view =
          w.step() instanceof MapAll m ? m.objectView.get() : ((Query) w.step()).objectView.get();
      return view == null ? null : object(b, i, to, view);
    }
    enter(w);
    i = Scanner.skipWs(b, i, to);
    if (i < to && b[i] == '}') {
      return null;
    }
    while (true) {
      if (i >= to || b[i] != '"') {
        throw MALFORMED;
      }
      int ke = Scanner.skipString(b, i, to, false);
      if (ke < 0) {
        throw MALFORMED;
      }
      budget.charge(ke - i);
      boolean match = key.matches(b, i + 1, ke - 1);
      i = Scanner.skipWs(b, ke, to);
      if (i >= to || b[i] != ':') {
        throw MALFORMED;
      }
      int vs = Scanner.skipWs(b, i + 1, to);
      int ve;
      if (match && w.cont() instanceof Descend d) {
        // Every matching key is tried in turn until the rest of the walk finds something.
        if (vs < to && (b[vs] == '{' || b[vs] == '[')) {
          Val r = container(b, vs, to, d.walk());
          if (found) {
            return r;
          }
        }
        ve = skip(b, vs, to);
      } else if (match) {
        return found(value(b, vs, skip(b, vs, to)), w);
      } else {
        ve = skip(b, vs, to);
      }
      i = Scanner.skipWs(b, ve, to);
      if (i < to && b[i] == ',') {
        i = Scanner.skipWs(b, i + 1, to);
      } else if (i < to && b[i] == '}') {
        return null;
      } else {
        throw MALFORMED;
      }
    }
  }

  /** The element {@code b[s, ...)} a step picked: descended into, or the result. */
  private @Nullable Val pick(byte[] b, int s, int to, Walk w) {
    if (w.cont() instanceof Descend d) {
      return (b[s] == '{' || b[s] == '[') ? container(b, s, to, d.walk()) : null;
    }
    return found(value(b, s, skip(b, s, to)), w);
  }

  /** The first element at or after {@code i} (after '[' or at a JSON-lines start), or -1. */
  private static int first(byte[] b, int i, int to, boolean lines) {
    i = Scanner.skipWs(b, i, to);
    if (lines) {
      return i >= to ? -1 : i;
    }
    if (i >= to) {
      throw MALFORMED;
    }
    return b[i] == ']' ? -1 : i;
  }

  /** The element after the one ending at {@code e}, or -1 at the array's end. */
  private static int next(byte[] b, int e, int to, boolean lines) {
    int i = Scanner.skipWs(b, e, to);
    if (lines) {
      return i >= to ? -1 : i;
    }
    if (i < to && b[i] == ',') {
      i = Scanner.skipWs(b, i + 1, to);
      if (i >= to) {
        throw MALFORMED;
      }
      return i;
    }
    if (i < to && b[i] == ']') {
      return -1;
    }
    throw MALFORMED;
  }

  private @Nullable Val array(byte[] b, int i, int to, Walk w, boolean lines) {
    if (w.step() instanceof Key k) {
      if (k.index < 0) {
        if (!k.splitsOnArrays && !k.hashBeforeDotPipe) {
          enter(w);
        }
        return null;
      }
      enter(w);
      int n = 0;
      for (int vs = first(b, i, to, lines); vs >= 0; n++) {
        if (n == k.index) {
          return pick(b, vs, to, w);
        }
        vs = next(b, skip(b, vs, to), to, lines);
      }
      return null;
    }
    enter(w);
    if (w.step() instanceof Count) {
      int n = 0;
      for (int vs = first(b, i, to, lines); vs >= 0; n++) {
        vs = next(b, skip(b, vs, to), to, lines);
      }
      byte[] digits = Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
      return found(Val.of(digits, 0, digits.length, JsonType.NUMBER), w);
    }
    if (w.step() instanceof MapAll m) {
      Out out = new Out(budget, 64);
      out.add('[');
      int n = 0;
      for (int vs = first(b, i, to, lines); vs >= 0; ) {
        int ve = skip(b, vs, to);
        Val r = get(Val.doc(b, vs, ve), m.body);
        if (r != null && r.end > r.start) {
          if (n++ > 0) {
            out.add(',');
          }
          out.add(r);
        }
        vs = next(b, ve, to, lines);
      }
      out.add(']');
      return found(Val.of(out.array(), 0, out.length(), JsonType.JSON), w);
    }
    Query q = (Query) w.step();
    Out out = q.all ? new Out(budget, 64) : null;
    if (out != null) {
      out.add('[');
    }
    int n = 0;
    boolean matched = false;
    for (int vs = first(b, i, to, lines); vs >= 0; ) {
      int ve = skip(b, vs, to);
      if (matches(q, b, vs, ve)) {
        if (out == null) {
          return single(q, b, vs, ve, to, w);
        }
        matched = true;
        Expr body = q.body;
        Val r = body == null ? value(b, vs, ve) : get(Val.doc(b, vs, ve), body);
        if (r != null && r.end > r.start) {
          if (n++ > 0) {
            out.add(',');
          }
          out.add(r);
        }
      }
      vs = next(b, ve, to, lines);
    }
    if (out == null) {
      return null;
    }
    out.add(']');
    Val all = Val.of(out.array(), 0, out.length(), JsonType.JSON);
    Expr after = q.afterBody;
    if (after != null && matched) {
      Val r = get(all, after);
      found = true;
      return r;
    }
    return found(all, w);
  }

  /** The first match of a query: itself, or its body's result with what follows applied. */
  private @Nullable Val single(Query q, byte[] b, int vs, int ve, int to, Walk w) {
    Expr body = q.body;
    if (body == null) {
      return pick(b, vs, to, w);
    }
    Val r = get(Val.doc(b, vs, ve), body);
    Expr after = q.afterBody;
    if (after != null) {
      r = get(r == null ? Val.doc(NOTHING, 0, 0) : r, after);
    }
    found = true;
    return r;
  }

  // ---- Queries -------------------------------------------------------------------------------

  private boolean matches(Query q, byte[] b, int vs, int ve) {
    Val tested;
    if (b[vs] == '{' || b[vs] == '[') {
      tested = get(Val.doc(b, vs, ve), q.path);
    } else if (q.pathEmpty) {
      tested = value(b, vs, ve);
    } else {
      return false;
    }
    return Queries.test(q, tested);
  }
}
