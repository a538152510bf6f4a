package io.kserve4j.cli;

import io.kserve4j.core.ModelServer;
import io.kserve4j.server.grpc.GrpcServer;
import io.kserve4j.server.rest.RestServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j serve FILE.yaml… [--http-port N] [--grpc-port N]}: serves every InferenceService
 * of the files over KServe's v1/v2 REST and v2 gRPC until stopped.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve every InferenceService in the files over REST (v1, v2) and gRPC (v2).")
final class ServeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE.yaml", description = "KServe YAML files")
  List<Path> files = new ArrayList<>();

  @Option(names = "--http-port", description = "REST port (default ${DEFAULT-VALUE}; 0 picks one)")
  int httpPort = 8080;

  @Option(names = "--grpc-port", description = "gRPC port (default ${DEFAULT-VALUE}; 0 picks one)")
  int grpcPort = 8081;

  @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
  String host = "0.0.0.0";

  @Option(
      names = "--watch",
      description =
          "re-read the files when they change and apply them as kubectl apply would: a new"
              + " revision per changed service, new services started, removed ones drained")
  boolean watch;

  @CommandLine.Mixin StorageMixin storage = new StorageMixin();

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<AutoCloseable> running = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = Cli.out(spec);
    ModelServer models = ModelServer.fromYaml(storage.options(), files.toArray(new Path[0]));
    RestServer rest;
    GrpcServer grpc;
    synchronized (running) {
      running.add(models);
      rest = RestServer.builder(models).host(host).port(httpPort).build().start();
      running.add(0, rest);
      grpc = GrpcServer.builder().handler(models).host(host).port(grpcPort).build().start();
      running.add(0, grpc);
    }
    if (watch) {
      try {
        Watcher w = new Watcher(files, models, storage.options(), out).start();
        synchronized (running) {
          running.add(0, w);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot watch " + files, e);
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "kserve4j-shutdown"));
    String where = host.equals("0.0.0.0") ? "localhost" : host;
    for (String name : models.names()) {
      out.println(
          "serving model "
              + name
              + " at http://"
              + where
              + ":"
              + rest.port()
              + "/v2/models/"
              + name
              + "/infer (v1: /v1/models/"
              + name
              + ":predict, gRPC: "
              + where
              + ":"
              + grpc.port()
              + ")");
    }
    out.flush();
    stopped.await();
    return 0;
  }

  /** Stops the servers (REST, gRPC) and closes the models; {@link #call} then returns. */
  void stop() {
    synchronized (running) {
      for (AutoCloseable c : running) {
        try {
          c.close();
        } catch (Exception e) {
          System.getLogger(ServeCommand.class.getName())
              .log(System.Logger.Level.WARNING, "closing " + c + " failed", e);
        }
      }
      running.clear();
    }
    stopped.countDown();
  }
}
