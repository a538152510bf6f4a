package io.kserve4j.core.internal.storage;

import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.nio.file.Path;
import java.util.Set;

/**
 * A provider registered in src/test/resources/META-INF/services, so that the tests prove {@link
 * java.util.ServiceLoader} finds providers. It fetches nothing: it names a path.
 */
public final class TestStorageProvider implements StorageProvider {
  /** For ServiceLoader. */
  public TestStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("kserve4j-test");
  }

  @Override
  public Path fetch(StorageRequest request) {
    return Path.of("/fetched/by/test/provider", request.location());
  }
}
