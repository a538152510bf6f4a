package io.kserve4j.core;

import io.kserve4j.autoscale.Clock;
import io.kserve4j.autoscale.Scheduler;
import io.kserve4j.core.gpu.GpuDiscovery;
import io.kserve4j.core.internal.AsyncExecutor;
import io.kserve4j.core.internal.Gate;
import io.kserve4j.core.internal.JavaPredictor;
import io.kserve4j.core.internal.Revision;
import io.kserve4j.core.internal.RevisionAssembler;
import io.kserve4j.core.internal.Rollout;
import io.kserve4j.core.internal.Router;
import io.kserve4j.core.internal.ServiceConfig;
import io.kserve4j.core.internal.SharedThreads;
import io.kserve4j.core.runtime.RuntimeOptions;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.ExplainerSpec;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.TransformerSpec;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
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
 * <p>A service is a router over revisions, as a KServe InferenceService is over Knative revisions:
 * each revision ({@code <name>-predictor-00001}) is one immutable deployment of the spec with its
 * runtime, replica pool, autoscaler, batcher and transformer. A call passes the service's {@link
 * Interceptor}s, then the router picks a revision by tag or traffic share, then the revision's
 * chain runs: transformer preprocess, batcher, replica pool, model, transformer postprocess. The
 * first replica is loaded when the service is built; the service is then ready until {@link
 * #close()}. Thread-safe: call {@code predict} from any number of threads.
 *
 * <p>A predictor whose model asks for {@code nvidia.com/gpu} in {@code resources.limits} runs each
 * replica on a CUDA device (see {@code docs/gpu.md}); without a usable GPU the service is not built
 * unless the CPU fallback is allowed.
 */
public final class InferenceService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InferenceService.class.getName());
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Interceptor[] NO_INTERCEPTORS = new Interceptor[0];

  private final String name;
  private final Rollout rollout;
  private final Router router;
  private final Interceptor[] interceptors;
  private final Clock clock;
  private final Executor executor;
  private final Gate gate = new Gate();
  private final BiFunction<InferRequest, CallContext, InferResponse> route = this::route;
  private volatile @Nullable Mirror mirror;

  private InferenceService(
      Rollout rollout, Interceptor[] interceptors, Clock clock, Executor executor) {
    this.rollout = rollout;
    this.name = rollout.spec().name();
    this.router = rollout.router();
    this.interceptors = interceptors;
    this.clock = clock;
    this.executor = executor;
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
    return fromYaml(file, name, StorageOptions.ofDefaults());
  }

  /**
   * As {@link #fromYaml(Path, String)}, with storage options of the caller's (a class loader for
   * {@code classpath:} URIs, storage providers); relative paths still resolve against the file's
   * directory.
   *
   * @throws SpecValidationException as {@link #fromYaml(Path, String)}
   */
  public static InferenceService fromYaml(
      Path file, @Nullable String name, StorageOptions storage) {
    KServeDocuments docs = KServeYaml.read(file);
    return builder()
        .resource(pick(docs, name, file.toString()))
        .servingRuntimes(docs.servingRuntimes())
        .storage(storageBeside(file, storage))
        .build();
  }

  /**
   * Builds the one InferenceService in the KServe YAML at {@code location}: a file path, or {@code
   * classpath:name} for a resource of the application (the thread's context class loader), e.g.
   * {@code fromYaml("classpath:sklearn-iris.yaml")} for {@code
   * src/main/resources/sklearn-iris.yaml}.
   *
   * @throws SpecValidationException as {@link #fromYaml(Path)}, or if there is no such resource
   */
  public static InferenceService fromYaml(String location) {
    return fromYaml(location, null);
  }

  /**
   * Builds the InferenceService called {@code name} from the KServe YAML at {@code location} (a
   * file path, or {@code classpath:name}).
   *
   * @param name the service to build, or {@code null} if the YAML holds exactly one
   * @throws SpecValidationException as {@link #fromYaml(String)}, or if no service has that name
   */
  public static InferenceService fromYaml(String location, @Nullable String name) {
    if (!location.startsWith("classpath:")) {
      return fromYaml(Path.of(location), name);
    }
    String resource = location.substring("classpath:".length());
    if (resource.startsWith("/")) {
      resource = resource.substring(1);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    URL url =
        (loader != null ? loader : InferenceService.class.getClassLoader()).getResource(resource);
    if (url == null) {
      throw new SpecValidationException(
          location,
          List.of(
              new Violation(
                  location,
                  null,
                  "no such resource on the class path",
                  "put the YAML under src/main/resources/"
                      + resource
                      + " (or src/test/resources/)")));
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return fromYaml(Path.of(url.toURI()), name);
      }
      try (InputStream in = url.openStream()) {
        KServeDocuments docs =
            KServeYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
        return builder()
            .resource(pick(docs, name, location))
            .servingRuntimes(docs.servingRuntimes())
            .build();
      }
    } catch (IOException | URISyntaxException e) {
      throw new SpecValidationException(
          location,
          new Violation(location, null, "cannot be read: " + e.getMessage(), "check the resource"),
          e);
    }
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

  /** The service as a KServe resource (the spec applied last), ready to export to YAML. */
  public InferenceServiceResource resource() {
    return rollout.spec();
  }

  /**
   * The name of the (Cluster)ServingRuntime chosen for the predictor of the revision taking most
   * traffic.
   *
   * @throws ModelNotReadyException (503) while the service is stopped
   */
  public String runtimeName() {
    return router.primary().runtimeName();
  }

  /**
   * Whether the service answers: from build until {@link #close()}, unless it is stopped ({@code
   * serving.kserve.io/stop: "true"}).
   */
  public boolean isReady() {
    return !gate.isClosed() && !rollout.isStopped();
  }

  /**
   * Applies a changed spec as {@code kubectl apply} does on a cluster. A changed predictor (or
   * transformer, explainer, or an annotation that shapes the revision) makes a new revision, {@code
   * <name>-predictor-0000N}, which loads in the background while the current revisions serve;
   * traffic moves to it only once it is ready, by the predictor's {@code canaryTrafficPercent}
   * (that share to the new revision, the rest to the last rolled-out one, tagged {@code prev};
   * unset or 100 promotes, 0 rolls back). A change of {@code canaryTrafficPercent} or of {@code
   * serving.kserve.io/enable-tag-routing} alone only moves traffic; {@code serving.kserve.io/stop:
   * "true"} stops the service (503) and removing it resumes. A revision that fails to load leaves
   * the old ones serving; {@link #status()} says why. No call is lost or answered twice: calls
   * routed to a revision that is replaced finish there, and the old revision then closes.
   *
   * @param spec the new spec, for the same service name
   * @return completes with the service's status once traffic reflects the spec, or exceptionally
   *     with the reason the new revision failed to load
   * @throws SpecValidationException if the new spec breaks KServe's rules (nothing changes)
   * @throws IllegalArgumentException if it names another service
   */
  public CompletableFuture<ServiceStatus> update(InferenceServiceResource spec) {
    spec.validate();
    return rollout.update(spec).thenApply(revision -> status());
  }

  /**
   * The service's state now: ready, replicas ready, desired, starting and draining, the
   * autoscaler's panic mode, requests in flight and queued in the activator, the device of each
   * replica, why the last replica that failed to start did, and the same for each revision.
   */
  public ServiceStatus status() {
    return ServiceStatus.of(isReady(), router.status(), rollout.state());
  }

  /**
   * The predictor's v2 metadata under the service's name. For a service on GPUs the parameter
   * {@code device} names the devices its replicas run on now, e.g. {@code cuda:0,cuda:1}; an ONNX
   * model on the CPU says {@code cpu}.
   */
  public ModelMetadata metadata() {
    return router.primary().metadata();
  }

  /**
   * Runs one prediction.
   *
   * @throws io.kserve4j.protocol.InvalidInputException (400) if the request does not fit the model:
   *     the message names the tensor, what was expected and what came
   * @throws ModelNotReadyException (503) once the service is closed
   * @throws io.kserve4j.protocol.ModelFailureException (500) if the model fails
   * @throws io.kserve4j.protocol.InferenceTimeoutException (504) if no replica takes the call
   *     before its deadline
   * @throws InferenceException for other failures, with KServe's status
   */
  public InferResponse predict(InferRequest request) {
    return call(CallContext.Operation.PREDICT, request, CallOptions.none());
  }

  /**
   * Runs one prediction with the call's headers, which interceptors and the transformer see (names
   * case-insensitive).
   *
   * @throws InferenceException as {@link #predict(InferRequest)}
   */
  public InferResponse predict(InferRequest request, Map<String, String> headers) {
    return call(CallContext.Operation.PREDICT, request, CallOptions.headers(headers));
  }

  /**
   * Runs one prediction with the call's options: headers, the revision tag asked for, a timeout.
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException (404) if no revision has the tag asked for
   * @throws InferenceException as {@link #predict(InferRequest)}
   */
  public InferResponse predict(InferRequest request, CallOptions options) {
    return call(CallContext.Operation.PREDICT, request, options);
  }

  /**
   * Runs one prediction on the service's executor.
   *
   * @return a future that completes with the response, or exceptionally with an {@link
   *     InferenceException} as {@link #predict(InferRequest)}
   */
  public CompletableFuture<InferResponse> predictAsync(InferRequest request) {
    return predictAsync(request, CallOptions.none());
  }

  /**
   * Runs one prediction with the call's options on the service's executor.
   *
   * @return a future that completes with the response, or exceptionally with an {@link
   *     InferenceException} as {@link #predict(InferRequest, CallOptions)}
   */
  public CompletableFuture<InferResponse> predictAsync(InferRequest request, CallOptions options) {
    return CompletableFuture.supplyAsync(() -> predict(request, options), executor);
  }

  /**
   * Explains the predictor's answer with the service's explainer.
   *
   * @throws InferenceException with status NOT_IMPLEMENTED (501) if the service has no explainer,
   *     else as {@link #predict(InferRequest)}
   */
  public InferResponse explain(InferRequest request) {
    return call(CallContext.Operation.EXPLAIN, request, CallOptions.none());
  }

  /**
   * Explains with the call's headers.
   *
   * @throws InferenceException as {@link #explain(InferRequest)}
   */
  public InferResponse explain(InferRequest request, Map<String, String> headers) {
    return call(CallContext.Operation.EXPLAIN, request, CallOptions.headers(headers));
  }

  /**
   * Explains with the call's options.
   *
   * @throws InferenceException as {@link #explain(InferRequest)}
   */
  public InferResponse explain(InferRequest request, CallOptions options) {
    return call(CallContext.Operation.EXPLAIN, request, options);
  }

  private InferResponse call(
      CallContext.Operation operation, InferRequest request, CallOptions options) {
    if (!gate.enter()) {
      throw new ModelNotReadyException(name, "the service is closed");
    }
    if (rollout.isStopped()) {
      gate.exit();
      throw new ModelNotReadyException(
          name, "the service is stopped (remove the annotation serving.kserve.io/stop to resume)");
    }
    try {
      Duration timeout = options.timeout();
      if (timeout == null) {
        timeout = router.primary().timeout();
      }
      CallContext context =
          new CallContext(
              name,
              operation,
              options.headers(),
              options.tag(),
              clock,
              clock.nanoTime() + timeout.toNanos());
      InferResponse response =
          interceptors.length == 0
              ? route(request, context)
              : new InterceptorChain(interceptors, 0, request, context, route).proceed(request);
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
   * Sends a copy of {@code percent}% of the calls this service answers to the revision {@code
   * target} (its name, or a tag such as {@code latest} or {@code prev}), compares each copy's
   * answer with the one returned (numbers within {@code tolerance}), and counts; the copy's answer
   * is never returned. Copies run on the service's executor after the call is answered, and a call
   * answered by the target itself is not copied. Replaces any mirror set before.
   *
   * @return the mirror, whose {@link Mirror#stats()} a test can assert on
   * @throws IllegalArgumentException if {@code percent} is not 0..100 or the tolerance is negative
   */
  public Mirror mirror(String target, int percent, double tolerance) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent = " + percent + ": must be 0..100");
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance = " + tolerance + ": must be >= 0");
    }
    Mirror m = new Mirror(target, percent, tolerance);
    mirror = m;
    return m;
  }

  /** Stops copying calls; the last mirror keeps its counts. */
  public void stopMirror() {
    mirror = null;
  }

  private void copy(Mirror m, InferRequest request, CallContext context, InferResponse returned) {
    if (m.percent() < 100
        && java.util.concurrent.ThreadLocalRandom.current().nextInt(100) >= m.percent()) {
      return;
    }
    Revision target;
    try {
      target = rollout.mirrorTarget(m.target());
    } catch (InferenceException e) {
      m.failed("no revision " + m.target() + ": " + e.getMessage());
      return;
    }
    if (target.name().equals(context.revision())) {
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              CallContext copy =
                  new CallContext(
                      name,
                      context.operation(),
                      context.headers(),
                      null,
                      clock,
                      clock.nanoTime() + target.timeout().toNanos());
              copy.revision(target.name());
              m.compare(returned, target.predict(request, copy));
            } catch (RuntimeException e) {
              m.failed(String.valueOf(e.getMessage()));
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      m.failed("the executor refused the copy: " + e.getMessage());
    }
  }

  /**
   * The end of the interceptors: the router picks a revision, which runs the call. A revision that
   * closed after it was chosen (a rollout moved traffic meanwhile) sends the call back to the
   * router, so that no call is lost to a rollout.
   */
  private InferResponse route(InferRequest request, CallContext context) {
    for (int attempt = 0; ; attempt++) {
      Revision revision = router.choose(context.tag());
      context.revision(revision.name());
      context.narrowDeadline(revision.timeout());
      try {
        if (context.operation() != CallContext.Operation.PREDICT) {
          return revision.explain(request, context);
        }
        InferResponse response = revision.predict(request, context);
        Mirror m = mirror;
        if (m != null) {
          copy(m, request, context, response);
        }
        return response;
      } catch (Revision.ClosedException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Stops answering, waits up to 30 s for calls in flight, and closes every revision (releasing the
   * models' native resources). Idempotent.
   */
  @Override
  public void close() {
    if (!gate.close()) {
      return;
    }
    boolean drained = gate.awaitIdle(DRAIN_TIMEOUT);
    rollout.close();
    if (drained) {
      LOG.log(Level.INFO, "InferenceService {0}: closed", name);
    } else {
      LOG.log(
          Level.WARNING,
          "InferenceService {0}: closed with calls still in flight after {1}",
          name,
          DRAIN_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "InferenceService{"
        + name
        + ", traffic="
        + router.routes().size()
        + " revision(s), ready="
        + isReady()
        + "}";
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

  /** {@code storage} resolving relative paths against the directory of {@code file}. */
  static StorageOptions storageBeside(Path file, StorageOptions storage) {
    Path dir = file.toAbsolutePath().getParent();
    return dir == null ? storage : storage.withBaseDir(dir);
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
    private final List<RuntimeOptions> runtimeOptions = new ArrayList<>();
    private final List<Interceptor> interceptors = new ArrayList<>();
    private StorageOptions storage = StorageOptions.ofDefaults();
    private @Nullable Executor executor;
    private Clock clock = Clock.system();
    private @Nullable Scheduler scheduler;
    private int activatorQueueCapacity = 10_000;
    private boolean allowCpuFallback;
    private @Nullable GpuDiscovery gpuDiscovery;
    private @Nullable Long trafficSeed;

    private Builder() {}

    /**
     * Seeds the draw that splits traffic between revisions during a canary rollout, so that a test
     * sees the same split every run. By default each thread draws from its own unseeded source.
     */
    public Builder trafficSeed(long seed) {
      this.trafficSeed = seed;
      return this;
    }

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
     * GpuDiscovery#system()} (the artifact {@code kserve4j-cuda}, when present); tests pass {@link
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
     * The clock autoscaling, batching and deadlines read. By default the system clock; tests pass a
     * {@link io.kserve4j.autoscale.VirtualTime}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where replicas load, autoscaler ticks and batch deadlines run. By default one scheduler
     * shared by every service of the JVM (one timer thread and a pool of loader threads, daemon
     * threads); a {@link ModelServer} passes its own; tests pass a {@link
     * io.kserve4j.autoscale.VirtualTime}. The service does not close it.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
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

    /**
     * Adds an interceptor around every call, after those added before (the first added sees the
     * call first). By default there are none.
     */
    public Builder interceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
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
     * Adds typed options for the runtime, e.g. the ONNX Runtime artifact's {@code
     * OnnxRuntimeOptions} or {@link io.kserve4j.core.runtime.CudaOptions}. By default each runtime
     * uses its own defaults.
     */
    public Builder runtimeOptions(RuntimeOptions... options) {
      runtimeOptions.addAll(Arrays.asList(options));
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
     * What serving the spec would fail on at once, without loading the model: KServe's rules, the
     * runtime selection and the storage URI (whether it resolves to an existing file or folder).
     * Empty when {@link #build()} would get as far as loading the model.
     */
    public List<Violation> check() {
      InferenceServiceResource r;
      try {
        r = compose();
      } catch (SpecValidationException e) {
        return e.violations();
      }
      return new RevisionAssembler(config()).check(r);
    }

    /**
     * Validates the spec, selects the runtime, resolves storage and loads the first revision's
     * model. Logs one line when the service is ready.
     *
     * @throws SpecValidationException if the spec breaks KServe's rules (every violation listed),
     *     no runtime serves the model, the storage URI cannot be used, or the predictor asks for a
     *     GPU that cannot be used here and the CPU fallback is not allowed (the message says why:
     *     no driver, no device, or which artifact is missing) or that has no room for its memory
     *     limit
     * @throws io.kserve4j.protocol.ModelFailureException if the runtime fails to load the model
     */
    public InferenceService build() {
      long start = System.nanoTime();
      InferenceServiceResource r = compose();
      ServiceConfig config = config();
      java.util.function.IntUnaryOperator draw;
      if (trafficSeed == null) {
        draw = bound -> java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
      } else {
        java.util.Random seeded = new java.util.Random(trafficSeed);
        draw = seeded::nextInt;
      }
      Rollout rollout = new Rollout(r, new RevisionAssembler(config), config.scheduler(), draw);
      InferenceService service =
          new InferenceService(
              rollout,
              interceptors.isEmpty() ? NO_INTERCEPTORS : interceptors.toArray(NO_INTERCEPTORS),
              clock,
              executor != null ? executor : AsyncExecutor.shared());
      Revision revision = rollout.latestReady();
      if (revision == null) {
        LOG.log(
            Level.INFO, "InferenceService {0}: stopped (serving.kserve.io/stop is true)", r.name());
      } else {
        LOG.log(
            Level.INFO,
            "InferenceService {0}: ready in {1} ms, revision {2}: {3}",
            r.name(),
            (System.nanoTime() - start) / 1_000_000,
            revision.name(),
            revision.description());
      }
      return service;
    }

    private ServiceConfig config() {
      Predictor p = predictor;
      JavaPredictor java = null;
      if (p != null && p.function() != null) {
        java = new JavaPredictor(Objects.requireNonNull(p.function()), p.signature());
      }
      return new ServiceConfig(
          runtimes,
          servingRuntimes,
          runtimeOptions,
          storage,
          clock,
          scheduler != null ? scheduler : SharedThreads.scheduler(),
          activatorQueueCapacity,
          allowCpuFallback,
          gpuDiscovery,
          java,
          transformer,
          explainer);
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
          new InferenceServiceSpec(p, ts, es, spec.canary(), spec.extra()),
          base.extra());
    }
  }
}
