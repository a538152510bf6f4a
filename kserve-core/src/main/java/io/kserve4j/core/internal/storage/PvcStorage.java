package io.kserve4j.core.internal.storage;

import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.storage.StorageException;
import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code pvc://claim/path}: {@code path} inside {@link StorageOptions#pvcRoot()}{@code /claim}, as
 * KServe mounts a persistent volume claim, and never outside it.
 */
public final class PvcStorage implements StorageProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("pvc");
  }

  @Override
  public Path fetch(StorageRequest request) {
    String rest = request.location();
    int slash = rest.indexOf('/');
    String claim = slash < 0 ? rest : rest.substring(0, slash);
    String sub = slash < 0 ? "" : rest.substring(slash + 1);
    if (claim.isEmpty() || claim.equals("..") || claim.equals(".")) {
      throw new StorageException("the claim name is missing", "write pvc://{claim}/{path}");
    }
    Path pvcRoot = request.options().pvcRoot();
    Path root = pvcRoot.resolve(claim);
    if (!Files.isDirectory(root)) {
      throw new StorageException(
          "claim '" + claim + "' is not mounted: " + root + " is not a directory",
          "mount the claim under the PVC root "
              + pvcRoot
              + " (system property "
              + StorageOptions.PVC_ROOT_PROPERTY
              + ")");
    }
    return LocalStorage.inside(
        root, LocalStorage.path(sub), "claim '" + claim + "' (" + root + ")");
  }
}
