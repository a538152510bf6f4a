package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.GjsonLimitException;

/**
 * The work one evaluation may do, in bytes scanned or written: a multiple of the input's size, so
 * that a path costs at most a fixed number of passes over its input whatever the input holds.
 */
final class Budget {
  private final String path;
  private final long limit;
  private long left;

  Budget(String path, long limit) {
    this.path = path;
    this.limit = limit;
    this.left = limit;
  }

  void charge(long bytes) {
    left -= bytes;
    if (left < 0) {
      throw new GjsonLimitException(
          "GJSON path '"
              + path
              + "' needs more than "
              + limit
              + " bytes of scanning and output on this input (its limit, a multiple of the"
              + " input's size): @dig or @pretty on deeply nested JSON, or a path that builds"
              + " more JSON than it reads");
    }
  }
}
