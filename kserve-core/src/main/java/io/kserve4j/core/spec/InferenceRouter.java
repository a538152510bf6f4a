package io.kserve4j.core.spec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node of an InferenceGraph ({@code spec.nodes.<node>}): a router over steps.
 *
 * @param routerType how the node routes (required); {@code null} when the YAML leaves it out
 * @param steps where the requests go, in order; empty when unset
 */
public record InferenceRouter(@Nullable InferenceRouterType routerType, List<InferenceStep> steps) {
  /** Copies the steps. */
  public InferenceRouter {
    steps = Specs.copy(steps);
  }

  /** A node of this router type over these steps. */
  public static InferenceRouter of(InferenceRouterType routerType, InferenceStep... steps) {
    return new InferenceRouter(routerType, List.of(steps));
  }
}
