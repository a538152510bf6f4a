/**
 * JMH benchmarks of kserve4j, each measured against a baseline in the same run, and {@link
 * io.kserve4j.jmh.Ratios}, which interleaves the two sides round by round with an A/A control.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.jmh;
