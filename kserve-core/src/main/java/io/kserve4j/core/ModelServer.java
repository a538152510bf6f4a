package io.kserve4j.core;

import io.kserve4j.autoscale.Scheduler;
import io.kserve4j.core.internal.AsyncExecutor;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ServerMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The in-JVM namespace of named {@link InferenceService}s, answering by model name as KServe's
 * model server does: an unknown name is a 404 ({@link ModelNotFoundException}). Closing the server
 * closes every service in it. Thread-safe.
 *
 * <p>The server owns the threads its services share: one scheduler (a timer thread and loader
 * threads) and one executor for {@code predictAsync}, however many services it holds. Services made
 * with {@link #serviceBuilder()} or read by {@link #fromYaml} use them.
 */
public final class ModelServer implements InferenceHandler, AutoCloseable {
  /** The name the server reports in its v2 metadata. */
  public static final String SERVER_NAME = "kserve4j";

  /** The kserve4j version the server reports. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  private final ConcurrentMap<String, InferenceService> services = new ConcurrentHashMap<>();
  private final Scheduler scheduler = Scheduler.system("kserve4j-server");
  private final ExecutorService executor = AsyncExecutor.create("kserve4j-server-async");

  /** An empty server, with its threads. */
  public ModelServer() {}

  /**
   * A builder for a service that runs on this server's threads; add what it builds with {@link
   * #add}.
   */
  public InferenceService.Builder serviceBuilder() {
    return InferenceService.builder().scheduler(scheduler).executor(executor);
  }

  /**
   * A server with every InferenceService in these KServe YAML files; the ServingRuntimes in all
   * files take part in runtime selection for all services.
   *
   * @throws io.kserve4j.core.spec.SpecValidationException if a file is broken or a service cannot
   *     be built; services already built are closed
   */
  public static ModelServer fromYaml(Path... files) {
    return fromYaml(StorageOptions.ofDefaults(), files);
  }

  /**
   * As {@link #fromYaml(Path...)}, with storage options of the caller's (a class loader for {@code
   * classpath:} URIs, storage providers); relative paths still resolve against each file's
   * directory.
   *
   * @throws io.kserve4j.core.spec.SpecValidationException as {@link #fromYaml(Path...)}
   */
  public static ModelServer fromYaml(StorageOptions base, Path... files) {
    List<ServingRuntimeResource> runtimes = new ArrayList<>();
    List<KServeDocuments> all = new ArrayList<>();
    for (Path f : files) {
      KServeDocuments docs = KServeYaml.read(f);
      all.add(docs);
      runtimes.addAll(docs.servingRuntimes());
    }
    ModelServer server = new ModelServer();
    try {
      for (int i = 0; i < files.length; i++) {
        StorageOptions storage = InferenceService.storageBeside(files[i], base);
        for (InferenceServiceResource r : all.get(i).inferenceServices()) {
          server.add(
              server
                  .serviceBuilder()
                  .resource(r)
                  .servingRuntimes(runtimes)
                  .storage(storage)
                  .build());
        }
      }
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Adds a service under its name.
   *
   * @throws IllegalStateException if a service of that name is already here
   */
  public ModelServer add(InferenceService service) {
    InferenceService previous = services.putIfAbsent(service.name(), service);
    if (previous != null) {
      throw new IllegalStateException(
          "a service named '" + service.name() + "' is already served (remove it first)");
    }
    return this;
  }

  /**
   * Applies {@code spec} as {@code kubectl apply} would: a service of that name is updated ({@link
   * InferenceService#update}), else a new one is built on this server's threads and added.
   *
   * @param storage where the new service's storage URIs point (an existing service keeps its own)
   * @return completes once traffic reflects the spec, or exceptionally as {@link
   *     InferenceService#update} does
   * @throws io.kserve4j.core.spec.SpecValidationException if the spec breaks KServe's rules, or a
   *     new service cannot be built
   */
  public java.util.concurrent.CompletableFuture<ServiceStatus> apply(
      InferenceServiceResource spec,
      List<ServingRuntimeResource> runtimes,
      StorageOptions storage) {
    InferenceService existing = services.get(spec.name());
    if (existing != null) {
      return existing.update(spec);
    }
    InferenceService built =
        serviceBuilder().resource(spec).servingRuntimes(runtimes).storage(storage).build();
    add(built);
    return java.util.concurrent.CompletableFuture.completedFuture(built.status());
  }

  /** Removes the service called {@code name} without closing it; {@code null} if none. */
  public @Nullable InferenceService remove(String name) {
    return services.remove(name);
  }

  /**
   * The service called {@code name}.
   *
   * @throws ModelNotFoundException (404) if there is none; the message lists the models served
   */
  public InferenceService service(String name) {
    InferenceService s = services.get(name);
    if (s == null) {
      throw new ModelNotFoundException(
          name, "no such model is served here (models: " + names() + ")");
    }
    return s;
  }

  /** The names of the services, sorted. */
  public Set<String> names() {
    return new TreeSet<>(services.keySet());
  }

  /**
   * Runs a prediction on the model called {@code modelName}.
   *
   * @throws ModelNotFoundException (404) if there is none
   * @throws io.kserve4j.protocol.InferenceException as {@link InferenceService#predict}
   */
  public InferResponse predict(String modelName, InferRequest request) {
    return service(modelName).predict(request);
  }

  /**
   * Runs a prediction with headers on the model called {@code modelName}.
   *
   * @throws ModelNotFoundException (404) if there is none
   */
  public InferResponse predict(
      String modelName, InferRequest request, Map<String, String> headers) {
    return service(modelName).predict(request, headers);
  }

  /**
   * Runs a prediction with the call's options on the model called {@code modelName}.
   *
   * @throws ModelNotFoundException (404) if there is none, or no revision has the tag asked for
   */
  public InferResponse predict(String modelName, InferRequest request, CallOptions options) {
    return service(modelName).predict(request, options);
  }

  /**
   * The v2 metadata of the model called {@code modelName}.
   *
   * @throws ModelNotFoundException (404) if there is none
   */
  public ModelMetadata metadata(String modelName) {
    return service(modelName).metadata();
  }

  /**
   * Whether the model called {@code modelName} is ready.
   *
   * @throws ModelNotFoundException (404) if there is none
   */
  public boolean isReady(String modelName) {
    return service(modelName).isReady();
  }

  /** Always ready: each model reports its own readiness. */
  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public ServerMetadata serverMetadata() {
    return new ServerMetadata(SERVER_NAME, VERSION, List.of());
  }

  @Override
  public List<String> modelNames() {
    return List.copyOf(names());
  }

  @Override
  public ModelMetadata modelMetadata(String model) {
    return metadata(model);
  }

  @Override
  public boolean isModelReady(String model) {
    return isReady(model);
  }

  @Override
  public InferResponse infer(String model, InferRequest request, Map<String, String> headers) {
    return service(model).predict(request, headers);
  }

  @Override
  public InferResponse infer(
      String model, String tag, InferRequest request, Map<String, String> headers) {
    return service(model).predict(request, CallOptions.builder().headers(headers).tag(tag).build());
  }

  @Override
  public InferResponse explain(String model, InferRequest request, Map<String, String> headers) {
    return service(model).explain(request, headers);
  }

  /** Closes and removes every service, then stops the server's threads. */
  @Override
  public void close() {
    for (String name : List.copyOf(services.keySet())) {
      InferenceService s = services.remove(name);
      if (s != null) {
        s.close();
      }
    }
    scheduler.close();
    executor.shutdown();
  }
}
