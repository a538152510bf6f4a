package io.kserve4j.core.internal;

import io.kserve4j.autoscale.AutoscalerSettings;
import io.kserve4j.autoscale.Batcher;
import io.kserve4j.autoscale.PoolAutoscaler;
import io.kserve4j.autoscale.ReplicaPool;
import io.kserve4j.core.Explainer;
import io.kserve4j.core.Transformer;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.internal.gpu.GpuPlacement;
import io.kserve4j.core.internal.gpu.GpuRequest;
import io.kserve4j.core.internal.storage.StorageResolver;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.GpuSupport;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.RuntimeOptions;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.ExplainerSpec;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.TransformerSpec;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.ModelMetadata;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Revision} from a spec, in the order KServe's controller and a pod's start-up
 * take: select the runtime (and let it prepare in the background), validate the spec, resolve
 * storage, place GPUs, load the first replica, then wire the pool, the autoscaler, the batcher and
 * the chain of links. Everything it started is closed again if a later step fails.
 */
public final class RevisionAssembler {
  /** A service's lifecycle is logged under the InferenceService's logger, where users look. */
  private static final System.Logger LOG = System.getLogger("io.kserve4j.core.InferenceService");

  private final ServiceConfig config;

  /** An assembler for the revisions of one service. */
  public RevisionAssembler(ServiceConfig config) {
    this.config = config;
  }

  /**
   * What serving {@code r} would fail on at once, without loading the model: the spec's rules, the
   * runtime selection and the storage URI; every problem found, or none.
   */
  public List<Violation> check(InferenceServiceResource r) {
    List<Violation> problems = new ArrayList<>();
    String subject = subject(r);
    try {
      r.validate();
    } catch (SpecValidationException e) {
      problems.addAll(e.violations());
    }
    ModelSpec declared = r.spec().predictor().model();
    if (declared == null) {
      problems.add(noModel());
      return problems;
    }
    RuntimeSelector.Selection selection;
    Artifact artifact = new Artifact(r, subject, declared);
    try {
      selection = select(r, subject, declared, artifact);
    } catch (SpecValidationException e) {
      problems.addAll(e.violations());
      return problems;
    }
    try {
      resolve(artifact, selection);
    } catch (SpecValidationException e) {
      problems.addAll(e.violations());
    }
    return problems;
  }

  /**
   * Builds revision {@code generation} of {@code r} and loads its first replica.
   *
   * @throws SpecValidationException if the spec breaks KServe's rules (every violation listed), no
   *     runtime serves the model, the storage URI cannot be used, or the predictor asks for a GPU
   *     that cannot be used here and the CPU fallback is not allowed
   * @throws io.kserve4j.protocol.ModelFailureException if the runtime fails to load the model
   */
  public Revision assemble(InferenceServiceResource r, int generation) {
    return assemble(r, generation, Revision.name(r.name(), generation));
  }

