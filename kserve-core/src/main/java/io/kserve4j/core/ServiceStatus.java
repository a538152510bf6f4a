package io.kserve4j.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InferenceService}'s state at one moment, as KServe's status and Knative's PodAutoscaler
 * report it.
 *
 * @param ready whether the service answers (built and not closed)
 * @param readyReplicas replicas taking requests
 * @param desiredReplicas replicas the autoscaler (or the fixed plan) asks for
 * @param startingReplicas replicas loading
 * @param drainingReplicas replicas finishing their requests before they close
 * @param panicking whether the autoscaler is in panic mode
 * @param inFlight requests running on replicas
 * @param queued requests waiting: in the activator queue or for a batch
 * @param replacedReplicas replicas replaced after failing
 * @param replicaDevices where each live replica (ready or draining) runs: {@code cpu}, or {@code
 *     cuda:<index>} for a replica placed on a GPU, in device order
 * @param lastStartFailure why the last replica that failed to start did (e.g. no GPU had room for
 *     its memory limit), or {@code null} if none has failed
 */
public record ServiceStatus(
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
    @Nullable String lastStartFailure) {
  /** Copies the devices. */
  public ServiceStatus {
    replicaDevices = List.copyOf(replicaDevices);
  }
}
