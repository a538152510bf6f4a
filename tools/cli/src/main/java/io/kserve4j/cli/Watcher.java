package io.kserve4j.cli;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.ModelServer;
import io.kserve4j.core.ServiceStatus;
import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.SpecValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve --watch}: re-reads the files when one changes and applies them as {@code kubectl
 * apply} would: a new revision for each changed service, new services started, removed ones drained
 * and closed. A file that does not read, or breaks KServe's rules, is reported and changes nothing.
 */
final class Watcher implements AutoCloseable {
  private final List<Path> files;
  private final ModelServer models;
  private final StorageOptions storage;
  private final PrintWriter out;
  private final WatchService watch;
  private final Thread thread;
  private final Set<String> served = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Watcher(List<Path> files, ModelServer models, StorageOptions storage, PrintWriter out)
      throws IOException {
    this.files = List.copyOf(files);
    this.models = models;
    this.storage = storage;
    this.out = out;
    this.served.addAll(models.names());
    this.watch = FileSystems.getDefault().newWatchService();
    Set<Path> dirs = new HashSet<>();
    for (Path f : files) {
      Path dir = f.toAbsolutePath().getParent();
      if (dir != null && dirs.add(dir)) {
        dir.register(
            watch,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    }
    this.thread = new Thread(this::loop, "kserve4j-watch");
    this.thread.setDaemon(true);
  }

  /** Starts watching. */
  Watcher start() {
    thread.start();
    return this;
  }

  private void loop() {
    Set<Path> names = new HashSet<>();
    for (Path f : files) {
      names.add(f.toAbsolutePath().normalize());
    }
    try {
      while (true) {
        WatchKey key = watch.take();
        boolean ours = false;
        do {
          Path dir = (Path) key.watchable();
          for (var event : key.pollEvents()) {
            Object context = event.context();
            if (context instanceof Path p && names.contains(dir.resolve(p).normalize())) {
              ours = true;
            }
          }
          key.reset();
          // An editor's save is several events: take those that follow closely together.
          key = watch.poll(100, TimeUnit.MILLISECONDS);
        } while (key != null);
        if (ours) {
          apply();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // stopped
    }
  }

  /** Re-reads every file and applies it; a broken file changes nothing. */
  void apply() {
    Map<InferenceServiceResource, StorageOptions> wanted = new LinkedHashMap<>();
    List<ServingRuntimeResource> runtimes = new ArrayList<>();
    for (Path f : files) {
      KServeDocuments docs;
      try {
        docs = KServeYaml.read(f);
        for (InferenceServiceResource r : docs.inferenceServices()) {
          r.validate();
        }
      } catch (SpecValidationException | UncheckedIOException e) {
        out.println("kserve4j: " + f + " not applied, nothing changed: " + e.getMessage());
        out.flush();
        return;
      }
      runtimes.addAll(docs.servingRuntimes());
      Path dir = f.toAbsolutePath().getParent();
      for (InferenceServiceResource r : docs.inferenceServices()) {
        wanted.put(r, dir == null ? storage : storage.withBaseDir(dir));
      }
    }
    Set<String> names = new HashSet<>();
    for (Map.Entry<InferenceServiceResource, StorageOptions> e : wanted.entrySet()) {
      InferenceServiceResource r = e.getKey();
      names.add(r.name());
      boolean existing = served.contains(r.name());
      if (existing && models.service(r.name()).resource().equals(r)) {
        continue;
      }
      try {
        models
            .apply(r, runtimes, e.getValue())
            .whenComplete((status, failure) -> report(r.name(), existing, status, failure));
      } catch (RuntimeException failure) {
        report(r.name(), existing, null, failure);
      }
    }
    for (String gone : new ArrayList<>(served)) {
      if (!names.contains(gone)) {
        InferenceService removed = models.remove(gone);
        served.remove(gone);
        if (removed != null) {
          removed.close(); // drains the calls in flight first
          say("removed model " + gone);
        }
      }
    }
  }

  private void report(
      String name,
      boolean existing,
      @org.jspecify.annotations.Nullable ServiceStatus status,
      @org.jspecify.annotations.Nullable Throwable failure) {
    if (failure != null || status == null) {
      Throwable cause =
          failure == null ? null : failure.getCause() != null ? failure.getCause() : failure;
      say("model " + name + " not changed: " + (cause == null ? "no status" : cause.getMessage()));
      return;
    }
    served.add(name);
    say(
        (existing ? "updated model " : "added model ")
            + name
            + ": "
            + (status.stopped()
                ? "stopped"
                : "revision " + status.latestReadyRevision() + " ready"));
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      watch.close();
    } catch (IOException e) {
      // nothing more to stop
    }
  }
}