  /**
   * Builds a revision of {@code r} under a name of the caller's (a Standard-mode canary's {@code
   * <isvc>-<name>-predictor}).
   *
   * @throws SpecValidationException as {@link #assemble(InferenceServiceResource, int)}
   */
  public Revision assemble(InferenceServiceResource r, int generation, String revisionName) {
    String subject = subject(r);
    PredictorSpec p = r.spec().predictor();
    ModelSpec declared = p.model();
    // Choose the runtime first and let it start slow work (native libraries) in the background
    // while the spec is validated; a selection problem is reported after the spec's own.
    RuntimeSelector.Selection chosen = null;
    SpecValidationException selectionProblem = null;
    Artifact artifact = declared == null ? null : new Artifact(r, subject, declared);
    if (declared != null && artifact != null) {
      try {
        chosen = select(r, subject, declared, artifact);
        chosen.runtime().prepare();
      } catch (SpecValidationException problem) {
        selectionProblem = problem;
      }
    }
    r.validate();
    if (declared == null) {
      throw new SpecValidationException(subject, List.of(noModel()));
    }
    if (selectionProblem != null || chosen == null) {
      throw Objects.requireNonNull(selectionProblem);
    }
    ModelSpec modelSpec = declared;
    RuntimeSelector.Selection selection = chosen;
    Path path = resolve(Objects.requireNonNull(artifact), selection);
    Map<String, String> annotations = new LinkedHashMap<>(r.metadata().annotations());
    annotations.putAll(p.component().annotations());
    List<RuntimeOptions> options = new ArrayList<>(config.runtimeOptions());
    JavaPredictor javaPredictor = config.javaPredictor();
    if (javaPredictor != null) {
      options.add(javaPredictor);
    }
    Transformer transformer = transformer(r, subject);
    Explainer explainer = explainer(r, subject);
    ScalingPlan plan =
        ScalingPlan.of(r.name(), "spec.predictor", p.component(), annotations, r.deploymentMode());
    ServingRuntime runtime = selection.runtime();
    GpuRequest gpu =
        GpuRequest.read(
            subject,
            modelSpec,
            annotations,
            config.allowCpuFallback(),
            option(CudaOptions.class, config.runtimeOptions()));
    GpuPlacement placement = gpu.gpus() > 0 ? placement(subject, r.name(), runtime, gpu) : null;
    ModelContext context = new ModelContext(r.name(), modelSpec, path, annotations, options);
    Replicas replicas = new Replicas(runtime, context, placement, gpu.cuda());
    long start = System.nanoTime();
    Model first = replicas.first(subject);
    long loadMillis = (System.nanoTime() - start) / 1_000_000;
    ModelMetadata metadata = first.metadata().withName(r.name());
    String poolName = "revision " + revisionName;
    AutoscalerHooks hooks = new AutoscalerHooks();
    ReplicaPool<Model> pool =
        ReplicaPool.builder(poolName, replicas)
            .containerConcurrency(plan.containerConcurrency())
            .queueCapacity(config.activatorQueueCapacity())
            .countsAsFailure(PoolLink::countsAgainstReplica)
            .isAlive(Model::isAlive)
            .scheduler(config.scheduler())
            .onDemandAtZero(hooks::demandAtZero)
            .limitNote(hooks::limitNote)
            .build();
    PoolAutoscaler autoscaler = null;
    Batcher<InferRequest, InferResponse> batcher = null;
    try {
      AutoscalerSettings settings = plan.settings();
      if (settings != null && settings.initialScale() == 0 && settings.minScale() == 0) {
        replicas.close(first); // initial scale 0: start at zero; the first load only checked it
      } else {
        pool.adopt(first);
      }
      if (settings != null) {
        autoscaler =
            new PoolAutoscaler(poolName, pool, settings, config.clock(), config.scheduler());
        hooks.bind(autoscaler);
        autoscaler.start();
      } else {
        pool.scaleTo(plan.fixedReplicas());
      }
      Link predictor = new PoolLink(r.name(), pool);
      BatcherSpec batch = p.component().batcher();
      if (batch != null) {
        batcher = batcher(r.name(), poolName, batch, predictor, pool, plan);
        predictor = new BatchingLink(r.name(), metadata.inputs(), batcher);
      }
      Link explain = explainer == null ? null : new ExplainerLink(r.name(), explainer, predictor);
      if (transformer != null) {
        predictor = new TransformerLink(r.name(), transformer, predictor);
        explain = explain == null ? null : new TransformerLink(r.name(), transformer, explain);
      }
      String description =
          modelSpec.modelFormat().name()
              + " model"
              + (path == null ? "" : " from " + path)
              + " on "
              + selection.runtimeName()
              + " (loaded in "
              + loadMillis
              + " ms), "
              + plan.describe();
      return new Revision(
          revisionName,
          generation,
          r,
          selection.runtimeName(),
          metadata,
          pool,
          autoscaler,
          batcher,
          predictor,
          explain,
          placement,
          plan.requestTimeout(),
          description);
    } catch (RuntimeException | Error e) {
      if (autoscaler != null) {
        autoscaler.close();
      }
      if (batcher != null) {
        batcher.close();
      }
      pool.close();
      throw e;
    }
  }

  private Batcher<InferRequest, InferResponse> batcher(
      String service,
      String poolName,
      BatcherSpec batch,
      Link predictor,
      ReplicaPool<Model> pool,
      ScalingPlan plan) {
    Integer maxBatchSize = batch.maxBatchSize();
    Integer maxLatency = batch.maxLatency();
    Integer batchTimeout = batch.timeout();
    return Batcher.<InferRequest, InferResponse>builder(
            poolName,
            BatchingLink.runner(service, predictor, config.clock(), plan.requestTimeout()))
        .maxBatchSize(maxBatchSize == null ? BatcherSpec.DEFAULT_MAX_BATCH_SIZE : maxBatchSize)
        .maxLatency(
            Duration.ofMillis(maxLatency == null ? BatcherSpec.DEFAULT_MAX_LATENCY_MS : maxLatency))
        .timeout(batchTimeout == null ? null : Duration.ofSeconds(batchTimeout))
        .key(TensorBatching::key)
        .instances(TensorBatching::rows)
        // Batches that may run at once: one per free slot; with unlimited concurrency a replica
        // runs as many batches as the machine has cores (sessions are thread-safe).
        .parallelism(
            () ->
                pool.readyReplicas()
                    * (plan.containerConcurrency() > 0
                        ? plan.containerConcurrency()
                        : Runtime.getRuntime().availableProcessors()))
        .scheduler(config.scheduler())
        .build();
  }

