package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/** How an InferenceGraph node routes a request over its steps ({@code routerType}). */
public enum InferenceRouterType {
  /** Runs the steps in order, each on the node input or on the previous step's response. */
  SEQUENCE("Sequence"),
  /** Sends the request to one step, chosen at random by {@code weight}. */
  SPLITTER("Splitter"),
  /** Runs every step on the node input and merges their responses. */
  ENSEMBLE("Ensemble"),
  /** Sends the request to the first step whose {@code condition} matches the node input. */
  SWITCH("Switch");

  private final String kserveName;

  InferenceRouterType(String kserveName) {
    this.kserveName = kserveName;
  }

  /** The name in KServe YAML, e.g. {@code Sequence}. */
  public String kserveName() {
    return kserveName;
  }

  /**
   * The router type a YAML value names, exactly (case matters, as in KServe's CRD).
   *
   * @return the type, or {@code null} if the value names none
   */
  public static @Nullable InferenceRouterType of(String kserveName) {
    for (InferenceRouterType type : values()) {
      if (type.kserveName.equals(kserveName)) {
        return type;
      }
    }
    return null;
  }
}
