package io.kserve4j.core.spec;

import java.util.List;

/**
 * A spec that cannot be served: broken YAML, a wrong type, an unknown kind, or a broken KServe
 * rule. It lists every violation at once, one per line, each as {@code path = value: rule (fix)}.
 */
public final class SpecValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /**
   * Creates the exception.
   *
   * @param subject what was checked, e.g. {@code InferenceService 'sklearn-iris'}
   * @param violations every violation found (at least one)
   */
  public SpecValidationException(String subject, List<Violation> violations) {
    super(message(subject, violations));
    this.violations = List.copyOf(violations);
  }

  /** Creates the exception for one violation, with its cause. */
  public SpecValidationException(String subject, Violation violation, Throwable cause) {
    super(message(subject, List.of(violation)), cause);
    this.violations = List.of(violation);
  }

  /** Every violation found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String subject, List<Violation> violations) {
    StringBuilder sb =
        new StringBuilder(subject)
            .append(" is invalid (")
            .append(violations.size())
            .append(violations.size() == 1 ? " problem):" : " problems):");
    for (Violation v : violations) {
      sb.append("\n  ").append(v);
    }
    return sb.toString();
  }
}
