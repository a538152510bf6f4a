package io.kserve4j.core.internal;

import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code storageUri} into a local path, refusing anything that escapes its root. See {@link
 * StorageOptions} for the schemes.
 */
public final class StorageResolver {
  private static final String[] REMOTE_SCHEMES = {
    "http://",
    "https://",
    "s3://",
    "gs://",
    "hdfs://",
    "webhdfs://",
    "hf://",
    "oci://",
    "oci+native://",
    "oci+fetch://",
    "modelscope://",
    "abfs://",
    "wasb://",
    "wasbs://"
  };

  private final StorageOptions options;
  private final String subject;
  private final String field;

  /**
   * @param options the roots
   * @param subject what the URI belongs to, for errors (e.g. {@code InferenceService 'iris'})
   * @param field the spec path of the URI, used in errors (e.g. {@code
   *     spec.predictor.model.storageUri})
   */
  public StorageResolver(StorageOptions options, String subject, String field) {
    this.options = options;
    this.subject = subject;
    this.field = field;
  }

  /**
   * The local file or directory {@code uri} names.
   *
   * @throws SpecValidationException if the scheme is not supported, the path escapes its root, or
   *     nothing exists there
   */
  public Path resolve(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    for (String scheme : REMOTE_SCHEMES) {
      if (lower.startsWith(scheme)) {
        throw fail(
            uri,
            "remote storage (" + scheme + ") is not supported yet",
            "copy the model to this machine and use a local path, file://, classpath: or pvc://");
      }
    }
    if (lower.startsWith("classpath:")) {
      return classpath(uri, uri.substring("classpath:".length()));
    }
    if (lower.startsWith("pvc://")) {
      return pvc(uri, uri.substring("pvc://".length()));
    }
    if (lower.startsWith("file://")) {
      return local(uri, uri.substring("file://".length()));
    }
    int colon = uri.indexOf("://");
    if (colon > 0) {
      throw fail(
          uri,
          "unknown storage scheme '" + uri.substring(0, colon) + "://'",
          "use a local path, file://, classpath: or pvc://{claim}/{path}");
    }
    return local(uri, uri);
  }

  private Path local(String uri, String pathText) {
    if (pathText.isEmpty()) {
      throw fail(uri, "the path is empty", "name a model file or directory");
    }
    Path path = Path.of(pathText);
    if (path.isAbsolute()) {
      return existing(uri, path.normalize());
    }
    return inside(uri, options.baseDir(), path, "the base directory " + options.baseDir());
  }

  private Path pvc(String uri, String rest) {
    int slash = rest.indexOf('/');
    String claim = slash < 0 ? rest : rest.substring(0, slash);
    String sub = slash < 0 ? "" : rest.substring(slash + 1);
    if (claim.isEmpty() || claim.equals("..") || claim.equals(".")) {
      throw fail(uri, "the claim name is missing", "write pvc://{claim}/{path}");
    }
    Path root = options.pvcRoot().resolve(claim);
    if (!Files.isDirectory(root)) {
      throw fail(
          uri,
          "claim '" + claim + "' is not mounted: " + root + " is not a directory",
          "mount the claim under the PVC root "
              + options.pvcRoot()
              + " (system property "
              + StorageOptions.PVC_ROOT_PROPERTY
              + ")");
    }
    return inside(uri, root, Path.of(sub), "claim '" + claim + "' (" + root + ")");
  }

  private Path inside(String uri, Path root, Path relative, String rootName) {
    if (relative.isAbsolute()) {
      throw fail(uri, "the path must be relative to " + rootName, "drop the leading '/'");
    }
    Path absRoot = root.toAbsolutePath().normalize();
    Path target = absRoot.resolve(relative).normalize();
    if (!target.startsWith(absRoot)) {
      throw fail(uri, "the path escapes " + rootName, "remove the '..' segments");
    }
    Path real = existing(uri, target);
    try {
      Path realRoot = absRoot.toRealPath();
      Path realTarget = real.toRealPath();
      if (!realTarget.startsWith(realRoot)) {
        throw fail(
            uri,
            "the path leads out of " + rootName + " through a symbolic link to " + realTarget,
            "copy the model inside the root instead of linking to it");
      }
      return realTarget;
    } catch (IOException e) {
      throw new SpecValidationException(
          subject, new Violation(field, uri, "cannot be read: " + e, "check permissions"), e);
    }
  }

  private Path classpath(String uri, String resourceText) {
    String resource = resourceText.startsWith("/") ? resourceText.substring(1) : resourceText;
    if (resource.isEmpty()) {
      throw fail(uri, "the resource name is empty", "write classpath:models/name/model.onnx");
    }
    for (String segment : resource.split("/", -1)) {
      if (segment.equals("..")) {
        throw fail(uri, "the resource name escapes the class path root", "remove '..'");
      }
    }
    ClassLoader loader = options.classLoader();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    if (loader == null) {
      loader = StorageResolver.class.getClassLoader();
    }
    URL url = loader.getResource(resource);
    if (url == null) {
      throw fail(
          uri,
          "no such resource on the class path",
          "put the model under src/main/resources/" + resource + " or fix the name");
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw fail(uri, "unreadable resource URL " + url, "use a file:// URI instead");
      }
    }
    return extract(uri, url, resource);
  }

  /** Copies a resource that lives inside a jar to a temporary file, once per JVM. */
  private Path extract(String uri, URL url, String resource) {
    String fileName = resource.substring(resource.lastIndexOf('/') + 1);
    try (InputStream in = url.openStream()) {
      Path dir = Files.createTempDirectory("kserve4j-model-");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve(fileName);
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new SpecValidationException(
          subject,
          new Violation(
              field,
              uri,
              "cannot copy the resource out of its jar: " + e.getMessage(),
              "a classpath: URI inside a jar must name a file, not a directory"),
          e);
    }
  }

  private Path existing(String uri, Path path) {
    if (!Files.exists(path)) {
      throw fail(uri, "nothing exists at " + path, "fix the path or copy the model there");
    }
    return path;
  }

  private SpecValidationException fail(String uri, String rule, String fix) {
    return new SpecValidationException(
        subject, java.util.List.of(new Violation(field, uri, rule, fix)));
  }

  /** Whether {@code uri} is one this resolver reads (local, file, classpath or pvc). */
  public static boolean isLocal(@Nullable String uri) {
    if (uri == null) {
      return false;
    }
    String lower = uri.toLowerCase(Locale.ROOT);
    return lower.startsWith("classpath:")
        || lower.startsWith("pvc://")
        || lower.startsWith("file://")
        || !lower.contains("://");
  }
}
