package io.kserve4j.autoscale;

/** What the autoscaler measures per replica: KServe's {@code scaleMetric} under Knative's KPA. */
public enum ScaleMetric {
  /** Requests in flight at once (Knative's default). */
  CONCURRENCY,
  /** Requests per second. */
  RPS
}
