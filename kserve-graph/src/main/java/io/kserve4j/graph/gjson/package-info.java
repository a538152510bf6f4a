/**
 * GJSON paths (github.com/tidwall/gjson's syntax) for Java: {@link
 * io.kserve4j.graph.gjson.GjsonPath} compiles a path once and finds its {@link
 * io.kserve4j.graph.gjson.Result} in JSON bytes without building a tree; {@link
 * io.kserve4j.graph.gjson.Gjson} is the one-call form.
 *
 * <p>KServe's InferenceGraph router writes Switch and Sequence step conditions as GJSON paths and
 * takes a condition as met when the path exists in the JSON ({@code GjsonPath.existsIn}). The
 * syntax supported, and the few corners refused with a {@link
 * io.kserve4j.graph.gjson.GjsonSyntaxException}, are listed in {@code docs/gjson.md}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.graph.gjson;
