package io.kserve4j.core;

import io.kserve4j.core.storage.StorageProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code storageUri}s point on this machine.
 *
 * <ul>
 *   <li>A path without scheme, or {@code file://path}: a local file or directory. A relative path
 *       is resolved against {@link #baseDir()} (the YAML file's directory when loaded from YAML)
 *       and may not leave it, through {@code ..} or a symbolic link.
 *   <li>{@code classpath:path}: a model inside the application's jar or class path (a kserve4j
 *       scheme; KServe has none). Resources inside a jar are copied once to a temporary file.
 *   <li>{@code pvc://claim/path}: {@code path} inside {@link #pvcRoot()}{@code /claim}, and not
 *       outside it.
 * </ul>
 *
 * Other schemes are read by {@link StorageProvider}s: those {@link java.util.ServiceLoader} finds,
 * and those given to {@link #withProvider(StorageProvider)}, which win for their schemes. A remote
 * scheme KServe knows ({@code http(s)://}, {@code s3://}, {@code gs://}, {@code hdfs://}, {@code
 * hf://}, {@code oci://}...) without a provider is refused with an error that says so. Immutable.
 */
public final class StorageOptions {
  /** The system property that sets the default {@link #pvcRoot()}. */
  public static final String PVC_ROOT_PROPERTY = "kserve4j.pvc.root";

  private final Path baseDir;
  private final Path pvcRoot;
  private final @Nullable ClassLoader classLoader;
  private final List<StorageProvider> providers;

  private StorageOptions(
      Path baseDir,
      Path pvcRoot,
      @Nullable ClassLoader classLoader,
      List<StorageProvider> providers) {
    this.baseDir = baseDir;
    this.pvcRoot = pvcRoot;
    this.classLoader = classLoader;
    this.providers = List.copyOf(providers);
  }

  /**
   * The defaults: relative paths against the working directory, PVC claims under the system
   * property {@value #PVC_ROOT_PROPERTY}, else {@code /mnt/pvc}, and the thread's context class
   * loader for {@code classpath:}.
   */
  public static StorageOptions ofDefaults() {
    return new StorageOptions(
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty(PVC_ROOT_PROPERTY, "/mnt/pvc")),
        null,
        List.of());
  }

  /** The directory relative local paths are resolved against. */
  public Path baseDir() {
    return baseDir;
  }

  /** The directory that holds one folder per persistent volume claim. */
  public Path pvcRoot() {
    return pvcRoot;
  }

  /** The class loader for {@code classpath:} URIs; {@code null} means the context class loader. */
  public @Nullable ClassLoader classLoader() {
    return classLoader;
  }

  /** The providers given to {@link #withProvider}, the last given first. */
  public List<StorageProvider> providers() {
    return providers;
  }

  /** These options with relative paths resolved against {@code dir}. */
  public StorageOptions withBaseDir(Path dir) {
    return new StorageOptions(dir.toAbsolutePath(), pvcRoot, classLoader, providers);
  }

  /** These options with PVC claims under {@code root}. */
  public StorageOptions withPvcRoot(Path root) {
    return new StorageOptions(
        baseDir, Objects.requireNonNull(root, "root"), classLoader, providers);
  }

  /** These options with {@code classpath:} URIs read through {@code loader}. */
  public StorageOptions withClassLoader(ClassLoader loader) {
    return new StorageOptions(baseDir, pvcRoot, loader, providers);
  }

  /**
   * These options with {@code provider} reading its schemes, ahead of any provider {@link
   * java.util.ServiceLoader} finds for them and of the built-in ones.
   */
  public StorageOptions withProvider(StorageProvider provider) {
    List<StorageProvider> all = new ArrayList<>(providers);
    all.add(0, Objects.requireNonNull(provider, "provider"));
    return new StorageOptions(baseDir, pvcRoot, classLoader, all);
  }

  @Override
  public String toString() {
    return "StorageOptions{baseDir="
        + baseDir
        + ", pvcRoot="
        + pvcRoot
        + (providers.isEmpty() ? "" : ", providers=" + providers)
        + "}";
  }
}
