package io.kserve4j.core;

import io.kserve4j.autoscale.ScaleDecision;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One revision of an {@link InferenceService} at one moment, as Knative reports a revision and its
 * PodAutoscaler.
 *
 * @param name the revision's name, as Knative names it: {@code <service>-predictor-00001}
 * @param runtime the (Cluster)ServingRuntime serving its predictor
 * @param trafficPercent the share of untagged requests it receives, 0 to 100
 * @param tags the tags that reach it ({@code latest}, {@code prev}...)
 * @param ready whether it answers (built and not closed)
 * @param readyReplicas replicas taking requests
 * @param desiredReplicas replicas the autoscaler (or the fixed plan) asks for
 * @param startingReplicas replicas loading
 * @param drainingReplicas replicas finishing their requests before they close
 * @param panicking whether its autoscaler is in panic mode
 * @param inFlight requests running on its replicas
 * @param queued requests waiting: in the activator queue or for a batch
 * @param replacedReplicas replicas replaced after failing
 * @param replicaDevices where each live replica runs: {@code cpu}, or {@code cuda:<index>}
 * @param lastDecision the autoscaler's last decision, or {@code null} for a fixed replica count or
 *     before its first tick
 * @param lastStartFailure why the last replica that failed to start did, or {@code null}
 */
public record RevisionStatus(
    String name,
    String runtime,
    int trafficPercent,
    List<String> tags,
    boolean ready,
    int readyReplicas,
    int desiredReplicas,
    int startingReplicas,
    int drainingReplicas,
    boolean panicking,
    int inFlight,
    int queued,
    int replacedReplicas,
    List<String> replicaDevices,
    @Nullable ScaleDecision lastDecision,
    @Nullable String lastStartFailure) {
  /** Copies the lists. */
  public RevisionStatus {
    tags = List.copyOf(tags);
    replicaDevices = List.copyOf(replicaDevices);
  }
}
