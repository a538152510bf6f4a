package io.kserve4j.samples;

import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.storage.StorageException;
import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A storage provider (docs/architecture.md, "Extension points"): {@code models://name/version}
 * names a model in a team's model store, a folder tree {@code <root>/<name>/<version>} on a shared
 * mount. Register it in {@code META-INF/services/io.kserve4j.core.storage.StorageProvider} (or
 * {@code provides} in {@code module-info.java}) to have every service find it, or hand it to one
 * service with {@link StorageOptions#withProvider}.
 */
public final class ModelStoreSample {
  private ModelStoreSample() {}

  /** {@code models://name/version} under a root folder. */
  public static final class ModelStore implements StorageProvider {
    private final Path root;

    /** A store rooted at {@code root}. */
    public ModelStore(Path root) {
      this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Set<String> schemes() {
      return Set.of("models");
    }

    @Override
    public Path fetch(StorageRequest request) {
      String[] parts = request.location().split("/");
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new StorageException("is not models://name/version", "write e.g. models://iris/3");
      }
      Path dir = root.resolve(parts[0]).resolve(parts[1]).normalize();
      if (!dir.startsWith(root)) {
        throw new StorageException("leaves the model store " + root, "remove '..'");
      }
      if (!Files.isDirectory(dir)) {
        throw new StorageException(
            "no version " + parts[1] + " of model " + parts[0] + " in " + root,
            "publish it, or name a version that exists");
      }
      return dir;
    }
  }

  /** Storage options that read {@code models://} from the store at {@code root}. */
  public static StorageOptions withStore(Path root) {
    return StorageOptions.ofDefaults().withProvider(new ModelStore(root));
  }
}
