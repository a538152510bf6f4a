package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.GjsonSyntaxException;
import io.kserve4j.graph.gjson.internal.Ast.Cont;
import io.kserve4j.graph.gjson.internal.Ast.Count;
import io.kserve4j.graph.gjson.internal.Ast.Descend;
import io.kserve4j.graph.gjson.internal.Ast.End;
import io.kserve4j.graph.gjson.internal.Ast.Expr;
import io.kserve4j.graph.gjson.internal.Ast.Key;
import io.kserve4j.graph.gjson.internal.Ast.Lines;
import io.kserve4j.graph.gjson.internal.Ast.Literal;
import io.kserve4j.graph.gjson.internal.Ast.MapAll;
import io.kserve4j.graph.gjson.internal.Ast.Member;
import io.kserve4j.graph.gjson.internal.Ast.ModifierArgs;
import io.kserve4j.graph.gjson.internal.Ast.ModifierCall;
import io.kserve4j.graph.gjson.internal.Ast.Multipath;
import io.kserve4j.graph.gjson.internal.Ast.Op;
import io.kserve4j.graph.gjson.internal.Ast.Pipe;
import io.kserve4j.graph.gjson.internal.Ast.Query;
import io.kserve4j.graph.gjson.internal.Ast.Tilde;
import io.kserve4j.graph.gjson.internal.Ast.Walk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a GJSON path (SYNTAX.md) into an {@link Ast}. It reads paths as GJSON does, with one
 * difference: where GJSON would quietly read a malformed or ambiguous path some way (an unclosed
 * bracket, a dangling escape, a literal that is not JSON), this compiler stops with a {@link
 * GjsonSyntaxException} naming the position and what was expected.
 */
final class PathParser {
  /** The deepest a path may nest (brackets, queries, chained keys); deeper is refused. */
  static final int MAX_NESTING = 512;

  private final String s;
  private int depth;
  private int nodes;
  private int heavy;

  private PathParser(String s) {
    this.s = s;
  }

  /** The compiled form of {@code path}, with the counts the evaluation budget is made from. */
  record Compiled(Expr root, int nodes, int heavy) {}

  static Compiled compile(String path) {
    PathParser p = new PathParser(path);
    Expr root = p.get(0, path.length());
    return new Compiled(root, p.nodes, p.heavy);
  }

  /**
   * {@code path[from, to)} read as GJSON reads it on an object: a key up to the next '.' or '|'.
   * {@code null} when that reading does not compile.
   */
  static @Nullable Walk objectView(String path, int from, int to) {
    try {
      return new PathParser(path).key(from, to);
    } catch (GjsonSyntaxException e) {
      return null;
    }
  }

  private GjsonSyntaxException error(int pos, String problem) {
    return new GjsonSyntaxException(s, pos, problem);
  }

  private void enter(int pos) {
    nodes++;
    if (++depth > MAX_NESTING) {
      throw error(pos, "the path nests deeper than " + MAX_NESTING + " levels");
    }
  }

  private void leave() {
    depth--;
  }

  // ---- Get: heads (modifier, literal, multipath, JSON lines) or a walk --------------------

  private Expr get(int from, int to) {
    enter(from);
    try {
      if (from < to) {
        char c = s.charAt(from);
        if (c == '@' && to - from > 1) {
          Expr m = modifier(from, to);
          if (m != null) {
            return m;
          }
        } else if (c == '!') {
          return literal(from, to);
        } else if (c == '[' || c == '{') {
          return multipath(from, to);
        } else if (c == '.' && to - from >= 2 && s.charAt(from + 1) == '.') {
          return new Lines(walk(from + 2, to));
        }
      }
      return walk(from, to);
    } finally {
      leave();
    }
  }

  /** What follows a head ending at {@code i}: nothing, or {@code .path} / {@code |path}. */
  private @Nullable Expr then(int i, int to, String after) {
    if (i >= to) {
      return null;
    }
    char c = s.charAt(i);
    if (c == '.' || c == '|') {
      return get(i + 1, to);
    }
    throw error(i, "expected '.' or '|' after " + after + ", found '" + c + "'");
  }