  private RuntimeSelector.Selection select(
      InferenceServiceResource r, String subject, ModelSpec declared, Artifact artifact) {
    return new RuntimeSelector(
            RuntimeSelector.discover(config.runtimes()), config.servingRuntimes())
        .select(subject, r.metadata().namespaceOrDefault(), declared, artifact::lookAt);
  }

  private @Nullable Path resolve(Artifact artifact, RuntimeSelector.Selection selection) {
    if (selection.runtime().name().equals(JavaServingRuntime.NAME)) {
      return null;
    }
    return artifact.resolve();
  }

  /**
   * The model's storage resolved once: selection may look at it first (when several runtimes serve
   * the format), then the chosen runtime loads from the same path.
   */
  private final class Artifact {
    private final InferenceServiceResource r;
    private final String subject;
    private final ModelSpec model;
    private boolean resolved;
    private @Nullable Path path;
    private @Nullable SpecValidationException problem;

    Artifact(InferenceServiceResource r, String subject, ModelSpec model) {
      this.r = r;
      this.subject = subject;
      this.model = model;
    }

    /** The local path, or {@code null} when the model has no storage or it cannot be resolved. */
    @Nullable Path lookAt() {
      try {
        return resolve();
      } catch (SpecValidationException e) {
        return null; // reported when the chosen runtime's storage is resolved
      }
    }

    /**
     * The local path, or {@code null} when the model has no storage.
     *
     * @throws SpecValidationException if the storage URI cannot be used
     */
    @Nullable Path resolve() {
      if (!resolved) {
        resolved = true;
        String uri = model.storageUri();
        if (uri != null) {
          try {
            path =
                new StorageResolver(
                        config.storage(), r.name(), subject, "spec.predictor.model.storageUri")
                    .resolve(uri);
          } catch (SpecValidationException e) {
            problem = e;
          }
        }
      }
      if (problem != null) {
        throw problem;
      }
      return path;
    }
  }

  private static String subject(InferenceServiceResource r) {
    return "InferenceService '" + r.name() + "'";
  }

  private static Violation noModel() {
    return new Violation(
        "spec.predictor.model",
        null,
        "kserve4j serves predictors given as a model (or a framework shortcut such as"
            + " sklearn:); custom containers cannot run in a JVM",
        "use model: {modelFormat: {name: onnx}, storageUri: ...}, or"
            + " Predictor.function(...) for Java code");
  }

  private static <T extends RuntimeOptions> @Nullable T option(
      Class<T> type, List<RuntimeOptions> options) {
    for (RuntimeOptions o : options) {
      if (type.isInstance(o)) {
        return type.cast(o);
      }
    }
    return null;
  }

  /**
   * The placement for a predictor that asks for a GPU, or {@code null} to serve on the CPU when no
   * GPU can be used and the fallback is allowed (one warning).
   *
   * @throws SpecValidationException if no GPU can be used and the fallback is not allowed, or the
   *     pinned device does not exist
   */
  private @Nullable GpuPlacement placement(
      String subject, String service, ServingRuntime runtime, GpuRequest gpu) {
    List<String> why = new ArrayList<>();
    GpuSupport support = runtime.gpuSupport();
    if (!support.available()) {
      why.add(support.description());
    }
    GpuDiscovery d = config.gpuDiscovery();
    GpuDiscovery discovery = d != null ? d : GpuDiscovery.system();
    GpuInventory inventory = discovery.discover();
    if (inventory.isEmpty()) {
      why.add(String.valueOf(inventory.absentReason()));
    }
    if (why.isEmpty()) {
      try {
        return new GpuPlacement(
            service, discovery, inventory, gpu.cuda().memoryLimit(), gpu.cuda().deviceId());
      } catch (IllegalArgumentException e) {
        throw new SpecValidationException(
            subject,
            List.of(
                new Violation(
                    "spec.predictor.annotations[" + CudaOptions.DEVICE_ID_ANNOTATION + "]",
                    gpu.cuda().deviceId(),
                    String.valueOf(e.getMessage()),
                    "name one of the devices, or leave it unset to place by free memory")));
      }
    }
    String reason = String.join("; and ", why);
    if (gpu.cpuFallback()) {
      LOG.log(
          Level.WARNING,
          "InferenceService {0}: asks for {1} {2}, but {3}; serving on the CPU (the CPU fallback"
              + " is allowed)",
          service,
          gpu.gpus(),
          GpuRequest.RESOURCE,
          reason);
      return null;
    }
    throw new SpecValidationException(
        subject,
        List.of(
            new Violation(
                GpuRequest.FIELD,
                gpu.gpus(),
                "asks for a GPU, but " + reason,
                "make a GPU usable, or allow serving on the CPU with the annotation "
                    + GpuRequest.FALLBACK_ANNOTATION
                    + ": cpu or InferenceService.builder().allowCpuFallback(true)")));
  }

