package io.kserve4j.core.runtime;

import java.nio.file.Path;

/**
 * Where kserve4j keeps native libraries it unpacks: system property {@code kserve4j.cache.dir},
 * else {@code $XDG_CACHE_HOME/kserve4j}, else {@code ~/.cache/kserve4j}.
 */
public final class NativeCacheDirs {
  /** The system property that moves the cache. */
  public static final String PROPERTY = "kserve4j.cache.dir";

  private NativeCacheDirs() {}

  /** The cache's root folder (not created here). */
  public static Path root() {
    String dir = System.getProperty(PROPERTY);
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "kserve4j");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "kserve4j");
  }
}
