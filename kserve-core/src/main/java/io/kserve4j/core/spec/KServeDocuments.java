package io.kserve4j.core.spec;

import java.util.List;
import java.util.Map;

/** TEMP STUB. */
public record KServeDocuments(
    List<InferenceServiceResource> inferenceServices,
    List<ServingRuntimeResource> servingRuntimes,
    List<Map<String, Object>> inferenceGraphs) {}