  // ---- Modifiers ---------------------------------------------------------------------------

  private @Nullable Expr modifier(int from, int to) {
    int ne = from + 1;
    while (ne < to && ":|.".indexOf(s.charAt(ne)) < 0) {
      ne++;
    }
    Modifier m = Modifier.named(s.substring(from + 1, ne));
    if (m == null) {
      return null; // GJSON reads @name as a key when no modifier has that name.
    }
    int i = ne;
    int argFrom = -1;
    int argTo = -1;
    if (i < to && s.charAt(i) == ':' && i + 1 < to) {
      argFrom = i + 1;
      char a = s.charAt(argFrom);
      if (a == '{' || a == '[' || a == '"') {
        argTo = groupEnd(argFrom, to);
      } else {
        argTo = argFrom;
        while (argTo < to && s.charAt(argTo) != '|') {
          char c = s.charAt(argTo);
          argTo = (c == '{' || c == '[' || c == '(' || c == '"') ? groupEnd(argTo, to) : argTo + 1;
        }
      }
      i = argTo;
    } else if (i < to && s.charAt(i) == ':') {
      i++;
    }
    ModifierArgs args = modifierArgs(m, from, argFrom, argTo);
    if (m == Modifier.DIG || m == Modifier.PRETTY) {
      heavy++;
    }
    return new ModifierCall(m, args, then(i, to, "@" + m.label));
  }

  private ModifierArgs modifierArgs(Modifier m, int at, int argFrom, int argTo) {
    if (m == Modifier.DIG) {
      if (argFrom < 0) {
        return new ModifierArgs(false, "  ", "", 80, false, false, get(at + 4, at + 4));
      }
      if (s.charAt(argFrom) == '"') {
        throw error(argFrom, "@dig takes a path (like @dig:name), not a JSON string");
      }
      return new ModifierArgs(false, "  ", "", 80, false, false, get(argFrom, argTo));
    }
    if (argFrom < 0) {
      return ModifierArgs.NONE;
    }
    List<String> known =
        switch (m) {
          case PRETTY -> List.of("sortKeys", "indent", "prefix", "width");
          case FLATTEN -> List.of("deep");
          case JOIN -> List.of("preserve");
          default ->
              throw error(
                  argFrom, "@" + m.label + " takes no argument; remove ':' and what follows");
        };
    byte[] json = s.substring(argFrom, argTo).getBytes(StandardCharsets.UTF_8);
    if (s.charAt(argFrom) != '{' || !JsonText.isValid(json, 0, json.length)) {
      throw error(
          argFrom,
          "the argument of @"
              + m.label
              + " must be a JSON object with "
              + String.join(", ", known));
    }
    boolean sortKeys = false;
    boolean deep = false;
    boolean preserve = false;
    String indent = "  ";
    String prefix = "";
    int width = 80;
    for (Values.Member e : Values.members(Val.doc(json, 0, json.length))) {
      String k = e.key();
      if (!known.contains(k)) {
        throw error(
            argFrom,
            "@"
                + m.label
                + " has no option '"
                + k
                + "' (options: "
                + String.join(", ", known)
                + ")");
      }
      switch (k) {
        case "sortKeys" -> sortKeys = Values.bool(e.value());
        case "indent" -> indent = whitespaceOnly(Values.string(e.value()));
        case "prefix" -> prefix = whitespaceOnly(Values.string(e.value()));
        case "width" -> width = (int) Values.longValue(e.value());
        case "deep" -> deep = Values.bool(e.value());
        default -> preserve = Values.bool(e.value());
      }
    }
    return new ModifierArgs(sortKeys, indent, prefix, width, deep, preserve, null);
  }

