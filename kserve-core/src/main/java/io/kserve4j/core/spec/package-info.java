/**
 * Records that mirror KServe's {@code serving.kserve.io} resources, field for field, each a {@link
 * io.kserve4j.core.spec.KServeResource}: {@link io.kserve4j.core.spec.InferenceServiceResource}
 * ({@code v1beta1}), {@link io.kserve4j.core.spec.ServingRuntimeResource} ({@code v1alpha1},
 * namespaced or cluster-scoped), {@link io.kserve4j.core.spec.InferenceGraphResource} and {@link
 * io.kserve4j.core.spec.TrainedModelResource} ({@code v1alpha1}).
 *
 * <p>{@link io.kserve4j.core.spec.KServeYaml} reads and writes them as KServe YAML, as strictly as
 * KServe's CRDs (a field they do not define is a violation), keeping fields that cannot apply in
 * one JVM (resources, node selectors, container images) for export. Unset optional fields are
 * {@code null}, so absent stays absent. {@link io.kserve4j.core.spec.SpecValidationException}
 * reports every violation of KServe's rules at once, each as {@code path = value: rule (fix)}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.spec;
