package io.kserve4j.cli;

import io.kserve4j.core.StorageOptions;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --classpath DIR|JAR[:DIR|JAR…]}: where {@code classpath:} storage URIs are read from the
 * command line, as {@code java -cp} would put them on an application's class path, e.g. {@code
 * --classpath src/main/resources} for a project's own YAML.
 */
final class StorageMixin {
  @Option(
      names = {"--classpath", "-cp"},
      paramLabel = "DIR|JAR[:…]",
      description =
          "folders and jars where classpath: storage URIs are found (e.g. src/main/resources)")
  @Nullable String classpath;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.@Nullable CommandSpec command;

  /**
   * The storage options for the command.
   *
   * @throws CommandLine.ParameterException if an entry does not exist (exit code 2, with usage)
   */
  StorageOptions options() {
    StorageOptions storage = StorageOptions.ofDefaults();
    String cp = classpath;
    if (cp == null || cp.isBlank()) {
      return storage;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath();
      if (!Files.exists(p)) {
        throw bad("--classpath entry " + entry + " does not exist (name a folder or a jar)");
      }
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw bad("--classpath entry " + entry + ": " + e.getMessage());
      }
    }
    // No parent: only what the user named, not the command line's own jar.
    return storage.withClassLoader(new URLClassLoader(urls.toArray(new URL[0]), null));
  }

  private CommandLine.ParameterException bad(String message) {
    CommandLine.Model.CommandSpec c = command;
    return new CommandLine.ParameterException(
        c != null ? c.commandLine() : new CommandLine(new Kserve4jCommand()), message);
  }
}
