package io.kserve4j.core.internal.storage;

import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.storage.StorageException;
import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Local storage: a path without scheme, or {@code file://path}. A relative path is resolved against
 * {@link StorageOptions#baseDir()} and may not leave it, through {@code ..} or a symbolic link.
 */
public final class LocalStorage implements StorageProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("", "file");
  }

  @Override
  public Path fetch(StorageRequest request) {
    String text = request.location();
    if (text.isEmpty()) {
      throw new StorageException("the path is empty", "name a model file or directory");
    }
    Path path = path(text);
    if (path.isAbsolute()) {
      return existing(path.normalize());
    }
    Path base = request.options().baseDir();
    return inside(base, path, "the base directory " + base);
  }

  static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new StorageException(
          "is not a valid path: " + e.getReason(), "write a file path, file:// URI or classpath:");
    }
  }

  /**
   * {@code relative} inside {@code root}, existing, refusing {@code ..} and links that lead out.
   *
   * @throws StorageException if the path escapes the root or nothing exists there
   */
  static Path inside(Path root, Path relative, String rootName) {
    if (relative.isAbsolute()) {
      throw new StorageException(
          "the path must be relative to " + rootName, "drop the leading '/'");
    }
    Path absRoot = root.toAbsolutePath().normalize();
    Path target = absRoot.resolve(relative).normalize();
    if (!target.startsWith(absRoot)) {
      throw new StorageException("the path escapes " + rootName, "remove the '..' segments");
    }
    Path real = existing(target);
    try {
      Path realRoot = absRoot.toRealPath();
      Path realTarget = real.toRealPath();
      if (!realTarget.startsWith(realRoot)) {
        throw new StorageException(
            "the path leads out of " + rootName + " through a symbolic link to " + realTarget,
            "copy the model inside the root instead of linking to it");
      }
      return realTarget;
    } catch (IOException e) {
      throw new StorageException("cannot be read: " + e, "check permissions", e);
    }
  }

  static Path existing(Path path) {
    if (!Files.exists(path)) {
      throw new StorageException(
          "nothing exists at " + path, "fix the path or copy the model there");
    }
    return path;
  }
}
