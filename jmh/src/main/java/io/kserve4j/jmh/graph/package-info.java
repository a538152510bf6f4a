/**
 * Benchmarks of InferenceGraph: a step condition (a GJSON path) tested on a v2 response, with
 * kserve4j's GJSON against Jackson's tree with {@code JsonPointer} and against Jackson's streaming
 * parser.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.graph;