  private @Nullable Transformer transformer(InferenceServiceResource r, String subject) {
    Transformer given = config.transformer();
    if (given != null) {
      return given;
    }
    TransformerSpec ts = r.spec().transformer();
    if (ts == null) {
      return null;
    }
    String cls = ts.component().annotations().get(JavaServingRuntime.CLASS_ANNOTATION);
    if (cls == null) {
      throw unbound(subject, "spec.transformer", "io.kserve4j.core.Transformer", "transformer");
    }
    return JavaComponents.instantiate(r.name(), "spec.transformer", cls, Transformer.class);
  }

  private @Nullable Explainer explainer(InferenceServiceResource r, String subject) {
    Explainer given = config.explainer();
    if (given != null) {
      return given;
    }
    ExplainerSpec es = r.spec().explainer();
    if (es == null) {
      return null;
    }
    String cls = es.component().annotations().get(JavaServingRuntime.CLASS_ANNOTATION);
    if (cls == null) {
      throw unbound(subject, "spec.explainer", "io.kserve4j.core.Explainer", "explainer");
    }
    return JavaComponents.instantiate(r.name(), "spec.explainer", cls, Explainer.class);
  }

  private static SpecValidationException unbound(
      String subject, String component, String type, String method) {
    return new SpecValidationException(
        subject,
        List.of(
            new Violation(
                component + ".annotations[" + JavaServingRuntime.CLASS_ANNOTATION + "]",
                null,
                "a " + method + " runs as Java code in kserve4j and none is bound",
                "name a public class implementing "
                    + type
                    + " in that annotation, or call builder()."
                    + method
                    + "(...)")));
  }

  /**
   * The pool's callbacks into the autoscaler, which is made after the pool (it reads the pool): a
   * request at zero replicas wakes it, and a refusal at the replica limit names its maximum.
   */
  private static final class AutoscalerHooks {
    private volatile @Nullable PoolAutoscaler autoscaler;

    void bind(PoolAutoscaler a) {
      this.autoscaler = a;
    }

    void demandAtZero() {
      PoolAutoscaler a = autoscaler;
      if (a != null) {
        a.demandAtZero();
      }
    }

    @Nullable String limitNote() {
      PoolAutoscaler a = autoscaler;
      return a == null ? null : a.limitNote();
    }
  }

  /**
   * Loads and closes the predictor's replicas: on the CPU, or each on the GPU placement gives it
   * (with its device and CUDA options in the model context).
   */
  private static final class Replicas implements ReplicaPool.Factory<Model> {
    private final ServingRuntime runtime;
    private final ModelContext context;
    private final @Nullable GpuPlacement placement;

    Replicas(
        ServingRuntime runtime,
        ModelContext context,
        @Nullable GpuPlacement placement,
        CudaOptions cuda) {
      this.runtime = runtime;
      this.placement = placement;
      this.context = placement == null ? context : context.withOption(cuda);
    }

    /** The first replica, loaded at build: a placement refusal is a spec problem. */
    Model first(String subject) {
      try {
        return create();
      } catch (GpuPlacement.NoRoomException e) {
        CudaOptions cuda = context.option(CudaOptions.class);
        throw new SpecValidationException(
            subject,
            List.of(
                new Violation(
                    "spec.predictor.annotations[" + CudaOptions.MEMORY_LIMIT_ANNOTATION + "]",
                    cuda == null ? null : cuda.memoryLimit(),
                    String.valueOf(e.getMessage()),
                    "lower the limit, or free GPU memory")));
      }
    }

    @Override
    public Model create() {
      GpuPlacement g = placement;
      if (g == null) {
        return runtime.load(context);
      }
      GpuDevice device = g.place();
      try {
        Model model = runtime.load(context.withDevice(device));
        g.bind(model, device);
        return model;
      } catch (RuntimeException | Error e) {
        g.release(device);
        throw e;
      }
    }

    @Override
    public void close(Model replica) {
      try {
        replica.close();
      } finally {
        if (placement != null) {
          placement.unbind(replica);
        }
      }
    }
  }
}
