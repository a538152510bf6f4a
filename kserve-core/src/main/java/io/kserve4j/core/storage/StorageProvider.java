package io.kserve4j.core.storage;

import java.nio.file.Path;
import java.util.Set;

/**
 * Brings a model named by a {@code storageUri} to local disk: kserve4j's counterpart of KServe's
 * storage initializer, one provider per URI scheme. Providers are found with {@link
 * java.util.ServiceLoader} ({@code provides io.kserve4j.core.storage.StorageProvider with ...} in
 * {@code module-info.java}, or a {@code META-INF/services} file) and may also be given to {@link
 * io.kserve4j.core.StorageOptions#withProvider(StorageProvider)}; a provider given there wins over
 * a discovered one for the same scheme.
 *
 * <p>kserve-core provides local paths (no scheme, or {@code file://}), {@code classpath:} and
 * {@code pvc://}. A provider of a remote scheme downloads (and caches) and returns the local copy.
 *
 * <pre>{@code
 * public final class MinioStorage implements StorageProvider {
 *   public Set<String> schemes() { return Set.of("minio"); }
 *   public Path fetch(StorageRequest request) {
 *     Path local = download(request.uri());          // your code
 *     if (local == null) throw new StorageException("no such object", "check the bucket");
 *     return local;
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe: replicas of several services may fetch at once.
 */
public interface StorageProvider {
  /**
   * The URI schemes this provider reads, in lower case, without {@code :} or {@code //}: {@code
   * "s3"} for {@code s3://bucket/key}, {@code "classpath"} for {@code classpath:models/x}. The
   * empty string stands for a path without a scheme.
   */
  Set<String> schemes();

  /**
   * The local file or directory holding the model {@code request} names, fetched if it is remote.
   *
   * @param request the URI, what it belongs to and the storage options in force
   * @return an existing local file or directory
   * @throws StorageException if the model cannot be fetched; its rule and fix reach the user as a
   *     violation of the {@code storageUri} field
   */
  Path fetch(StorageRequest request);
}
