package io.kserve4j.runtime.lightgbm.internal;

import io.kserve4j.core.runtime.NativeCacheDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads LightGBM's natives from lightgbm4j's jar: {@code lib_lightgbm} (LightGBM 4.3.0) and {@code
 * lib_lightgbm_swig} (its JNI bindings), for linux x86_64 and aarch64, macOS x86_64 and aarch64,
 * and Windows x86_64.
 *
 * <p>lightgbm4j's own loader ({@code LGBMBooster}'s class initializer) writes both files to fixed
 * names in {@code java.io.tmpdir} on every start, so that JVMs starting at once overwrite the
 * library another has mapped. kserve4j unpacks them once instead, into {@code <cache>/lightgbm/<md5
 * of lib_lightgbm>/<os>-<arch>/} ({@link NativeCacheDirs}): written to a fresh folder beside it,
 * then moved into place in one atomic step. The environment variable {@code
 * LIGHTGBM_NATIVE_LIB_PATH}, lightgbm4j's override, names a folder to load them from instead.
 */
final class LightGbmNatives {
  /**
   * kserve4j's override: a folder holding the two libraries, e.g. {@code java.io.tmpdir} in a JVM
   * where lightgbm4j's {@code LGBMBooster} has loaded them from there (one copy is then loaded).
   * Wins over {@link #PATH_VARIABLE}.
   */
  static final String PATH_PROPERTY = "kserve4j.lightgbm.native.path";

  /** lightgbm4j's override: a folder holding the two libraries. */
  static final String PATH_VARIABLE = "LIGHTGBM_NATIVE_LIB_PATH";

  private static final String MARKER = ".complete";
  private static boolean loaded;

  private LightGbmNatives() {}

  /**
   * Loads the natives once per JVM.
   *
   * @throws IllegalStateException if there are none for this platform, they cannot be unpacked, or
   *     they do not load (the message says what is missing, such as OpenMP)
   */
  static synchronized void load() {
    if (loaded) {
      return;
    }
    String[] names = libraryNames();
    String override = System.getProperty(PATH_PROPERTY);
    if (override == null || override.isBlank()) {
      override = System.getenv(PATH_VARIABLE);
    }
    Path dir;
    if (override != null && !override.isBlank()) {
      dir = Path.of(override);
    } else {
      String platform = platform();
      String resources = "lightgbm4j/" + platform + "/";
      try {
        dir = unpack(resources, platform, names);
      } catch (IOException | UncheckedIOException e) {
        throw new IllegalStateException(
            "LightGBM's natives could not be unpacked into "
                + NativeCacheDirs.root()
                + ": "
                + e.getMessage()
                + " (set -D"
                + NativeCacheDirs.PROPERTY
                + " to a writable folder)",
            e);
      }
    }
    for (String name : names) {
      Path file = dir.resolve(name).toAbsolutePath();
      try {
        System.load(file.toString());
      } catch (UnsatisfiedLinkError e) {
        String why = String.valueOf(e.getMessage());
        throw new IllegalStateException(
            "LightGBM's native library "
                + file
                + " does not load: "
                + why
                + (why.contains("gomp") || why.contains("libomp")
                    ? " (LightGBM needs OpenMP: on Debian or Ubuntu apt-get install libgomp1, on"
                        + " macOS brew install libomp)"
                    : ""),
            e);
      }
    }
    loaded = true;
  }

  private static String[] libraryNames() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String suffix = os.startsWith("mac") ? ".dylib" : os.startsWith("windows") ? ".dll" : ".so";
    return new String[] {"lib_lightgbm" + suffix, "lib_lightgbm_swig" + suffix};
  }

  /** lightgbm4j's folder name for this platform, e.g. {@code linux/x86_64}. */
  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String a =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x86_64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    String o =
        os.startsWith("linux")
            ? "linux"
            : os.startsWith("mac") ? "osx" : os.startsWith("windows") ? "windows" : null;
    if (a == null || o == null || (o.equals("windows") && !a.equals("x86_64"))) {
      throw new IllegalStateException(
          "lightgbm4j has no LightGBM natives for "
              + os
              + " on "
              + arch
              + " (it ships linux x86_64 and aarch64, macOS x86_64 and aarch64, Windows x86_64);"
              + " build LightGBM 4.3.0 with its SWIG bindings and set "
              + PATH_VARIABLE
              + " to their folder");
    }
    return o + "/" + a;
  }

  private static Path unpack(String resources, String platform, String[] names) throws IOException {
    String md5 = text(resources + names[0] + ".md5");
    if (md5 == null) {
      throw new IOException("lightgbm4j's jar has no " + resources + names[0]);
    }
    Path target =
        NativeCacheDirs.root()
            .resolve("lightgbm")
            .resolve(md5.trim())
            .resolve(platform.replace('/', '-'))
            .toAbsolutePath();
    if (Files.isRegularFile(target.resolve(MARKER))) {
      return target;
    }
    Path parent = target.getParent();
    if (parent == null) {
      throw new IOException("no parent folder for " + target);
    }
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    try {
      for (String name : names) {
        try (InputStream in = resource(resources + name)) {
          if (in == null) {
            throw new IOException("lightgbm4j's jar has no " + resources + name);
          }
          Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.writeString(tmp.resolve(MARKER), "lightgbm4j " + resources, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException lost) {
        if (!Files.isRegularFile(target.resolve(MARKER))) {
          throw lost;
        }
        // another thread or JVM moved its complete folder first: use it
      }
      return target;
    } finally {
      deleteTree(tmp);
    }
  }

  private static @Nullable InputStream resource(String name) {
    ClassLoader cl = LightGbmNatives.class.getClassLoader();
    return cl == null ? ClassLoader.getSystemResourceAsStream(name) : cl.getResourceAsStream(name);
  }

  private static @Nullable String text(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
