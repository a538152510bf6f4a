package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/** Whether an InferenceGraph step's failure stops its node ({@code dependency}). */
public enum InferenceStepDependencyType {
  /** A failed step does not stop the node; an unset dependency acts as Soft. */
  SOFT("Soft"),
  /** A failed step stops the node, which answers with that step's status and body. */
  HARD("Hard");

  private final String kserveName;

  InferenceStepDependencyType(String kserveName) {
    this.kserveName = kserveName;
  }

  /** The name in KServe YAML: {@code Soft} or {@code Hard}. */
  public String kserveName() {
    return kserveName;
  }

  /**
   * The dependency a YAML value names, exactly (case matters, as in KServe's CRD).
   *
   * @return the dependency, or {@code null} if the value names none
   */
  public static @Nullable InferenceStepDependencyType of(String kserveName) {
    for (InferenceStepDependencyType type : values()) {
      if (type.kserveName.equals(kserveName)) {
        return type;
      }
    }
    return null;
  }
}
