/**
 * The {@code kserve4j} command line (picocli): {@code validate} checks KServe YAML against KServe's
 * rules, {@code predict} runs one v2 request in-process, {@code serve} serves every
 * InferenceService of the files over REST and gRPC, {@code condition} tests an InferenceGraph step
 * condition (a GJSON path) on a JSON body.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.cli;
