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
  private final Map<String, Canary> canaries = new LinkedHashMap<>();
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
        reconcileCanariesLocked();
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
          stopped,
          canaryStatuses());
    }
  }

  private List<io.kserve4j.core.CanaryStatus> canaryStatuses() {
    List<io.kserve4j.core.CanaryStatus> out = new ArrayList<>();
    for (Canary c : canaries.values()) {
      out.add(
          new io.kserve4j.core.CanaryStatus(
              c.name(),
              Canaries.revisionName(name, c.name()),
              c.revision() != null,
              c.revision() != null ? (int) c.percent() : 0,
              c.failure()));
    }
    return out;
  }

  /**
   * A revision that no longer runs but may be brought back (a rollback after a promotion), as
   * Knative keeps a revision scaled to zero.
   */
  private record Retired(String name, int generation, InferenceServiceResource spec) {}

  /**
   * A Standard-mode canary: its share, its merged spec, and its revision once ready (or why it
   * failed).
   */
  private record Canary(
      String name,
      long percent,
      InferenceServiceResource spec,
      @Nullable Revision revision,
      @Nullable String failure) {}

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
      boolean stopped,
      List<io.kserve4j.core.CanaryStatus> canaries) {}

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
      checkRename(previous, next);
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
        Revision promoted = promotedCanary(next);
        if (promoted != null) {
          // Standard mode: the stable predictor renamed after a canary takes that canary's
          // deployment, without a restart (KSERVE-FACTS §h2).
          retired = new ArrayList<>(reconcileCanariesLocked());
          latestCreated = promoted.name();
          ready(promoted);
          retired.addAll(retiredLocked());
          result = CompletableFuture.completedFuture(promoted);
        } else {
          retired = reconcileCanariesLocked();
          result = build(next);
        }
      } else {
        List<Revision> canaryRetired = reconcileCanariesLocked();
        CompletableFuture<Revision> revival = routeLocked();
        retired = new ArrayList<>(canaryRetired);
        retired.addAll(retiredLocked());
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
    if (!canaries.isEmpty()) {
      // Standard mode: the stable keeps 100 minus the shares of the ready canaries; a canary that
      // is not ready gets nothing; 0 is a dark launch, reachable by its name as a tag.
      List<Router.Route> routes = new ArrayList<>();
      int taken = 0;
      for (Canary c : canaries.values()) {
        if (c.revision() != null) {
          taken += (int) c.percent();
        }
      }
      routes.add(new Router.Route(latest, 100 - taken, latestTags));
      for (Canary c : canaries.values()) {
        Revision r = c.revision();
        if (r != null) {
          routes.add(new Router.Route(r, (int) c.percent(), List.of(c.name())));
        }
      }
      router.routes(routes);
      latestRolledout = latest;
      return null;
    }
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
    for (Canary c : canaries.values()) {
      if (c.revision() != null) {
        routed.add(c.revision());
      }
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

  /**
   * Brings the canaries in line with the spec (lock held): a new or changed canary is built in the
   * background; one no longer listed is closed, unless the stable predictor took it over.
   *
   * @return the canary revisions to close
   */
  private List<Revision> reconcileCanariesLocked() {
    List<Revision> retired = new ArrayList<>();
    Map<String, Canary> wanted = new LinkedHashMap<>();
    if (spec.deploymentMode() == io.kserve4j.core.spec.DeploymentMode.STANDARD) {
      for (io.kserve4j.core.spec.CanarySpec c : spec.spec().canary()) {
        String n = c.predictor().name();
        if (n == null) {
          continue;
        }
        InferenceServiceResource cs = Canaries.spec(spec, c);
        long percent = c.trafficPercent() == null ? 0 : c.trafficPercent();
        Canary existing = canaries.get(n);
        if (existing != null && sameRevisionTemplate(existing.spec(), cs)) {
          wanted.put(
              n, new Canary(n, percent, existing.spec(), existing.revision(), existing.failure()));
        } else {
          wanted.put(n, new Canary(n, percent, cs, null, null));
          if (existing != null && existing.revision() != null) {
            retired.add(existing.revision());
          }
          buildCanary(n, cs);
        }
      }
    }
    for (Canary old : canaries.values()) {
      Revision r = old.revision();
      if (!wanted.containsKey(old.name()) && r != null && r != latestReady) {
        retired.add(r);
        live.remove(r.name());
      }
    }
    canaries.clear();
    canaries.putAll(wanted);
    return retired;
  }

  /** Builds canary {@code canaryName} in the background; it takes traffic once ready. */
  private void buildCanary(String canaryName, InferenceServiceResource cs) {
    String revisionName = Canaries.revisionName(name, canaryName);
    scheduler.execute(
        () -> {
          Revision r = null;
          String failure = null;
          try {
            r = assembler.assemble(cs, 0, revisionName);
          } catch (RuntimeException | Error e) {
            failure = String.valueOf(e.getMessage());
            LOG.log(
                Level.WARNING,
                "InferenceService {0}: canary {1} failed to load; it gets no traffic: {2}",
                name,
                canaryName,
                failure);
          }
          List<Revision> retired = new ArrayList<>();
          synchronized (lock) {
            Canary c = canaries.get(canaryName);
            if (c == null || c.spec() != cs || closed || stopped) {
              if (r != null) {
                retired.add(r);
              }
            } else {
              canaries.put(canaryName, new Canary(canaryName, c.percent(), cs, r, failure));
              if (r != null && latestReady != null) {
                live.put(r.name(), r);
                routeLocked();
              }
            }
          }
          closeLater(retired);
        });
  }

  /**
   * The ready canary the stable predictor now names (KServe's promotion: rename the stable after
   * the canary and delete its entry), or {@code null} (lock held).
   */
  private @Nullable Revision promotedCanary(InferenceServiceResource next) {
    String stableName = next.spec().predictor().name();
    if (stableName == null) {
      return null;
    }
    Canary c = canaries.get(stableName);
    if (c == null || c.revision() == null) {
      return null;
    }
    for (io.kserve4j.core.spec.CanarySpec still : next.spec().canary()) {
      if (stableName.equals(still.predictor().name())) {
        return null; // still a canary: not a promotion
      }
    }
    Revision r = c.revision();
    canaries.remove(stableName);
    return r;
  }

  /**
   * KServe rejects renaming the stable predictor while its model URI stays the same (a promotion
   * changes the model).
   *
   * @throws io.kserve4j.core.spec.SpecValidationException if the update does that
   */
  private static void checkRename(InferenceServiceResource before, InferenceServiceResource after) {
    String was = before.spec().predictor().name();
    String is = after.spec().predictor().name();
    if (was == null || is == null || was.equals(is)) {
      return;
    }
    String uriBefore = storageUri(before);
    if (uriBefore != null && uriBefore.equals(storageUri(after))) {
      throw new io.kserve4j.core.spec.SpecValidationException(
          "InferenceService '" + after.name() + "'",
          List.of(
              new io.kserve4j.core.spec.Violation(
                  "spec.predictor.name",
                  is,
                  "is renamed from " + was + " while the model's storageUri stays " + uriBefore,
                  "promote a canary by renaming the stable predictor after it together with its"
                      + " model, or keep the name")));
    }
  }

  private static @Nullable String storageUri(InferenceServiceResource r) {
    io.kserve4j.core.spec.ModelSpec m = r.spec().predictor().model();
    return m == null ? null : m.storageUri();
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
      for (Canary c : canaries.values()) {
        if (c.revision() != null && !all.contains(c.revision())) {
          all.add(c.revision());
        }
      }
      canaries.clear();
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
        new InferenceServiceSpec(
            p.withComponent(c), s.transformer(), s.explainer(), List.of(), s.extra()),
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
