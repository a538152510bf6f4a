package io.kserve4j.graph.gjson;

/**
 * A GJSON path that does not parse, or uses a corner of GJSON's syntax that kserve4j refuses rather
 * than guess at. The message names the path, the position (0-based, in {@code char}s) and what was
 * expected there, and draws a caret under it:
 *
 * <pre>
 * GJSON path 'friends.#(last=="Murphy"' at position 9: the query opened here is not closed
 * (expected ')')
 *   friends.#(last=="Murphy"
 *            ^
 * </pre>
 */
public final class GjsonSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int position;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param path the path as written
   * @param position where the problem is, 0-based, in {@code char}s of {@code path}
   * @param problem what is wrong there and what was expected, for a person
   */
  public GjsonSyntaxException(String path, int position, String problem) {
    super(message(path, position, problem));
    this.path = path;
    this.position = position;
    this.problem = problem;
  }

  private static String message(String path, int position, String problem) {
    String shown = path.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return "GJSON path '"
        + path
        + "' at position "
        + position
        + ": "
        + problem
        + "\n  "
        + shown
        + "\n  "
        + " ".repeat(Math.max(0, Math.min(position, shown.length())))
        + "^";
  }

  /** The path as written. */
  public String path() {
    return path;
  }

  /** Where the problem is: a 0-based index into {@link #path()}. */
  public int position() {
    return position;
  }

  /** What is wrong and what was expected, without the path and caret. */
  public String problem() {
    return problem;
  }
}
