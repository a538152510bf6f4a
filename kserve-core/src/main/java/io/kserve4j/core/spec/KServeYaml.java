package io.kserve4j.core.spec;

import java.nio.file.Path;

/** TEMP STUB. */
public final class KServeYaml {
  private KServeYaml() {}

  public static KServeDocuments read(Path file) {
    throw new UnsupportedOperationException();
  }

  public static KServeDocuments read(String yaml, String source) {
    throw new UnsupportedOperationException();
  }
}
