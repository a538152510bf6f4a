package io.kserve4j.graph.gjson.internal;

import org.jspecify.annotations.Nullable;

/** A path compiled once and evaluated on any number of documents, from any thread. */
public final class CompiledPath {
  private final String text;
  private final Ast.Expr root;
  private final long multiple;

  private CompiledPath(String text, PathParser.Compiled compiled) {
    this.text = text;
    this.root = compiled.root();
    // The work budget, in multiples of the input's size: enough for every pass a path of this
    // size makes, with room for @dig and @pretty on ordinarily nested JSON.
    this.multiple = 16L + 4L * compiled.nodes() + 64L * compiled.heavy();
  }

  /**
   * Compiles {@code path}.
   *
   * @throws io.kserve4j.graph.gjson.GjsonSyntaxException when it does not parse
   */
  public static CompiledPath compile(String path) {
    return new CompiledPath(path, PathParser.compile(path));
  }

  /** The path as written. */
  public String text() {
    return text;
  }

  /**
   * The path's result on {@code json[from, to)}, or {@code null} when it does not exist (or the
   * JSON the path needed is malformed).
   *
   * @throws io.kserve4j.graph.gjson.GjsonLimitException when the evaluation would exceed its budget
   */
  public @Nullable Val evaluate(byte[] json, int from, int to) {
    long limit = (to - from + 65_536L) * multiple;
    Eval eval = new Eval(new Budget(text, limit < 0 ? Long.MAX_VALUE : limit));
    try {
      return eval.get(Val.doc(json, from, to), root);
    } catch (Eval.Malformed e) {
      return null;
    }
  }
}
