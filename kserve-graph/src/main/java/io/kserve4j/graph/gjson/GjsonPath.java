package io.kserve4j.graph.gjson;

import io.kserve4j.graph.gjson.internal.CompiledPath;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A GJSON path compiled once: its syntax is checked by {@link #compile(String)} and it can be
 * evaluated on any number of JSON documents, from any number of threads. This is how an
 * InferenceGraph holds a step's {@code condition}: KServe's router takes a condition as met when
 * {@code gjson.GetBytes(body, condition).Exists()}, which is {@link #existsIn(byte[])}.
 *
 * <pre>{@code
 * GjsonPath dog = GjsonPath.compile("[@this].#(predictions.0==\"dog\")");
 * dog.existsIn("{\"predictions\":[\"dog\"]}".getBytes(UTF_8)); // true
 * }</pre>
 *
 * <p>Evaluation scans the JSON as GJSON does, without building a tree, and stops as soon as the
 * path is answered. JSON that is malformed where the path has to read it gives a result that does
 * not exist (no exception); JSON the path does not reach is not checked ({@code @valid} checks it).
 * The work is bounded by a multiple of the input's size: see {@link GjsonLimitException}.
 */
public final class GjsonPath {
  private final CompiledPath compiled;

  private GjsonPath(CompiledPath compiled) {
    this.compiled = compiled;
  }

  /**
   * Compiles a GJSON path (see {@code docs/gjson.md} for the syntax).
   *
   * @param path the path, e.g. {@code outputs.#(name=="label").data.0}
   * @return the compiled path
   * @throws GjsonSyntaxException when the path does not parse, or uses a corner of GJSON's syntax
   *     kserve4j does not support; the message names the position and what was expected
   */
  public static GjsonPath compile(String path) {
    Objects.requireNonNull(path, "path");
    return new GjsonPath(CompiledPath.compile(path));
  }

  /** The path as written. */
  public String path() {
    return compiled.text();
  }

  /**
   * Evaluates the path on UTF-8 JSON.
   *
   * @param json the JSON document
   * @return what the path found, or {@link Result#none()}
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public Result get(byte[] json) {
    return get(json, 0, json.length);
  }

  /**
   * Evaluates the path on the UTF-8 JSON in {@code json[offset, offset + length)}.
   *
   * @param json the bytes holding the JSON document
   * @param offset where the document starts
   * @param length the document's length in bytes
   * @return what the path found, or {@link Result#none()}
   * @throws IndexOutOfBoundsException when the range is not inside {@code json}
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public Result get(byte[] json, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, json.length);
    return Result.of(compiled.evaluate(json, offset, offset + length));
  }

  /**
   * Evaluates the path on JSON text.
   *
   * @param json the JSON document
   * @return what the path found, or {@link Result#none()}
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public Result get(String json) {
    return get(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the path finds a value in UTF-8 JSON: KServe's test of an InferenceGraph condition.
   * Copies nothing out of {@code json}.
   *
   * @param json the JSON document
   * @return true when the path exists
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public boolean existsIn(byte[] json) {
    return compiled.evaluate(json, 0, json.length) != null;
  }

  /**
   * Whether the path finds a value in JSON text.
   *
   * @param json the JSON document
   * @return true when the path exists
   * @throws GjsonLimitException when the evaluation would exceed its work limit
   */
  public boolean existsIn(String json) {
    return existsIn(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The path as written. */
  @Override
  public String toString() {
    return path();
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof GjsonPath p && p.path().equals(path());
  }

  @Override
  public int hashCode() {
    return path().hashCode();
  }
}
