/**
 * Runnable samples, one per capability, each also run as a test: {@link
 * io.kserve4j.samples.QuickStart} serves KServe's sklearn-iris sample in-process, {@link
 * io.kserve4j.samples.JavaPredictorSample} builds a service from Java code with a transformer.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.samples;
