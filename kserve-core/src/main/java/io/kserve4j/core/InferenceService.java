package io.kserve4j.core;

import io.kserve4j.autoscale.AutoscalerSettings;
import io.kserve4j.autoscale.Batcher;
import io.kserve4j.autoscale.Clock;
import io.kserve4j.autoscale.PoolAutoscaler;
import io.kserve4j.autoscale.PoolStatus;
import io.kserve4j.autoscale.ReplicaPool;
import io.kserve4j.autoscale.ScaleDecision;
import io.kserve4j.autoscale.Scheduler;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.internal.AsyncExecutor;
import io.kserve4j.core.internal.BatchingLink;
import io.kserve4j.core.internal.ExplainerLink;
import io.kserve4j.core.internal.Gate;
import io.kserve4j.core.internal.JavaComponents;
import io.kserve4j.core.internal.JavaServingRuntime;
import io.kserve4j.core.internal.Link;
import io.kserve4j.core.internal.PoolLink;
import io.kserve4j.core.internal.RuntimeSelector;
import io.kserve4j.core.internal.ScalingPlan;
import io.kserve4j.core.internal.StorageResolver;
import io.kserve4j.core.internal.TensorBatching;
import io.kserve4j.core.internal.TransformerLink;
import io.kserve4j.core.internal.gpu.GpuPlacement;
import io.kserve4j.core.internal.gpu.GpuRequest;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.GpuSupport;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.ExplainerSpec;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.TransformerSpec;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotReadyException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A KServe InferenceService in the JVM: a predictor, and optionally a transformer and an explainer,
 * answering {@link #predict} in-process.
 *
 * <pre>{@code
 * try (var service = InferenceService.fromYaml(Path.of("sklearn-iris.yaml"))) {
 *   InferResponse r = service.predict(InferRequest.of("float_input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}));
 *   long label = r.output("output_label").asLongs()[0];
 * }
 * }</pre>
 *
 * <p>A call goes through a chain of links: transformer preprocess, the predictor's model,
 * transformer postprocess. The model is loaded when the service is built; the service is then ready
 * until {@link #close()}. Thread-safe: call {@code predict} from any number of threads.
 *
 * <p>A predictor whose model asks for {@code nvidia.com/gpu} in {@code resources.limits} runs each
 * replica on a CUDA device (see {@code docs/gpu.md}); without a usable GPU the service is not built
 * unless the CPU fallback is allowed.
 */
public final class InferenceService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InferenceService.class.getName());
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final InferenceServiceResource resource;
  private final String name;
  private final String runtimeName;
  private final ModelMetadata metadata;
  private final ReplicaPool<Model> pool;
  private final @Nullable PoolAutoscaler autoscaler;
  private final @Nullable Batcher<InferRequest, InferResponse> batcher;
  private final Link predictChain;
  private final @Nullable Link explainChain;
  private final Executor executor;
  private final @Nullable Scheduler ownScheduler;
  private final @Nullable GpuPlacement placement;
  private final Gate gate = new Gate();

  private InferenceService(
      InferenceServiceResource resource,
      String runtimeName,
      ModelMetadata metadata,
      ReplicaPool<Model> pool,
      @Nullable PoolAutoscaler autoscaler,
      @Nullable Batcher<InferRequest, InferResponse> batcher,
      Link predictChain,
      @Nullable Link explainChain,
      Executor executor,
      @Nullable Scheduler ownScheduler,
      @Nullable GpuPlacement placement) {
    this.resource = resource;
    this.name = resource.name();
    this.runtimeName = runtimeName;
    this.metadata = metadata.withName(name);
    this.pool = pool;
    this.autoscaler = autoscaler;
    this.batcher = batcher;
    this.predictChain = predictChain;
    this.explainChain = explainChain;
    this.executor = executor;
    this.ownScheduler = ownScheduler;
    this.placement = placement;
  }

  /**
   * Builds the one InferenceService in a KServe YAML file. ServingRuntimes in the same file take
   * part in runtime selection; relative storage paths are resolved against the file's directory.
   *
   * @throws SpecValidationException if the YAML is broken or invalid, the file holds no or several
   *     InferenceServices, or the model cannot be found or served; every problem is listed
   * @throws io.kserve4j.protocol.ModelFailureException if the runtime fails to load the model
   */
  public static InferenceService fromYaml(Path file) {
    return fromYaml(file, null);
  }

  /**
   * Builds the InferenceService called {@code name} from a KServe YAML file that may hold several.
   *
   * @param name the service to build, or {@code null} if the file holds exactly one
   * @throws SpecValidationException as {@link #fromYaml(Path)}, or if no service has that name
   */
  public static InferenceService fromYaml(Path file, @Nullable String name) {
    KServeDocuments docs = KServeYaml.read(file);
    Path dir = file.toAbsolutePath().getParent();
    StorageOptions storage = StorageOptions.ofDefaults();
    if (dir != null) {
      storage = storage.withBaseDir(dir);
    }
    return builder()
        .resource(pick(docs, name, file.toString()))
        .servingRuntimes(docs.servingRuntimes())
        .storage(storage)
        .build();
  }

  /**
   * Builds the one InferenceService in a KServe YAML text.
   *
   * @param yaml the YAML text
   * @param sourceName where it came from, for error messages
   * @throws SpecValidationException as {@link #fromYaml(Path)}
   */
  public static InferenceService fromYamlString(String yaml, String sourceName) {
    KServeDocuments docs = KServeYaml.read(yaml, sourceName);
    return builder()
        .resource(pick(docs, null, sourceName))
        .servingRuntimes(docs.servingRuntimes())
        .build();
  }

  /**
   * Builds the one InferenceService in the KServe YAML at {@code url}: a file ({@link
   * #fromYaml(Path)}) or a resource inside a jar, e.g. {@code
   * MyApp.class.getResource("/iris.yaml")}.
   *
   * @throws SpecValidationException as {@link #fromYaml(Path)}, or if the URL cannot be read
   */
  public static InferenceService fromYaml(URL url) {
    try {
      if ("file".equals(url.getProtocol())) {
        return fromYaml(Path.of(url.toURI()));
      }
      try (InputStream in = url.openStream()) {
        return fromYamlString(
            new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString());
      }
    } catch (IOException | URISyntaxException e) {
      throw new SpecValidationException(
          url.toString(),
          new Violation(url.toString(), null, "cannot be read: " + e.getMessage(), "check the URL"),
          e);
    }
  }

  /** A builder for a service in Java. */
  public static Builder builder() {
    return new Builder();
  }

  /** The service's name; the model answers to it. */
  public String name() {
    return name;
  }

  /** The service as a KServe resource, ready to export to YAML. */
  public InferenceServiceResource resource() {
    return resource;
  }

  /** The name of the (Cluster)ServingRuntime chosen for the predictor. */
  public String runtimeName() {
    return runtimeName;
  }

  /** Whether the service answers: true from build until {@link #close()}. */
  public boolean isReady() {
    return !gate.isClosed();
  }

  /**
   * The service's state now: ready, replicas ready, desired, starting and draining, the
   * autoscaler's panic mode, requests in flight and queued in the activator, the device of each
   * replica, and why the last replica that failed to start did.
   */
  public ServiceStatus status() {
    PoolStatus p = pool.status();
    ScaleDecision d = autoscaler == null ? null : autoscaler.lastDecision();
    return new ServiceStatus(
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
        p.lastStartFailure());
  }

  /**
   * The predictor's v2 metadata under the service's name. For a service on GPUs the parameter
   * {@code device} names the devices its replicas run on now, e.g. {@code cuda:0,cuda:1}; an ONNX
   * model on the CPU says {@code cpu}.
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
   * Runs one prediction through the chain.
   *
   * @throws io.kserve4j.protocol.InvalidInputException (400) if the request does not fit the model:
   *     the message names the tensor, what was expected and what came
   * @throws ModelNotReadyException (503) once the service is closed
   * @throws io.kserve4j.protocol.ModelFailureException (500) if the model fails
   * @throws InferenceException for other failures, with KServe's status
   */
  public InferResponse predict(InferRequest request) {
    return predict(request, Map.of());
  }

  /**
   * Runs one prediction with the call's headers, which the transformer sees.
   *
   * @throws InferenceException as {@link #predict(InferRequest)}
   */
  public InferResponse predict(InferRequest request, Map<String, String> headers) {
    return call(predictChain, request, headers);
  }

  /**
   * Runs one prediction on the service's executor.
   *
   * @return a future that completes with the response, or exceptionally with an {@link
   *     InferenceException} as {@link #predict(InferRequest)}
   */
  public CompletableFuture<InferResponse> predictAsync(InferRequest request) {
    return CompletableFuture.supplyAsync(() -> predict(request), executor);
  }

  /**
   * Explains the predictor's answer with the service's explainer.
   *
   * @throws InferenceException with status NOT_IMPLEMENTED (501) if the service has no explainer,
   *     else as {@link #predict(InferRequest)}
   */
  public InferResponse explain(InferRequest request) {
    return explain(request, Map.of());
  }

  /**
   * Explains with the call's headers.
   *
   * @throws InferenceException as {@link #explain(InferRequest)}
   */
  public InferResponse explain(InferRequest request, Map<String, String> headers) {
    Link chain = explainChain;
    if (chain == null) {
      throw new InferenceException(
          InferenceStatus.NOT_IMPLEMENTED,
          name,
          "this service has no explainer (add spec.explainer, or builder().explainer(...))",
          null);
    }
    return call(chain, request, headers);
  }

  private InferResponse call(Link chain, InferRequest request, Map<String, String> headers) {
    if (!gate.enter()) {
      throw new ModelNotReadyException(name, "the service is closed");
    }
    try {
      InferResponse response = chain.proceed(request, headers);
      if (!response.modelName().equals(name)) {
        response = response.withModelName(name);
      }
      if (!Objects.equals(response.id(), request.id())) {
        response = response.withId(request.id());
      }
      return response;
    } finally {
      gate.exit();
    }
  }

  /**
   * Stops answering, waits up to 30 s for calls in flight, and releases the model's native
   * resources. Idempotent.
   */
  @Override
  public void close() {
    if (!gate.close()) {
      return;
    }
    if (!gate.awaitIdle(DRAIN_TIMEOUT)) {
      LOG.log(
          Level.WARNING,
          "InferenceService {0}: closing with calls still in flight after {1}",
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
    if (ownScheduler != null) {
      ownScheduler.close();
    }
    LOG.log(Level.INFO, "InferenceService {0}: closed", name);
  }

  @Override
  public String toString() {
    return "InferenceService{" + name + ", runtime=" + runtimeName + ", ready=" + isReady() + "}";
  }

  static InferenceServiceResource pick(KServeDocuments docs, @Nullable String name, String source) {
    List<InferenceServiceResource> all = docs.inferenceServices();
    List<String> names = new ArrayList<>();
    for (InferenceServiceResource r : all) {
      names.add(r.name());
      if (r.name().equals(name)) {
        return r;
      }
    }
    if (name == null && all.size() == 1) {
      return all.get(0);
    }
    String rule =
        name != null
            ? "holds no InferenceService named '" + name + "'"
            : all.isEmpty()
                ? "holds no InferenceService"
                : "holds " + all.size() + " InferenceServices";
    String fix =
        all.isEmpty()
            ? "add a document with apiVersion serving.kserve.io/v1beta1, kind InferenceService"
            : "name one of " + names + ", or load them all with ModelServer.fromYaml";
    throw new SpecValidationException(source, List.of(new Violation(source, names, rule, fix)));
  }

  /**
   * Builds an {@link InferenceService}: from a KServe resource (YAML), or from a name and a
   * predictor in Java, or both (Java parts override the resource's).
   */
  public static final class Builder {
    private @Nullable InferenceServiceResource resource;
    private @Nullable String name;
    private @Nullable String namespace;
    private @Nullable Predictor predictor;
    private @Nullable Transformer transformer;
    private @Nullable Explainer explainer;
    private final List<ServingRuntime> runtimes = new ArrayList<>();
    private final List<ServingRuntimeResource> servingRuntimes = new ArrayList<>();
    private final List<Object> runtimeOptions = new ArrayList<>();
    private StorageOptions storage = StorageOptions.ofDefaults();
    private @Nullable Executor executor;
    private Clock clock = Clock.system();
    private @Nullable Scheduler scheduler;
    private int activatorQueueCapacity = 10_000;
    private boolean allowCpuFallback;
    private @Nullable GpuDiscovery gpuDiscovery;

    private Builder() {}

    /**
     * Whether a predictor that asks for {@code nvidia.com/gpu} may be served on the CPU when no GPU
     * can be used (no driver, no device, no GPU build of the runtime): one warning is logged and
     * the service runs on the CPU. The annotation {@code serving.kserve4j.io/gpu-fallback: cpu}
     * allows the same from the spec. By default not allowed: {@link #build()} throws.
     */
    public Builder allowCpuFallback(boolean allow) {
      this.allowCpuFallback = allow;
      return this;
    }

    /**
     * Where GPUs are found for a predictor that asks for one. By default {@link
     * GpuDiscovery#system()} (the CUDA runtime through the javacpp CUDA presets); tests pass {@link
     * GpuDiscovery#of(List)}.
     */
    public Builder gpuDiscovery(GpuDiscovery discovery) {
      this.gpuDiscovery = discovery;
      return this;
    }

    /**
     * How many requests may wait for a replica (while scaling from zero, or with every slot busy)
     * before more are refused with 503 (429 once maxReplicas is reached). By default 10,000, as
     * Knative's activator.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder activatorQueueCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException(
            "activatorQueueCapacity = " + capacity + ": must be >= 0");
      }
      this.activatorQueueCapacity = capacity;
      return this;
    }

    /**
     * The clock autoscaling, batching and timeouts read. By default the system clock; tests pass a
     * {@link io.kserve4j.autoscale.VirtualTime}.
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Where replicas load, autoscaler ticks and batch deadlines run. By default daemon threads of
     * the service; tests pass a {@link io.kserve4j.autoscale.VirtualTime}.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Starts from a KServe InferenceService (e.g. read with {@link KServeYaml}). */
    public Builder resource(InferenceServiceResource resource) {
      this.resource = resource;
      return this;
    }

    /** The service's name. Required unless a resource gives it. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The service's namespace. By default the resource's, else {@code default}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** The predictor. Required unless a resource gives it; overrides the resource's. */
    public Builder predictor(Predictor predictor) {
      this.predictor = predictor;
      return this;
    }

    /** A transformer around the predictor. By default the resource's, if it names a class. */
    public Builder transformer(Transformer transformer) {
      this.transformer = transformer;
      return this;
    }

    /** An explainer. By default the resource's, if it names a class. */
    public Builder explainer(Explainer explainer) {
      this.explainer = explainer;
      return this;
    }

    /** Adds a runtime beside those {@link java.util.ServiceLoader} finds. */
    public Builder runtime(ServingRuntime runtime) {
      runtimes.add(runtime);
      return this;
    }

    /** Adds a ServingRuntime or ClusterServingRuntime for runtime selection. */
    public Builder servingRuntime(ServingRuntimeResource runtime) {
      servingRuntimes.add(runtime);
      return this;
    }

    /** Adds ServingRuntimes and ClusterServingRuntimes for runtime selection. */
    public Builder servingRuntimes(List<ServingRuntimeResource> runtimes) {
      servingRuntimes.addAll(runtimes);
      return this;
    }

    /**
     * Adds an option for the runtime, e.g. {@link
     * io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions}. By default each runtime uses its own
     * defaults.
     */
    public Builder runtimeOption(Object option) {
      runtimeOptions.add(option);
      return this;
    }

    /** Where storage URIs point. By default {@link StorageOptions#ofDefaults()}. */
    public Builder storage(StorageOptions storage) {
      this.storage = storage;
      return this;
    }

    /** The executor for {@link #predictAsync}. By default a shared pool of daemon threads. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Validates the spec, selects the runtime, resolves storage and loads the model.
     *
     * @throws SpecValidationException if the spec breaks KServe's rules (every violation listed),
     *     no runtime serves the model, the storage URI cannot be used, or the predictor asks for a
     *     GPU that cannot be used here and the CPU fallback is not allowed (the message says why:
     *     no driver, no device, or which artifact is missing) or that has no room for its memory
     *     limit
     * @throws io.kserve4j.protocol.ModelFailureException if the runtime fails to load the model
     */
    public InferenceService build() {
      InferenceServiceResource r = compose();
      String subject = "InferenceService '" + r.name() + "'";
      PredictorSpec p = r.spec().predictor();
      ModelSpec declared = p.model();
      // Choose the runtime first and let it start slow work (native libraries) in the background
      // while the spec is validated; a selection problem is reported after the spec's own.
      RuntimeSelector.Selection chosen = null;
      SpecValidationException selectionProblem = null;
      if (declared != null) {
        try {
          chosen =
              new RuntimeSelector(RuntimeSelector.discover(runtimes), servingRuntimes)
                  .select(subject, r.metadata().namespaceOrDefault(), declared);
          chosen.runtime().prepare();
        } catch (SpecValidationException problem) {
          selectionProblem = problem;
        }
      }
      r.validate();
      if (declared == null) {
        throw new SpecValidationException(
            subject,
            List.of(
                new Violation(
                    "spec.predictor.model",
                    null,
                    "kserve4j serves predictors given as a model (or a framework shortcut such as"
                        + " sklearn:); custom containers cannot run in a JVM",
                    "use model: {modelFormat: {name: onnx}, storageUri: ...}, or"
                        + " Predictor.function(...) for Java code")));
      }
      if (selectionProblem != null || chosen == null) {
        throw Objects.requireNonNull(selectionProblem);
      }
      ModelSpec modelSpec = declared;
      RuntimeSelector.Selection selection = chosen;
      String uri = modelSpec.storageUri();
      Path path =
          uri == null || selection.runtime().name().equals(JavaServingRuntime.NAME)
              ? null
              : new StorageResolver(storage, subject, "spec.predictor.model.storageUri")
                  .resolve(uri);
      Map<String, String> annotations = new LinkedHashMap<>(r.metadata().annotations());
      annotations.putAll(p.component().annotations());
      List<Object> options = new ArrayList<>(runtimeOptions);
      if (predictor != null && predictor.function() != null) {
        options.add(Objects.requireNonNull(predictor.function()));
      }
      if (predictor != null && predictor.signature() != null) {
        options.add(Objects.requireNonNull(predictor.signature()));
      }
      Transformer t = transformer(r, subject);
      Explainer e = explainer(r, subject);
      ScalingPlan plan =
          ScalingPlan.of(
              r.name(), "spec.predictor", p.component(), annotations, r.deploymentMode());
      ServingRuntime runtime = selection.runtime();
      GpuRequest gpu =
          GpuRequest.read(
              subject, modelSpec, annotations, allowCpuFallback, cudaOption(runtimeOptions));
      GpuPlacement placement = gpu.gpus() > 0 ? placement(subject, r.name(), runtime, gpu) : null;
      ModelContext context = new ModelContext(r.name(), modelSpec, path, annotations, options);
      Replicas replicas = new Replicas(runtime, context, placement, gpu.cuda());
      long start = System.nanoTime();
      Model first = replicas.first(subject);
      LOG.log(
          Level.INFO,
          "InferenceService {0}: loaded {1} model{2} with {3} in {4} ms",
          r.name(),
          modelSpec.modelFormat().name(),
          path == null ? "" : " from " + path,
          selection.runtimeName(),
          (System.nanoTime() - start) / 1_000_000);
      ModelMetadata metadata = first.metadata();
      Scheduler sched = scheduler != null ? scheduler : Scheduler.system("kserve4j-" + r.name());
      PoolAutoscaler[] autoscalerRef = new PoolAutoscaler[1];
      ReplicaPool<Model> pool =
          ReplicaPool.builder("InferenceService " + r.name(), replicas)
              .containerConcurrency(plan.containerConcurrency())
              .queueCapacity(activatorQueueCapacity)
              .countsAsFailure(PoolLink::countsAgainstReplica)
              .isAlive(Model::isAlive)
              .scheduler(sched)
              .onDemandAtZero(
                  () -> {
                    PoolAutoscaler a = autoscalerRef[0];
                    if (a != null) {
                      a.demandAtZero();
                    }
                  })
              .limitNote(
                  () -> {
                    PoolAutoscaler a = autoscalerRef[0];
                    return a == null ? null : a.limitNote();
                  })
              .build();
      AutoscalerSettings settings = plan.settings();
      PoolAutoscaler autoscaler = null;
      if (settings != null && settings.initialScale() == 0 && settings.minScale() == 0) {
        replicas.close(first); // initial scale 0: start at zero; the first load only checked it
      } else {
        pool.adopt(first);
      }
      if (settings != null) {
        autoscaler =
            new PoolAutoscaler("InferenceService " + r.name(), pool, settings, clock, sched);
        autoscalerRef[0] = autoscaler;
        autoscaler.start();
      } else {
        pool.scaleTo(plan.fixedReplicas());
      }
      Link predictor = new PoolLink(r.name(), pool, plan.requestTimeout());
      Batcher<InferRequest, InferResponse> batcher = null;
      BatcherSpec batch = p.component().batcher();
      if (batch != null) {
        Integer maxBatchSize = batch.maxBatchSize();
        Integer maxLatency = batch.maxLatency();
        Integer batchTimeout = batch.timeout();
        batcher =
            Batcher.<InferRequest, InferResponse>builder(
                    "InferenceService " + r.name(), BatchingLink.runner(predictor))
                .maxBatchSize(
                    maxBatchSize == null ? BatcherSpec.DEFAULT_MAX_BATCH_SIZE : maxBatchSize)
                .maxLatency(
                    Duration.ofMillis(
                        maxLatency == null ? BatcherSpec.DEFAULT_MAX_LATENCY_MS : maxLatency))
                .timeout(batchTimeout == null ? null : Duration.ofSeconds(batchTimeout))
                .key(TensorBatching::key)
                .instances(TensorBatching::rows)
                // Batches that may run at once: one per free slot; with unlimited concurrency a
                // replica runs as many batches as the machine has cores (ONNX Runtime sessions
                // are thread-safe).
                .parallelism(
                    () ->
                        pool.readyReplicas()
                            * (plan.containerConcurrency() > 0
                                ? plan.containerConcurrency()
                                : Runtime.getRuntime().availableProcessors()))
                .scheduler(sched)
                .build();
        predictor = new BatchingLink(r.name(), metadata.inputs(), batcher);
      }
      Link explain = e == null ? null : new ExplainerLink(r.name(), e, predictor);
      if (t != null) {
        predictor = new TransformerLink(r.name(), t, predictor);
        explain = explain == null ? null : new TransformerLink(r.name(), t, explain);
      }
      Executor exec = executor != null ? executor : AsyncExecutor.shared();
      return new InferenceService(
          r,
          selection.runtimeName(),
          metadata,
          pool,
          autoscaler,
          batcher,
          predictor,
          explain,
          exec,
          scheduler == null ? sched : null,
          placement);
    }

    private static @Nullable CudaOptions cudaOption(List<Object> options) {
      for (Object o : options) {
        if (o instanceof CudaOptions c) {
          return c;
        }
      }
      return null;
    }

    /**
     * The placement for a predictor that asks for a GPU, or {@code null} to serve on the CPU when
     * no GPU can be used and the fallback is allowed (one warning).
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
      GpuDiscovery discovery = gpuDiscovery != null ? gpuDiscovery : GpuDiscovery.system();
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

    private InferenceServiceResource compose() {
      InferenceServiceResource base = resource;
      if (base == null) {
        if (name == null || predictor == null) {
          throw new SpecValidationException(
              "InferenceService",
              List.of(
                  new Violation(
                      name == null ? "metadata.name" : "spec.predictor",
                      null,
                      "is required",
                      "call builder().name(...).predictor(...), or start from resource(...)")));
        }
        base =
            InferenceServiceResource.of(
                name, new InferenceServiceSpec(predictor.spec(), null, null, Map.of()));
      }
      ObjectMeta meta = base.metadata();
      if (name != null || namespace != null) {
        meta =
            new ObjectMeta(
                name != null ? name : meta.name(),
                namespace != null ? namespace : meta.namespace(),
                meta.labels(),
                meta.annotations(),
                meta.extra());
      }
      InferenceServiceSpec spec = base.spec();
      PredictorSpec p = predictor != null ? predictor.spec() : spec.predictor();
      TransformerSpec ts = spec.transformer();
      if (transformer != null && ts == null) {
        ts = new TransformerSpec(ComponentExtensionSpec.empty(), Map.of());
      }
      ExplainerSpec es = spec.explainer();
      if (explainer != null && es == null) {
        es = new ExplainerSpec(ComponentExtensionSpec.empty(), Map.of());
      }
      return new InferenceServiceResource(
          base.apiVersion(),
          base.kind(),
          meta,
          new InferenceServiceSpec(p, ts, es, spec.extra()),
          base.extra());
    }

    private @Nullable Transformer transformer(InferenceServiceResource r, String subject) {
      if (transformer != null) {
        return transformer;
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
      if (explainer != null) {
        return explainer;
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
      this.context = placement == null ? context : context.withOptions(List.of(cuda));
    }

    /** The first replica, loaded at build: a placement refusal is a spec problem. */
    Model first(String subject) {
      try {
        return create();
      } catch (GpuPlacement.NoRoomException e) {
        throw new SpecValidationException(
            subject,
            List.of(
                new Violation(
                    "spec.predictor.annotations[" + CudaOptions.MEMORY_LIMIT_ANNOTATION + "]",
                    context.option(CudaOptions.class) == null
                        ? null
                        : java.util.Objects.requireNonNull(context.option(CudaOptions.class))
                            .memoryLimit(),
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
        Model model = runtime.load(context.withOptions(List.of(device)));
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
