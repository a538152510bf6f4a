/**
 * The GJSON engine behind {@link io.kserve4j.graph.gjson.GjsonPath}: a compiler from path text to a
 * small syntax tree ({@code PathParser}, {@code Ast}), a byte scanner that finds where JSON values
 * end without building a tree ({@code Scanner}), the evaluator ({@code Eval}, {@code Queries}) and
 * GJSON's modifiers ({@code Modifiers}, {@code Pretty}). Not exported.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.graph.gjson.internal;
