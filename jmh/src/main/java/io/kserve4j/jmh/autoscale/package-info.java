/** Benchmarks of the replica pool, the autoscaler's decision, the batcher and cold starts. */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh.autoscale;
