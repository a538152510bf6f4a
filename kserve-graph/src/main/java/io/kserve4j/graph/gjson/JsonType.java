package io.kserve4j.graph.gjson;

/** The type of a {@link Result}, as GJSON names them. */
public enum JsonType {
  /** JSON {@code null}, and the type of a result that does not exist. */
  NULL,
  /** JSON {@code false}. */
  FALSE,
  /** A JSON number. */
  NUMBER,
  /** A JSON string. */
  STRING,
  /** JSON {@code true}. */
  TRUE,
  /** A JSON object or array: {@link Result#raw()} holds it. */
  JSON
}
