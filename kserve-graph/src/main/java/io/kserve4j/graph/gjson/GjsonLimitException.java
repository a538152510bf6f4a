package io.kserve4j.graph.gjson;

/**
 * An evaluation that would do more work than its limit allows. A path may scan and write at most a
 * fixed multiple of its input's size (the multiple grows with the path's size), so that hostile
 * input costs at most a few passes; only {@code @dig} and {@code @pretty} on deeply nested JSON, or
 * paths that build far more JSON than they read, reach it. Modifiers that recurse refuse JSON
 * nested deeper than 512 levels the same way.
 */
public final class GjsonLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was exceeded, for a person
   */
  public GjsonLimitException(String message) {
    super(message);
  }
}
