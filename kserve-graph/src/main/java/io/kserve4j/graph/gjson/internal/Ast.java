package io.kserve4j.graph.gjson.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled GJSON path. An {@link Expr} is what GJSON's {@code Get(json, path)} evaluates: a head
 * (modifier, literal, multipath, JSON lines) or a {@link Walk} through objects and arrays. A walk
 * is one {@link Step} and what follows it ({@link Cont}): nothing, a pipe ({@code |}, which applies
 * a whole new path to the step's result) or a descent ({@code .}, which walks on inside it).
 */
final class Ast {
  private Ast() {}

  /** What GJSON's {@code Get} evaluates. */
  sealed interface Expr permits Walk, Lines, ModifierCall, Literal, Multipath {}

  /** One step through an object or array, and what follows. */
  record Walk(Step step, Cont cont) implements Expr {}

  /** {@code ..path}: the document is JSON lines, read as one array. */
  record Lines(Walk walk) implements Expr {}

  /** {@code @name[:arg]}, then optionally {@code .path} or {@code |path} on its output. */
  record ModifierCall(Modifier modifier, ModifierArgs args, @Nullable Expr then) implements Expr {}

  /** {@code !json}, then optionally {@code .path} or {@code |path}. */
  static final class Literal implements Expr {
    final byte[] json;
    final @Nullable Expr then;

    Literal(byte[] json, @Nullable Expr then) {
      this.json = json;
      this.then = then;
    }
  }

  /** {@code [a,b]} or {@code {a,"name":b}}, then optionally {@code .path} or {@code |path}. */
  record Multipath(boolean object, List<Member> members, @Nullable Expr then) implements Expr {}

  /** A multipath member: its path and, in an object, the JSON text of its key. */
  static final class Member {
    final byte @Nullable [] keyJson;
    final Expr path;

    Member(byte @Nullable [] keyJson, Expr path) {
      this.keyJson = keyJson;
      this.path = path;
    }
  }

  /** A modifier's argument, read when the path compiles. */
  record ModifierArgs(
      boolean sortKeys,
      String indent,
      String prefix,
      int width,
      boolean deep,
      boolean preserve,
      @Nullable Expr digPath) {
    static final ModifierArgs NONE = new ModifierArgs(false, "  ", "", 80, false, false, null);
  }

  /** One step of a walk. */
  sealed interface Step permits Key, Count, MapAll, Query {}

  /**
   * A key (with {@code *} and {@code ?} wildcards when {@code glob} is set) in an object, or an
   * index ({@code index >= 0}) in an array.
   */
  static final class Key implements Step {
    final String name;
    final byte[] utf8;
    final @Nullable String glob;
    final int index;

    /**
     * An escaped '.' or '|' in the key: GJSON splits there on an array (it reads no escapes in
     * array steps), so the step finds nothing and no pipe after it is reached.
     */
    final boolean splitsOnArrays;

    /**
     * A '#' in the key and a '.' before a modifier or multipath after it: on an array GJSON then
     * descends instead of piping, so the pipe is not reached.
     */
    final boolean hashBeforeDotPipe;

    Key(String name, @Nullable String glob, int index) {
      this(name, glob, index, false, false);
    }

    Key(
        String name,
        @Nullable String glob,
        int index,
        boolean splitsOnArrays,
        boolean hashBeforeDotPipe) {
      this.splitsOnArrays = splitsOnArrays;
      this.hashBeforeDotPipe = hashBeforeDotPipe;
      this.name = name;
      this.utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      this.glob = glob;
      this.index = index;
    }

    /** Whether the JSON key whose content is {@code b[from, to)} matches. */
    boolean matches(byte[] b, int from, int to) {
      if (glob == null) {
        int n = to - from;
        if (n == utf8.length) {
          boolean same = true;
          for (int k = 0; k < n; k++) {
            if (b[from + k] != utf8[k]) {
              same = false;
              break;
            }
          }
          if (same) {
            return true;
          }
        }
        return hasBackslash(b, from, to) && JsonText.unescape(b, from, to).equals(name);
      }
      return Glob.match(JsonText.unescape(b, from, to), glob);
    }

    private static boolean hasBackslash(byte[] b, int from, int to) {
      for (int k = from; k < to; k++) {
        if (b[k] == '\\') {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code #}: the number of elements. */
  record Count() implements Step {}

  /** {@code #.body}: {@code body} applied to every element; results that exist, as an array. */
  static final class MapAll implements Step {
    final Expr body;
    final ObjectView objectView;

    MapAll(Expr body, ObjectView objectView) {
      this.body = body;
      this.objectView = objectView;
    }
  }

  /**
   * How GJSON reads a {@code #.} or {@code #(} step on an object: as a key up to the next '.' or
   * '|', the rest descending or piped. Compiled on first use, so that paths that never meet an
   * object there pay nothing; {@code null} when that reading does not compile.
   */
  static final class ObjectView {
    private final String path;
    private final int from;
    private final int to;
    private volatile @Nullable Walk view;
    private volatile boolean done;

    ObjectView(String path, int from, int to) {
      this.path = path;
      this.from = from;
      this.to = to;
    }

    @Nullable Walk get() {
      if (!done) {
        view = PathParser.objectView(path, from, to);
        done = true;
      }
      return view;
    }
  }

  /** A query's operator. */
  enum Op {
    EXISTS,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    LIKE,
    NOT_LIKE
  }

  /** A query's {@code ~} conversion of the tested value to a boolean. */
  enum Tilde {
    NONE,
    TRUE,
    FALSE,
    NULL,
    ANY,
    /** {@code ~} with anything else: never matches, as in GJSON. */
    INVALID
  }

  /**
   * {@code #(path op value)} (first match) or {@code #(...)#} (all matches). What follows a '.' is
   * {@code body}, applied to the match (to each match); what follows a top-level '|' after it is
   * {@code afterBody}, applied to the body's result (to the array of results, when there was a
   * match).
   */
  static final class Query implements Step {
    final Expr path;
    final boolean pathEmpty;
    final Op op;
    final String value;
    final double number;
    final Tilde tilde;
    final boolean all;
    final @Nullable Expr body;
    final @Nullable Expr afterBody;
    final ObjectView objectView;

    Query(
        Expr path,
        boolean pathEmpty,
        Op op,
        String value,
        Tilde tilde,
        boolean all,
        @Nullable Expr body,
        @Nullable Expr afterBody,
        ObjectView objectView) {
      this.path = path;
      this.pathEmpty = pathEmpty;
      this.op = op;
      this.value = value;
      this.number = JsonText.parseGoFloat(value);
      this.tilde = tilde;
      this.all = all;
      this.body = body;
      this.afterBody = afterBody;
      this.objectView = objectView;
    }
  }

  /** What follows a step. */
  sealed interface Cont permits End, Pipe, Descend {}

  /** Nothing: the step's result is the walk's result. */
  record End() implements Cont {
    static final End INSTANCE = new End();
  }

  /**
   * {@code |expr} (or {@code .} before a modifier or multipath): {@code expr} on the result. When
   * {@code onMissing}, GJSON applies it to empty text if the walk reached this step and found
   * nothing (so {@code missing|!true} is true), else only to a found value.
   */
  record Pipe(Expr expr, boolean onMissing) implements Cont {}

  /** {@code .walk}: the walk goes on inside the result (trying every matching key in turn). */
  record Descend(Walk walk) implements Cont {}
}