  /** GJSON keeps only the whitespace of {@code indent} and {@code prefix}. */
  private static String whitespaceOnly(String v) {
    StringBuilder sb = new StringBuilder();
    for (char c : v.toCharArray()) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The end (exclusive) of the bracketed group or string starting at {@code i}: brackets must nest
   * and strings must end.
   */
  private int groupEnd(int i, int to) {
    if (s.charAt(i) == '"') {
      int e = stringEnd(i, to);
      if (e < 0) {
        throw error(i, "the string starting here is not closed (expected '\"')");
      }
      return e;
    }
    Deque<Character> closers = new ArrayDeque<>();
    int k = i;
    while (k < to) {
      char c = s.charAt(k);
      switch (c) {
        case '\\' -> k++;
        case '"' -> {
          int e = stringEnd(k, to);
          if (e < 0) {
            throw error(k, "the string starting here is not closed (expected '\"')");
          }
          k = e - 1;
        }
        case '{' -> closers.push('}');
        case '[' -> closers.push(']');
        case '(' -> closers.push(')');
        case '}', ']', ')' -> {
          Character top = closers.peek();
          if (top == null || top != c) {
            throw error(k, "unexpected '" + c + "'" + expecting(closers));
          }
          closers.pop();
          if (closers.isEmpty()) {
            return k + 1;
          }
        }
        default -> {}
      }
      k++;
    }
    throw error(i, "'" + s.charAt(i) + "' is not closed" + expecting(closers));
  }

  private static String expecting(Deque<Character> closers) {
    return closers.isEmpty() ? "" : " (expected '" + closers.peek() + "')";
  }

  /** The end (after the closing quote) of the string whose quote is at {@code i}, or -1. */
  private int stringEnd(int i, int to) {
    for (int k = i + 1; k < to; k++) {
      char c = s.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '"') {
        return k + 1;
      }
    }
    return -1;
  }

  // ---- Literals ------------------------------------------------------------------------------

