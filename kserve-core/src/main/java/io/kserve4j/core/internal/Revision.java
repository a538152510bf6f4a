package io.kserve4j.core.internal;

import io.kserve4j.autoscale.Batcher;
import io.kserve4j.autoscale.PoolAutoscaler;
import io.kserve4j.autoscale.PoolStatus;
import io.kserve4j.autoscale.ReplicaPool;
import io.kserve4j.autoscale.ScaleDecision;
import io.kserve4j.core.CallContext;
import io.kserve4j.core.RevisionStatus;
import io.kserve4j.core.internal.gpu.GpuPlacement;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotReadyException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One immutable deployment of an InferenceService's spec, as Knative calls it: the runtime, the
 * replicas and their pool, the autoscaler, the batcher, the chain of links and the GPU placement,
 * built together by {@link RevisionAssembler} and closed as one. Named as Knative names revisions,
 * {@code <service>-predictor-00001}. Thread-safe.
 */
public final class Revision implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Revision.class.getName());
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final int generation;
  private final InferenceServiceResource resource;
  private final String runtimeName;
  private final ModelMetadata metadata;
  private final ReplicaPool<Model> pool;
  private final @Nullable PoolAutoscaler autoscaler;
  private final @Nullable Batcher<InferRequest, InferResponse> batcher;
  private final Link predict;
  private final @Nullable Link explain;
  private final @Nullable GpuPlacement placement;
  private final Duration timeout;
  private final String description;
  private final Gate gate = new Gate();

  Revision(
      String name,
      int generation,
      InferenceServiceResource resource,
      String runtimeName,
      ModelMetadata metadata,
      ReplicaPool<Model> pool,
      @Nullable PoolAutoscaler autoscaler,
      @Nullable Batcher<InferRequest, InferResponse> batcher,
      Link predict,
      @Nullable Link explain,
      @Nullable GpuPlacement placement,
      Duration timeout,
      String description) {
    this.name = name;
    this.generation = generation;
    this.resource = resource;
    this.runtimeName = runtimeName;
    this.metadata = metadata;
    this.pool = pool;
    this.autoscaler = autoscaler;
    this.batcher = batcher;
    this.predict = predict;
    this.explain = explain;
    this.placement = placement;
    this.timeout = timeout;
    this.description = description;
  }

  /** Knative's name for revision {@code generation} of {@code service}'s predictor. */
  public static String name(String service, int generation) {
    return String.format(java.util.Locale.ROOT, "%s-predictor-%05d", service, generation);
  }

  /** The revision's name, e.g. {@code iris-predictor-00001}. */
  public String name() {
    return name;
  }

  /** Its number among the service's revisions, from 1. */
  public int generation() {
    return generation;
  }

  /** The spec it was built from. */
  public InferenceServiceResource resource() {
    return resource;
  }

  /** The (Cluster)ServingRuntime serving its predictor. */
  public String runtimeName() {
    return runtimeName;
  }

  /** The predictor component's {@code timeout} (300 s when unset). */
  public Duration timeout() {
    return timeout;
  }

  /** What it serves and how, for the service's start line. */
  public String description() {
    return description;
  }

  /** Whether it answers: from build until {@link #close()}. */
  public boolean isReady() {
    return !gate.isClosed();
  }

  /** Whether it has an explainer. */
  public boolean hasExplainer() {
    return explain != null;
  }

  /**
   * The predictor's v2 metadata (named after the model, not the revision). For a revision on GPUs
   * the parameter {@code device} names the devices its replicas run on now.
   */
  public ModelMetadata metadata() {
    GpuPlacement g = placement;
    if (g == null) {
      return metadata;
    }
    List<String> devices = new ArrayList<>(new LinkedHashSet<>(g.replicaDevices()));
    if (devices.isEmpty()) {
      return metadata;
    }
    Map<String, Object> parameters = new LinkedHashMap<>(metadata.parameters());
    parameters.put("device", String.join(",", devices));
    return new ModelMetadata(
        metadata.name(),
        metadata.versions(),
        metadata.platform(),
        metadata.inputs(),
        metadata.outputs(),
        parameters);
  }

  /**
   * Runs one prediction through the chain: transformer, batcher, replica pool, model.
   *
   * @throws ModelNotReadyException (503) once the revision is closed
   * @throws InferenceException as the service's {@code predict}
   */
  public InferResponse predict(InferRequest request, CallContext context) {
    return call(predict, request, context);
  }

  /**
   * Explains with the revision's explainer, which calls the predictor through the pool.
   *
   * @throws InferenceException with status NOT_IMPLEMENTED (501) if it has no explainer
   */
  public InferResponse explain(InferRequest request, CallContext context) {
    Link chain = explain;
    if (chain == null) {
      throw new InferenceException(
          InferenceStatus.NOT_IMPLEMENTED,
          context.service(),
          "this service has no explainer (add spec.explainer, or builder().explainer(...))",
          null);
    }
    return call(chain, request, context);
  }

  private InferResponse call(Link chain, InferRequest request, CallContext context) {
    if (!gate.enter()) {
      throw new ClosedException(context.service(), name);
    }
    try {
      return chain.proceed(request, context);
    } finally {
      gate.exit();
    }
  }

  /**
   * Thrown when a call reaches a revision that closed after the router chose it: the service routes
   * the call again, so no call is lost to a rollout.
   */
  public static final class ClosedException extends ModelNotReadyException {
    private static final long serialVersionUID = 1L;

    ClosedException(String service, String revision) {
      super(service, "revision " + revision + " is closed (it no longer takes traffic)");
    }
  }

  /** Its state now, with the traffic the router gives it. */
  public RevisionStatus status(int trafficPercent, List<String> tags) {
    PoolStatus p = pool.status();
    ScaleDecision d = autoscaler == null ? null : autoscaler.lastDecision();
    return new RevisionStatus(
        name,
        runtimeName,
        trafficPercent,
        tags,
        isReady(),
        p.ready(),
        p.desired(),
        p.starting(),
        p.draining(),
        d != null && d.panicking(),
        p.inFlight(),
        p.queued() + (batcher == null ? 0 : batcher.queued()),
        p.replaced(),
        placement == null
            ? Collections.nCopies(p.ready() + p.draining(), "cpu")
            : placement.replicaDevices(),
        d,
        p.lastStartFailure());
  }

  /**
   * Stops taking calls, waits up to 30 s for those in flight, then closes the autoscaler, the
   * batcher and every replica (releasing native resources). Idempotent.
   */
  @Override
  public void close() {
    if (!gate.close()) {
      return;
    }
    if (!gate.awaitIdle(DRAIN_TIMEOUT)) {
      LOG.log(
          Level.WARNING,
          "revision {0}: closing with calls still in flight after {1}",
          name,
          DRAIN_TIMEOUT);
    }
    if (autoscaler != null) {
      autoscaler.close();
    }
    if (batcher != null) {
      batcher.close();
    }
    pool.close();
  }

  @Override
  public String toString() {
    return "Revision{" + name + ", runtime=" + runtimeName + ", ready=" + isReady() + "}";
  }
}
