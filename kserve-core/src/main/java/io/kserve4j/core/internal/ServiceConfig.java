package io.kserve4j.core.internal;

import io.kserve4j.autoscale.Clock;
import io.kserve4j.autoscale.Scheduler;
import io.kserve4j.core.Explainer;
import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.Transformer;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.runtime.RuntimeOptions;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ServingRuntimeResource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every revision of one service is built with, besides its spec: runtimes and their options,
 * storage, time, threads, GPU settings and the Java components given in the builder.
 *
 * @param runtimes runtimes given in Java, beside those ServiceLoader finds
 * @param servingRuntimes ServingRuntimes and ClusterServingRuntimes for selection
 * @param runtimeOptions options for the runtime
 * @param storage where storage URIs point
 * @param clock the clock of autoscaling, batching and deadlines
 * @param scheduler where replicas load and timers run (shared; not closed by the service)
 * @param activatorQueueCapacity how many requests may wait for a replica
 * @param allowCpuFallback whether a GPU predictor may run on the CPU
 * @param gpuDiscovery where GPUs are found, or {@code null} for the system's
 * @param javaPredictor a predictor written in Java, or {@code null}
 * @param transformer a transformer given in Java, or {@code null} for the spec's
 * @param explainer an explainer given in Java, or {@code null} for the spec's
 */
public record ServiceConfig(
    List<ServingRuntime> runtimes,
    List<ServingRuntimeResource> servingRuntimes,
    List<RuntimeOptions> runtimeOptions,
    StorageOptions storage,
    Clock clock,
    Scheduler scheduler,
    int activatorQueueCapacity,
    boolean allowCpuFallback,
    @Nullable GpuDiscovery gpuDiscovery,
    @Nullable JavaPredictor javaPredictor,
    @Nullable Transformer transformer,
    @Nullable Explainer explainer) {
  /** Copies the lists. */
  public ServiceConfig {
    runtimes = List.copyOf(runtimes);
    servingRuntimes = List.copyOf(servingRuntimes);
    runtimeOptions = List.copyOf(runtimeOptions);
  }
}
