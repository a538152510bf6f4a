package io.kserve4j.core.internal;

import io.kserve4j.autoscale.Scheduler;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.PredictorSpec;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The revisions of one service and the traffic between them, as Knative and KServe's controller
 * keep them (KSERVE-FACTS §h1): each change of the predictor makes a new revision, built in the
 * background while the current ones serve; traffic moves only once it is ready, by {@code
 * canaryTrafficPercent} (the latest ready revision takes that share, the last rolled-out one the
 * rest, tagged {@code prev}); unset or 100 promotes, 0 rolls back. A revision that fails to load
 * changes nothing but the status. A revision that no longer takes traffic is drained and closed.
 * Thread-safe; the routes a call sees are replaced as a whole.
 */
public final class Rollout implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.kserve4j.core.InferenceService");

  /** KServe's annotation that stops a service: not ready, its revisions released. */
  public static final String STOP_ANNOTATION = "serving.kserve.io/stop";

  /** KServe's annotation that gives the latest revision the tag {@code latest}. */
  public static final String TAG_ROUTING_ANNOTATION = "serving.kserve.io/enable-tag-routing";

  private final String name;
  private final RevisionAssembler assembler;
  private final Scheduler scheduler;
  private final Router router;
  private final Object lock = new Object();

  // Guarded by lock.
  private InferenceServiceResource spec;
  private int generation;
  private final Map<String, Revision> live = new LinkedHashMap<>();
  private @Nullable Revision latestReady;
  private @Nullable String latestCreated;
  private @Nullable Revision latestRolledout;
  private @Nullable Retired previousRolledout;
  private @Nullable CompletableFuture<Revision> reviving;
  private @Nullable String lastFailure;
  private boolean stopped;
  private boolean closed;
  private @Nullable CompletableFuture<Revision> building;

  /**
   * Builds the first revision of {@code first} (unless it is stopped) and routes all traffic to it.
   *
   * @param random draws the traffic split: an int in {@code [0, bound)} for a bound
   * @throws io.kserve4j.core.spec.SpecValidationException as {@link RevisionAssembler#assemble}
   */
  public Rollout(
      InferenceServiceResource first,
      RevisionAssembler assembler,
      Scheduler scheduler,
      java.util.function.IntUnaryOperator random) {
    this.name = first.name();
    this.assembler = assembler;
    this.scheduler = scheduler;
    this.spec = first;
    this.stopped = isStopped(first);
    this.router = new Router(name, List.of(), random);
    if (!stopped) {
      Revision r = assembler.assemble(first, ++generation);
      synchronized (lock) {
        latestCreated = r.name();
        ready(r);
      }
    }
  }

  /** The router calls go through. */
  public Router router() {
    return router;
  }

  /** The spec applied last. */
  public InferenceServiceResource spec() {
    synchronized (lock) {
      return spec;
    }
  }

  /** Whether the service is stopped ({@value #STOP_ANNOTATION}). */
  public boolean isStopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  /** The latest revision that became ready, or {@code null} (stopped, or none yet). */
  public @Nullable Revision latestReady() {
    synchronized (lock) {
      return latestReady;
    }
  }

  /** The live revision called {@code name}, or {@code null}. */
  public @Nullable Revision revision(String name) {
    synchronized (lock) {
      return live.get(name);
    }
  }

  /**
   * The revision a mirror copies to: one of the routed revisions by tag ({@code latest}, {@code
   * prev}) or by name, or the latest ready one for {@code latest} even without tag routing.
   *
   * @throws io.kserve4j.protocol.ModelNotFoundException if there is none
   */
  public Revision mirrorTarget(String target) {
    synchronized (lock) {
      Revision byName = live.get(target);
      if (byName != null) {
        return byName;
      }
      if (target.equals("latest") && latestReady != null) {
        return latestReady;
      }
    }
    return router.choose(target);
  }

  /** Where the rollout stands: the revisions KServe's status names, and the last failure. */
  public RolloutState state() {
    synchronized (lock) {
      return new RolloutState(
          latestCreated,
          latestReady == null ? null : latestReady.name(),
          latestRolledout == null ? null : latestRolledout.name(),
          previousRolledout == null ? null : previousRolledout.name(),
          lastFailure,
          stopped);
    }
  }

  /**
   * A revision that no longer runs but may be brought back (a rollback after a promotion), as
   * Knative keeps a revision scaled to zero.
   */
  private record Retired(String name, int generation, InferenceServiceResource spec) {}

  /**
   * What KServe's status names.
   *
   * @param latestCreatedRevision the revision made last (ready or not)
   * @param latestReadyRevision the latest that became ready
   * @param latestRolledoutRevision the one that last took all untagged traffic
   * @param previousRolledoutRevision the one rolled out before it
   * @param lastFailure why the latest created revision failed to load, or {@code null}
   * @param stopped whether the service is stopped
   */
  public record RolloutState(
      @Nullable String latestCreatedRevision,
      @Nullable String latestReadyRevision,
      @Nullable String latestRolledoutRevision,
      @Nullable String previousRolledoutRevision,
      @Nullable String lastFailure,
      boolean stopped) {}

  /**
   * Applies {@code next} as {@code kubectl apply} would: a changed predictor (or transformer,
   * explainer, or an annotation that shapes the revision) makes a new revision, built in the
   * background; a changed {@code canaryTrafficPercent} or tag routing only moves traffic; {@value
   * #STOP_ANNOTATION} stops or resumes.
   *
   * @return completes with the revision that serves the new spec once traffic reflects it (at once
   *     when no new revision is needed), or exceptionally with the reason the new revision failed
   *     to load (the old ones keep serving)
   * @throws IllegalArgumentException if {@code next} names another service
   */
  public CompletableFuture<Revision> update(InferenceServiceResource next) {
    if (!next.name().equals(name)) {
      throw new IllegalArgumentException(
          "the update is for '" + next.name() + "', not '" + name + "' (names cannot change)");
    }
    List<Revision> retired;
    CompletableFuture<Revision> result;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("service " + name + " is closed"));
      }
      InferenceServiceResource previous = spec;
      spec = next;
      boolean stop = isStopped(next);
      if (stop) {
        stopped = true;
        retired = new ArrayList<>(live.values());
        live.clear();
        latestReady = null;
        latestRolledout = null;
        previousRolledout = null;
        router.routes(List.of());
        result = new CompletableFuture<>();
        result.completeExceptionally(new IllegalStateException("service " + name + " is stopped"));
      } else if (stopped || latestReady == null || !sameRevisionTemplate(previous, next)) {
        stopped = false;
        retired = List.of();
        result = build(next);
      } else {
        CompletableFuture<Revision> revival = routeLocked();
        retired = retiredLocked();
        result =
            revival != null
                ? revival
                : CompletableFuture.completedFuture(Objects.requireNonNull(latestReady));
      }
    }
    closeLater(retired);
    return result;
  }

  /** Builds revision n+1 of {@code next} in the background; the last build asked for wins. */
  private CompletableFuture<Revision> build(InferenceServiceResource next) {
    int g = ++generation;
    String revisionName = Revision.name(name, g);
    latestCreated = revisionName;
    lastFailure = null;
    CompletableFuture<Revision> result = new CompletableFuture<>();
    building = result;
    scheduler.execute(
        () -> {
          Revision r;
          try {
            r = assembler.assemble(next, g);
          } catch (RuntimeException | Error e) {
            synchronized (lock) {
              if (revisionName.equals(latestCreated)) {
                lastFailure = String.valueOf(e.getMessage());
              }
            }
            LOG.log(
                Level.WARNING,
                "InferenceService {0}: revision {1} failed to load; the current revisions keep"
                    + " serving: {2}",
                name,
                revisionName,
                e.getMessage());
            result.completeExceptionally(e);
            return;
          }
          List<Revision> retired;
          boolean stale;
          synchronized (lock) {
            stale = closed || stopped || !revisionName.equals(latestCreated);
            if (stale) {
              retired = List.of(r);
            } else {
              ready(r);
              retired = retiredLocked();
            }
          }
          closeLater(retired);
          if (stale) {
            result.completeExceptionally(
                new IllegalStateException(
                    "revision " + revisionName + " was superseded before it became ready"));
          } else {
            LOG.log(
                Level.INFO,
                "InferenceService {0}: revision {1} ready; traffic {2}",
                name,
                revisionName,
                describe(router.routes()));
            result.complete(r);
          }
        });
    return result;
  }

  /** Makes {@code r} the latest ready revision and routes traffic (lock held). */
  private void ready(Revision r) {
    live.put(r.name(), r);
    latestReady = r;
    routeLocked();
  }

  /**
   * Brings the previous rolled-out revision back (a canary share set after a promotion), as Knative
   * scales its revision up from zero; traffic moves to it once it is ready (lock held).
   */
  private CompletableFuture<Revision> revive(Retired previous) {
    CompletableFuture<Revision> pending = reviving;
    if (pending != null) {
      return pending;
    }
    CompletableFuture<Revision> result = new CompletableFuture<>();
    reviving = result;
    scheduler.execute(
        () -> {
          Revision r;
          try {
            r = assembler.assemble(previous.spec(), previous.generation());
          } catch (RuntimeException | Error e) {
            synchronized (lock) {
              reviving = null;
            }
            result.completeExceptionally(e);
            return;
          }
          List<Revision> retired;
          synchronized (lock) {
            reviving = null;
            if (closed || stopped || previousRolledout != previous) {
              retired = List.of(r);
            } else {
              previousRolledout = null;
              latestRolledout = r;
              live.put(r.name(), r);
              routeLocked();
              retired = retiredLocked();
            }
          }
          closeLater(retired);
          result.complete(Objects.requireNonNull(latestReady == null ? r : latestReady));
        });
    return result;
  }

  /**
   * Computes the routes from the spec and the bookkeeping, as KServe's controller does (lock held).
   */
  private @Nullable CompletableFuture<Revision> routeLocked() {
    Revision latest = Objects.requireNonNull(latestReady);
    Long p = spec.spec().predictor().component().canaryTrafficPercent();
    boolean tagRouting = "true".equalsIgnoreCase(annotation(spec, TAG_ROUTING_ANNOTATION));
    List<String> latestTags = tagRouting ? List.of("latest") : List.of();
    Revision rolled = latestRolledout;
    Retired previous = previousRolledout;
    CompletableFuture<Revision> revival = null;
    if (rolled == latest
        && p != null
        && p < 100
        && previous != null
        && Objects.equals(latestCreated, latest.name())) {
      // A canary share set again after a promotion rolls back to the revision before it: bring it
      // back; until it is ready, the latest keeps all traffic.
      revival = revive(previous);
    }
    List<Router.Route> routes = new ArrayList<>(2);
    if (rolled == null || p == null || p >= 100 || rolled == latest) {
      routes.add(new Router.Route(latest, 100, latestTags));
      if (latest != latestRolledout && revival == null) {
        Revision before = latestRolledout;
        previousRolledout =
            before == null
                ? null
                : new Retired(before.name(), before.generation(), before.resource());
        latestRolledout = latest;
      }
    } else {
      routes.add(new Router.Route(latest, (int) (long) p, latestTags));
      routes.add(new Router.Route(rolled, 100 - (int) (long) p, List.of("prev")));
    }
    router.routes(routes);
    return revival;
  }

  /**
   * Live revisions that no longer take traffic, removed from the live set (lock held). The previous
   * rolled-out revision is remembered as a spec, so that a canary share set after a promotion can
   * bring it back, as Knative scales a kept revision up from zero.
   */
  private List<Revision> retiredLocked() {
    List<Revision> retired = new ArrayList<>();
    List<Revision> routed = new ArrayList<>();
    for (Router.Route r : router.routes()) {
      routed.add(r.revision());
    }
    for (var it = live.values().iterator(); it.hasNext(); ) {
      Revision r = it.next();
      if (!routed.contains(r)) {
        retired.add(r);
        it.remove();
      }
    }
    return retired;
  }

  /** Drains and closes revisions off the caller's thread: calls already routed to them finish. */
  private void closeLater(List<Revision> retired) {
    for (Revision r : retired) {
      scheduler.execute(
          () -> {
            r.close();
            LOG.log(Level.DEBUG, "InferenceService {0}: revision {1} closed", name, r.name());
          });
    }
  }

  /** Stops building and closes every revision; calls in flight finish first. Idempotent. */
  @Override
  public void close() {
    List<Revision> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(live.values());
      live.clear();
      latestReady = null;
    }
    for (Revision r : all) {
      r.close();
    }
  }

  /**
   * Whether two specs deploy the same revision: equal but for the fields that only move traffic or
   * stop the service ({@code canaryTrafficPercent}, tag routing, stop).
   */
  static boolean sameRevisionTemplate(InferenceServiceResource a, InferenceServiceResource b) {
    return template(a).equals(template(b));
  }

  private static InferenceServiceResource template(InferenceServiceResource r) {
    Map<String, String> annotations = new LinkedHashMap<>(r.metadata().annotations());
    annotations.remove(STOP_ANNOTATION);
    annotations.remove(TAG_ROUTING_ANNOTATION);
    ObjectMeta m = r.metadata();
    ObjectMeta meta = new ObjectMeta(m.name(), m.namespace(), m.labels(), annotations, m.extra());
    PredictorSpec p = r.spec().predictor();
    ComponentExtensionSpec c = p.component().toBuilder().canaryTrafficPercent(null).build();
    InferenceServiceSpec s = r.spec();
    return new InferenceServiceResource(
        r.apiVersion(),
        r.kind(),
        meta,
        new InferenceServiceSpec(p.withComponent(c), s.transformer(), s.explainer(), s.extra()),
        Map.of());
  }

  private static boolean isStopped(InferenceServiceResource r) {
    return "true".equalsIgnoreCase(annotation(r, STOP_ANNOTATION));
  }

  private static @Nullable String annotation(InferenceServiceResource r, String key) {
    String v = r.metadata().annotations().get(key);
    return v == null ? null : v.trim().toLowerCase(Locale.ROOT);
  }

  /** {@code iris-predictor-00002 20% [latest], iris-predictor-00001 80% [prev]}. */
  static String describe(List<Router.Route> routes) {
    List<String> parts = new ArrayList<>();
    for (Router.Route r : routes) {
      parts.add(
          r.revision().name()
              + " "
              + r.percent()
              + "%"
              + (r.tags().isEmpty() ? "" : " " + r.tags()));
    }
    return String.join(", ", parts);
  }
}
