/**
 * kserve4j's serving objects: {@link io.kserve4j.core.InferenceService} (a predictor, and
 * optionally a transformer and an explainer) and {@link io.kserve4j.core.ModelServer}, the in-JVM
 * namespace of named services.
 *
 * <p>A service is built from KServe YAML ({@code InferenceService.fromYaml}) or in Java ({@code
 * InferenceService.builder()}), and answers {@code predict()} in-process: no server, no cluster, no
 * network.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core;
