/**
 * GPU machinery behind {@code io.kserve4j.core.gpu}: the CUDA runtime probe (javacpp by
 * reflection), the GPU request read from a predictor's spec, and the placement of replicas on
 * devices by free memory.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.internal.gpu;
