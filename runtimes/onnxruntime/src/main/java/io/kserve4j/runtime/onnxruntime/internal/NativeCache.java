package io.kserve4j.runtime.onnxruntime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Unpacks native libraries into a versioned cache folder once, safely when several threads or JVMs
 * start at once: the files are written to a fresh temporary folder beside the target, a marker file
 * is written last, and the folder is renamed onto the target with one atomic move. A target that
 * exists with its marker is complete and used as is; when the move loses to another JVM, that JVM's
 * folder is used and ours is deleted.
 */
final class NativeCache {
  /** Written last into a complete folder. */
  static final String MARKER = ".complete";

  /** One file to unpack: its name in the folder and where its bytes come from. */
  record Entry(String name, Source source) {}

  /** Opens the bytes of one file. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  private NativeCache() {}

  /** Whether {@code dir} is a complete cache folder. */
  static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  /**
   * The folder {@code target} holding {@code entries}, unpacked now unless a complete one exists.
   *
   * @param manifest what the marker records (e.g. where the files came from)
   * @throws IOException if the files cannot be written, or {@code target} exists without its marker
   *     and is not empty (a folder kserve4j did not make: remove it)
   */
  static Path ensure(Path target, List<Entry> entries, String manifest) throws IOException {
    if (isComplete(target)) {
      return target;
    }
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("no parent folder for the native cache " + target);
    }
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
    try {
      for (Entry e : entries) {
        try (InputStream in = e.source().open()) {
          Files.copy(in, tmp.resolve(e.name()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.writeString(tmp.resolve(MARKER), manifest, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException lost) {
        if (!isComplete(absolute)) {
          throw new IOException(
              "cannot move the unpacked natives to "
                  + absolute
                  + ": "
                  + lost
                  + (Files.exists(absolute)
                      ? " (the folder exists without "
                          + MARKER
                          + ": remove it, and kserve4j unpacks it again)"
                      : ""),
              lost);
        }
        // another thread or JVM moved its complete folder first: use it
      }
      return absolute;
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