  private Expr literal(int from, int to) {
    if (from + 1 >= to) {
      throw error(from, "expected a JSON literal after '!' (like !true, !\"text\", !{\"a\":1})");
    }
    char c = s.charAt(from + 1);
    if (c == '{' || c == '[') {
      int e = groupEnd(from + 1, to);
      byte[] json = s.substring(from + 1, e).getBytes(StandardCharsets.UTF_8);
      if (!JsonText.isValid(json, 0, json.length)) {
        throw error(from + 1, "the literal is not valid JSON");
      }
      return new Literal(json, then(e, to, "the literal"));
    }
    if (c == '"' || c == '-' || (c >= '0' && c <= '9')) {
      byte[] json = s.substring(from + 1, to).getBytes(StandardCharsets.UTF_8);
      int e =
          c == '"'
              ? Scanner.skipString(json, 0, json.length, true)
              : Scanner.skipNumber(json, 0, json.length);
      if (e < 0) {
        throw error(
            from + 1, "the literal is not a valid JSON " + (c == '"' ? "string" : "number"));
      }
      if (e != json.length) {
        int at = from + 1 + new String(json, 0, e, StandardCharsets.UTF_8).length();
        throw error(
            at,
            "a string or number literal ends its path (GJSON ignores what follows); found '"
                + s.charAt(at)
                + "'");
      }
      return new Literal(json, null);
    }
    int e = from + 1;
    while (e < to && s.charAt(e) != '.' && s.charAt(e) != '|') {
      e++;
    }
    String word = s.substring(from + 1, e);
    if (word.equals("true") || word.equals("false") || word.equals("null")) {
      return new Literal(word.getBytes(StandardCharsets.US_ASCII), then(e, to, "!" + word));
    }
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("nan") || lower.equals("inf")) {
      throw error(from, "!" + word + " is not supported: its raw text is not JSON");
    }
    throw error(
        from + 1,
        "expected a JSON literal after '!': true, false, null (lowercase), a number, a string,"
            + " an object or an array; to look up a key that starts with '!', escape it: \\!"
            + word);
  }

  // ---- Multipaths ----------------------------------------------------------------------------

  private Expr multipath(int from, int to) {
    boolean object = s.charAt(from) == '{';
    char close = object ? '}' : ']';
    List<Member> members = new ArrayList<>();
    Deque<Character> closers = new ArrayDeque<>();
    int start = from + 1;
    int colon = -1;
    boolean modifierSeen = false;
    int i = from + 1;
    while (true) {
      if (i >= to) {
        throw error(from, "'" + s.charAt(from) + "' is not closed (expected '" + close + "')");
      }
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= to) {
            throw error(i, "'\\' at the end of the path escapes nothing");
          }
          i += 2;
          continue;
        }
        case '"' -> {
          int e = stringEnd(i, to);
          if (e < 0) {
            throw error(i, "the string starting here is not closed (expected '\"')");
          }
          i = e;
          continue;
        }
        case '{' -> closers.push('}');
        case '[' -> closers.push(']');
        case '(' -> closers.push(')');
        case '}', ']', ')' -> {
          if (closers.isEmpty()) {
            if (c != close) {
              throw error(i, "expected ',' or '" + close + "', found '" + c + "'");
            }
            members.add(member(object, start, colon, i));
            return new Multipath(object, List.copyOf(members), then(i + 1, to, "'" + close + "'"));
          }
          Character top = closers.peek();
          if (top == null || top != c) {
            throw error(i, "unexpected '" + c + "'" + expecting(closers));
          }
          closers.pop();
        }
        case ',' -> {
          if (closers.isEmpty()) {
            members.add(member(object, start, colon, i));
            start = i + 1;
            colon = -1;
            modifierSeen = false;
          }
        }
        case ':' -> {
          if (closers.isEmpty() && colon < 0 && !modifierSeen) {
            colon = i;
          }
        }
        case '@' -> {
          if (i > start && (s.charAt(i - 1) == '.' || s.charAt(i - 1) == '|')) {
            modifierSeen = true;
          }
        }
        default -> {}
      }
      i++;
    }
  }

  private Member member(boolean object, int start, int colon, int end) {
    if (colon < 0) {
      Expr path = get(start, end);
      if (!object) {
        return new Member(null, path);
      }
      String last = nameOfLast(s.substring(start, end));
      return new Member(jsonString(isSimpleName(last) ? last : "_"), path);
    }
    String name = s.substring(start, colon);
    if (name.startsWith("@")) {
      throw error(
          start,
          "GJSON reads '"
              + name
              + "' before ':' as the member's name, not as a modifier; write "
              + (object
                  ? "\"name\":" + s.substring(start, end)
                  : "@this|" + s.substring(start, end))
              + " instead");
    }
    Expr path = get(colon + 1, end);
    if (!object) {
      return new Member(null, path); // GJSON reads the name and drops it.
    }
    if (name.startsWith("\"")) {
      byte[] json = name.getBytes(StandardCharsets.UTF_8);
      if (Scanner.skipString(json, 0, json.length, true) != json.length) {
        throw error(start, "the member name " + name + " is not a valid JSON string");
      }
      return new Member(json, path);
    }
    return new Member(jsonString(name), path);
  }

  private static byte[] jsonString(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Out out = new Out(new Budget("", Long.MAX_VALUE), utf8.length + 2);
    JsonText.appendJsonString(out, utf8, 0, utf8.length);
    return java.util.Arrays.copyOf(out.array(), out.length());
  }

  /** GJSON's {@code nameOfLast}: the text after the last unescaped '.' or '|'. */
  private static String nameOfLast(String path) {
    for (int i = path.length() - 1; i >= 0; i--) {
      char c = path.charAt(i);
      if ((c == '|' || c == '.') && !(i > 0 && path.charAt(i - 1) == '\\')) {
        return path.substring(i + 1);
      }
    }
    return path;
  }

  private static boolean isSimpleName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < ' ' || "[]{}()#|!".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  // ---- Walks ---------------------------------------------------------------------------------

  private Walk walk(int from, int to) {
    enter(from);
    try {
      if (from < to && s.charAt(from) == '#') {
        if (from + 1 == to) {
          return new Walk(new Count(), End.INSTANCE);
        }
        char n = s.charAt(from + 1);
        if (n == '.') {
          int pipe = topLevelPipe(from + 2, to);
          return new Walk(
              new MapAll(get(from + 2, pipe), new Ast.ObjectView(s, from, to)),
              pipeOrEnd(pipe, to));
        }
        if (n == '|') {
          return new Walk(new Count(), new Pipe(get(from + 2, to), true));
        }
        if (n == '(' || n == '[') {
          return query(from, to);
        }
      }
      return key(from, to);
    } finally {
      leave();
    }
  }

  private Cont pipeOrEnd(int pipe, int to) {
    return pipe < to ? new Pipe(get(pipe + 1, to), true) : End.INSTANCE;
  }

  /** The first '|' outside brackets and strings in {@code [from, to)}, or {@code to}. */
  private int topLevelPipe(int from, int to) {
    int level = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> i++;
        case '"' -> {
          int e = stringEnd(i, to);
          if (e > 0) {
            i = e - 1;
          }
        }
        case '(', '[', '{' -> level++;
        case ')', ']', '}' -> level--;
        case '|' -> {
          if (level <= 0) {
            return i;
          }
        }
        default -> {}
      }
    }
    return to;
  }

  private Walk key(int from, int to) {
    StringBuilder name = new StringBuilder();
    StringBuilder glob = new StringBuilder();
    boolean wild = false;
    boolean escaped = false;
    boolean escapedSeparator = false;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= to) {
          throw error(i, "'\\' at the end of the path escapes nothing");
        }
        char e = s.charAt(i + 1);
        escapedSeparator |= e == '.' || e == '|';
        name.append(e);
        if (e == '*' || e == '?' || e == '\\') {
          glob.append('\\');
        }
        glob.append(e);
        escaped = true;
        i += 2;
        continue;
      }
      if (c == '.' || c == '|') {
        break;
      }
      if (c == '*' || c == '?') {
        wild = true;
      }
      name.append(c);
      glob.append(c);
      i++;
    }
    String text = name.toString();
    Cont cont;
    boolean dotPipe = false;
    if (i >= to) {
      cont = End.INSTANCE;
    } else if (s.charAt(i) == '|') {
      cont = new Pipe(get(i + 1, to), true);
    } else if (i + 1 < to && startsHead(i + 1, to)) {
      cont = new Pipe(get(i + 1, to), true);
      dotPipe = true;
    } else {
      cont = new Descend(walk(i + 1, to));
    }
    boolean hash = s.substring(from, i).indexOf('#') >= 0;
    Key key =
        new Key(
            text,
            wild ? glob.toString() : null,
            escaped ? -1 : index(text),
            escapedSeparator,
            hash && dotPipe);
    return new Walk(key, cont);
  }

  /**
   * After '.': does a modifier or multipath start here (GJSON then pipes instead of descending)?
   */
  private boolean startsHead(int i, int to) {
    char c = s.charAt(i);
    if (c == '[' || c == '{') {
      return true;
    }
    if (c != '@') {
      return false;
    }
    int ne = i + 1;
    while (ne < to && ":|.".indexOf(s.charAt(ne)) < 0) {
      ne++;
    }
    return Modifier.named(s.substring(i + 1, ne)) != null;
  }

  /** The array index a key denotes ({@code [0-9]+}), or -1. */
  private static int index(String text) {
    if (text.isEmpty() || text.length() > 10) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n > Integer.MAX_VALUE ? -1 : (int) n;
  }

  // ---- Queries -------------------------------------------------------------------------------

  private Walk query(int from, int to) {
    char open = s.charAt(from + 1);
    char close = open == '(' ? ')' : ']';
    int i = from + 2;
    int level = 1;
    int opAt = -1;
    while (true) {
      if (i >= to) {
        throw error(from + 1, "the query opened here is not closed (expected '" + close + "')");
      }
      char c = s.charAt(i);
      if (level == 1 && opAt < 0 && "!=<>%".indexOf(c) >= 0) {
        opAt = i++;
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= to) {
          throw error(i, "'\\' at the end of the path escapes nothing");
        }
        i += 2;
        continue;
      }
      if (c == '"') {
        int e = stringEnd(i, to);
        if (e < 0) {
          throw error(i, "the string starting here is not closed (expected '\"')");
        }
        i = e;
        continue;
      }
      if (c == '(' || c == '[') {
        level++;
      } else if (c == ')' || c == ']') {
        level--;
        if (level == 0) {
          if (c != close) {
            throw error(i, "expected '" + close + "' to close the query, found '" + c + "'");
          }
          break;
        }
      }
      i++;
    }
    int closeAt = i;
    int pathFrom = trimStart(from + 2, opAt < 0 ? closeAt : opAt);
    int pathTo = trimEnd(pathFrom, opAt < 0 ? closeAt : opAt);
    Expr path = get(pathFrom, pathTo);
    Op op = Op.EXISTS;
    String value = "";
    if (opAt >= 0) {
      char a = s.charAt(opAt);
      char b = opAt + 1 < closeAt ? s.charAt(opAt + 1) : 0;
      int width = 1;
      if (a == '!' && b == '=') {
        op = Op.NE;
        width = 2;
      } else if (a == '!' && b == '%') {
        op = Op.NOT_LIKE;
        width = 2;
      } else if (a == '!') {
        throw error(opAt, "expected '!=' or '!%' in the query");
      } else if (a == '<' && b == '=') {
        op = Op.LE;
        width = 2;
      } else if (a == '>' && b == '=') {
        op = Op.GE;
        width = 2;
      } else if (a == '=' && b == '=') {
        op = Op.EQ;
        width = 2;
      } else {
        op =
            switch (a) {
              case '<' -> Op.LT;
              case '>' -> Op.GT;
              case '=' -> Op.EQ;
              default -> Op.LIKE;
            };
      }
      int vFrom = trimStart(opAt + width, closeAt);
      int vTo = trimEnd(vFrom, closeAt);
      value = s.substring(vFrom, vTo);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        byte[] json = value.getBytes(StandardCharsets.UTF_8);
        if (Scanner.skipString(json, 0, json.length, true) != json.length) {
          throw error(vFrom, "the query's value " + value + " is not a valid JSON string");
        }
        value = JsonText.unescape(json, 1, json.length - 1);
      }
    }
    Tilde tilde = Tilde.NONE;
    if (value.startsWith("~")) {
      tilde =
          switch (value.substring(1)) {
            case "true" -> Tilde.TRUE;
            case "false" -> Tilde.FALSE;
            case "null" -> Tilde.NULL;
            case "*" -> Tilde.ANY;
            default -> Tilde.INVALID;
          };
    }
    int j = closeAt + 1;
    boolean all = j < to && s.charAt(j) == '#';
    if (all) {
      j++;
    }
    Expr body = null;
    Expr afterBody = null;
    Cont cont;
    if (j >= to) {
      cont = End.INSTANCE;
    } else if (s.charAt(j) == '|') {
      cont = new Pipe(get(j + 1, to), true);
    } else if (s.charAt(j) == '.') {
      if (all) {
        // GJSON applies what follows a top-level '|' only when something matched.
        int pipe = topLevelPipe(j + 1, to);
        body = get(j + 1, pipe);
        afterBody = pipe < to ? get(pipe + 1, to) : null;
        cont = End.INSTANCE;
      } else {
        // GJSON applies what follows a top-level '|' to the match's result, found or not.
        int pipe = topLevelPipe(j + 1, to);
        body = get(j + 1, pipe);
        afterBody = pipe < to ? get(pipe + 1, to) : null;
        cont = End.INSTANCE;
      }
    } else {
      throw error(j, "expected '.', '|' or '#' after the query, found '" + s.charAt(j) + "'");
    }
    return new Walk(
        new Query(
            path,
            pathFrom == pathTo,
            op,
            value,
            tilde,
            all,
            body,
            afterBody,
            new Ast.ObjectView(s, from, to)),
        cont);
  }

  private int trimStart(int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  private int trimEnd(int from, int to) {
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }
}
