package io.kserve4j.core.storage;

import java.util.Objects;

/**
 * A model that a {@link StorageProvider} cannot bring to local disk. kserve4j reports it as a
 * violation of the {@code storageUri} field: {@code field = uri: rule (fix)}.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String fix;

  /**
   * @param rule what is wrong, e.g. {@code "nothing exists at /models/iris"}
   * @param fix what to do about it, e.g. {@code "fix the path or copy the model there"}
   */
  public StorageException(String rule, String fix) {
    super(Objects.requireNonNull(rule, "rule"));
    this.fix = Objects.requireNonNull(fix, "fix");
  }

  /** As {@link #StorageException(String, String)}, with the failure underneath. */
  public StorageException(String rule, String fix, Throwable cause) {
    super(Objects.requireNonNull(rule, "rule"), cause);
    this.fix = Objects.requireNonNull(fix, "fix");
  }

  /** What is wrong. */
  public String rule() {
    return String.valueOf(getMessage());
  }

  /** What to do about it. */
  public String fix() {
    return fix;
  }
}
