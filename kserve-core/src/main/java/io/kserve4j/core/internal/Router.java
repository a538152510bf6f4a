package io.kserve4j.core.internal;

import io.kserve4j.core.RevisionStatus;
import io.kserve4j.protocol.ModelNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the revision that answers a call: the one the call's tag names, else one drawn by the
 * traffic split (each revision's percent of untagged calls). The routes are replaced as a whole, so
 * a call sees either the old split or the new one. Thread-safe.
 */
public final class Router {
  /**
   * One revision's share of traffic.
   *
   * @param revision the revision
   * @param percent its share of untagged calls, 0 to 100
   * @param tags the tags that reach it whatever its share ({@code latest}, {@code prev}...)
   */
  public record Route(Revision revision, int percent, List<String> tags) {
    /** Checks the share and copies the tags. */
    public Route {
      Objects.requireNonNull(revision, "revision");
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("percent = " + percent + ": must be 0..100");
      }
      tags = List.copyOf(tags);
    }
  }

  private final String service;
  private final IntUnaryOperator random;
  private volatile List<Route> routes;

  /**
   * A router over {@code routes}, whose percents add up to 100 (or none: nothing is routed).
   *
   * @param service the service's name, for errors
   * @param random draws an int in {@code [0, bound)} for a bound; tests pass a seeded source
   */
  public Router(String service, List<Route> routes, IntUnaryOperator random) {
    this.service = service;
    this.random = random;
    this.routes = checked(routes);
  }

  /** A router drawing from {@link ThreadLocalRandom}. */
  public static Router of(String service, List<Route> routes) {
    return new Router(service, routes, bound -> ThreadLocalRandom.current().nextInt(bound));
  }

  /**
   * The revision for a call with {@code tag} (a tag, or a routed revision's name), or for an
   * untagged call the one the split draws.
   *
   * @throws ModelNotFoundException (404) if no revision has that tag, as KServe answers a tagged
   *     host name that does not exist
   */
  public Revision choose(@Nullable String tag) {
    List<Route> r = routes;
    if (r.isEmpty()) {
      throw new io.kserve4j.protocol.ModelNotReadyException(service, "no revision is ready");
    }
    if (tag != null) {
      for (Route route : r) {
        if (route.tags().contains(tag)) {
          return route.revision();
        }
      }
      for (Route route : r) {
        if (route.revision().name().equals(tag)) {
          return route.revision();
        }
      }
      throw new ModelNotFoundException(
          service,
          "no revision is tagged '"
              + tag
              + "' (tags: "
              + tags(r)
              + "; tags exist with the annotation serving.kserve.io/enable-tag-routing: \"true\")");
    }
    if (r.size() == 1) {
      return r.get(0).revision();
    }
    int draw = random.applyAsInt(100);
    int sum = 0;
    for (Route route : r) {
      sum += route.percent();
      if (draw < sum) {
        return route.revision();
      }
    }
    return r.get(0).revision();
  }

  /**
   * The revision with the largest share (the first of equals): the service's face.
   *
   * @throws io.kserve4j.protocol.ModelNotReadyException if no revision is routed
   */
  public Revision primary() {
    if (routes.isEmpty()) {
      throw new io.kserve4j.protocol.ModelNotReadyException(service, "no revision is ready");
    }
    Route best = null;
    for (Route route : routes) {
      if (best == null || route.percent() > best.percent()) {
        best = route;
      }
    }
    return Objects.requireNonNull(best).revision();
  }

  /** The routes now. */
  public List<Route> routes() {
    return routes;
  }

  /** Replaces the routes; calls already routed finish on the revision they chose. */
  public void routes(List<Route> next) {
    this.routes = checked(next);
  }

  /** Each revision's status with its share and tags, the largest share first. */
  public List<RevisionStatus> status() {
    List<Route> r = new ArrayList<>(routes);
    r.sort((a, b) -> Integer.compare(b.percent(), a.percent()));
    List<RevisionStatus> out = new ArrayList<>(r.size());
    for (Route route : r) {
      out.add(route.revision().status(route.percent(), route.tags()));
    }
    return out;
  }

  private static List<String> tags(List<Route> routes) {
    List<String> all = new ArrayList<>();
    for (Route r : routes) {
      all.addAll(r.tags());
    }
    return all;
  }

  private static List<Route> checked(List<Route> routes) {
    if (routes.isEmpty()) {
      return List.of(); // a stopped service routes nowhere
    }
    int sum = 0;
    for (Route r : routes) {
      sum += r.percent();
    }
    if (sum != 100) {
      throw new IllegalArgumentException(
          "the revisions' percents add up to " + sum + ", not 100: " + routes);
    }
    return List.copyOf(routes);
  }
}
