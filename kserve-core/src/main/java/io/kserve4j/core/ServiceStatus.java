package io.kserve4j.core;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InferenceService}'s state at one moment, as KServe's status and Knative's PodAutoscaler
 * report it: the service as a whole (replica counts summed over its revisions) and each revision.
 *
 * @param ready whether the service answers (built and not closed)
 * @param readyReplicas replicas taking requests
 * @param desiredReplicas replicas the autoscalers (or the fixed plans) ask for
 * @param startingReplicas replicas loading
 * @param drainingReplicas replicas finishing their requests before they close
 * @param panicking whether an autoscaler is in panic mode
 * @param inFlight requests running on replicas
 * @param queued requests waiting: in the activator queue or for a batch
 * @param replacedReplicas replicas replaced after failing
 * @param replicaDevices where each live replica (ready or draining) runs: {@code cpu}, or {@code
 *     cuda:<index>} for a replica placed on a GPU, in device order
 * @param lastStartFailure why the last replica that failed to start did (e.g. no GPU had room for
 *     its memory limit), or {@code null} if none has failed
 * @param revisions each revision that takes traffic (or may again), the one taking most first
 * @param latestCreatedRevision the revision made last, ready or not ({@code null} when stopped
 *     before any)
 * @param latestReadyRevision the latest revision that became ready
 * @param latestRolledoutRevision the revision that last took all untagged traffic
 * @param previousRolledoutRevision the one rolled out before it
 * @param rolloutFailure why the latest created revision failed to load (the others keep serving),
 *     or {@code null}
 * @param stopped whether the service is stopped ({@code serving.kserve.io/stop: "true"})
 * @param canaries the Standard-mode canaries ({@code spec.canary[]}), as KServe's {@code
 *     canaryStatuses}
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
    @Nullable String lastStartFailure,
    List<RevisionStatus> revisions,
    @Nullable String latestCreatedRevision,
    @Nullable String latestReadyRevision,
    @Nullable String latestRolledoutRevision,
    @Nullable String previousRolledoutRevision,
    @Nullable String rolloutFailure,
    boolean stopped,
    List<CanaryStatus> canaries) {
  /** Copies the lists. */
  public ServiceStatus {
    replicaDevices = List.copyOf(replicaDevices);
    revisions = List.copyOf(revisions);
    canaries = List.copyOf(canaries);
  }

  /** The service's status summed over its revisions. */
  static ServiceStatus of(
      boolean ready,
      List<RevisionStatus> revisions,
      io.kserve4j.core.internal.Rollout.RolloutState rollout) {
    int readyReplicas = 0;
    int desired = 0;
    int starting = 0;
    int draining = 0;
    boolean panicking = false;
    int inFlight = 0;
    int queued = 0;
    int replaced = 0;
    List<String> devices = new ArrayList<>();
    String failure = null;
    for (RevisionStatus r : revisions) {
      readyReplicas += r.readyReplicas();
      desired += r.desiredReplicas();
      starting += r.startingReplicas();
      draining += r.drainingReplicas();
      panicking |= r.panicking();
      inFlight += r.inFlight();
      queued += r.queued();
      replaced += r.replacedReplicas();
      devices.addAll(r.replicaDevices());
      if (r.lastStartFailure() != null) {
        failure = r.lastStartFailure();
      }
    }
    return new ServiceStatus(
        ready,
        readyReplicas,
        desired,
        starting,
        draining,
        panicking,
        inFlight,
        queued,
        replaced,
        devices,
        failure,
        revisions,
        rollout.latestCreatedRevision(),
        rollout.latestReadyRevision(),
        rollout.latestRolledoutRevision(),
        rollout.previousRolledoutRevision(),
        rollout.lastFailure(),
        rollout.stopped(),
        rollout.canaries());
  }
}
