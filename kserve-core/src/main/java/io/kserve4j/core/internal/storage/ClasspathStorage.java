package io.kserve4j.core.internal.storage;

import io.kserve4j.core.storage.StorageException;
import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * {@code classpath:path}: a model inside the application's jar or class path (a kserve4j scheme;
 * KServe has none). A resource inside a jar is copied once to a temporary file.
 */
public final class ClasspathStorage implements StorageProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("classpath");
  }

  @Override
  public Path fetch(StorageRequest request) {
    String text = request.location();
    String resource = text.startsWith("/") ? text.substring(1) : text;
    if (resource.isEmpty()) {
      throw new StorageException(
          "the resource name is empty", "write classpath:models/name/model.onnx");
    }
    for (String segment : resource.split("/", -1)) {
      if (segment.equals("..")) {
        throw new StorageException("the resource name escapes the class path root", "remove '..'");
      }
    }
    ClassLoader loader = request.options().classLoader();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    if (loader == null) {
      loader = ClasspathStorage.class.getClassLoader();
    }
    URL url = loader.getResource(resource);
    if (url == null) {
      throw new StorageException(
          "no such resource on the class path",
          "fix the name; in an application, models under src/main/resources/ are on the class"
              + " path; from the kserve4j command line, name the folder or jar that holds it with"
              + " --classpath (e.g. --classpath src/main/resources)");
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new StorageException("unreadable resource URL " + url, "use a file:// URI instead");
      }
    }
    return extract(url, resource);
  }

  /** Copies a resource that lives inside a jar to a temporary file. */
  private static Path extract(URL url, String resource) {
    String fileName = resource.substring(resource.lastIndexOf('/') + 1);
    try (InputStream in = url.openStream()) {
      Path dir = Files.createTempDirectory("kserve4j-model-");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(fileName);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new StorageException(
          "cannot copy the resource out of its jar: " + e.getMessage(),
          "a classpath: URI inside a jar must name a file, not a directory",
          e);
    }
  }
}
