package io.kserve4j.core.internal.storage;

import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.core.storage.StorageException;
import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code storageUri} into a local path through the {@link StorageProvider} of its scheme:
 * one given in {@link StorageOptions#providers()}, else one {@link ServiceLoader} finds, else a
 * built-in one (local path, {@code file://}, {@code classpath:}, {@code pvc://}). A provider's
 * {@link StorageException} becomes a violation of the URI's field.
 */
public final class StorageResolver {
  /** Remote schemes KServe's storage initializer reads; named in the error when none is here. */
  static final Set<String> KSERVE_REMOTE_SCHEMES =
      Set.of(
          "http",
          "https",
          "s3",
          "gs",
          "hdfs",
          "webhdfs",
          "hf",
          "oci",
          "oci+native",
          "oci+fetch",
          "modelscope",
          "abfs",
          "wasb",
          "wasbs");

  private static final List<StorageProvider> BUILT_IN =
      List.of(new LocalStorage(), new ClasspathStorage(), new PvcStorage());

  private static final class Discovered {
    static final List<StorageProvider> PROVIDERS = load();

    private static List<StorageProvider> load() {
      List<StorageProvider> found = new ArrayList<>();
      for (StorageProvider p :
          ServiceLoader.load(StorageProvider.class, StorageResolver.class.getClassLoader())) {
        found.add(p);
      }
      return List.copyOf(found);
    }
  }

  private final StorageOptions options;
  private final String subject;
  private final String field;
  private final String service;

  /**
   * @param options the roots and the providers given
   * @param service the service the URI belongs to
   * @param subject what the URI belongs to, for errors (e.g. {@code InferenceService 'iris'})
   * @param field the spec path of the URI, used in errors (e.g. {@code
   *     spec.predictor.model.storageUri})
   */
  public StorageResolver(StorageOptions options, String service, String subject, String field) {
    this.options = options;
    this.service = service;
    this.subject = subject;
    this.field = field;
  }

  /**
   * The local file or directory {@code uri} names.
   *
   * @throws SpecValidationException if no provider reads the scheme, or the provider cannot fetch
   *     the model (the path escapes its root, nothing exists there, a download fails...)
   */
  public Path resolve(String uri) {
    StorageRequest request = new StorageRequest(uri, service, options);
    String scheme = request.scheme();
    StorageProvider provider = provider(scheme);
    if (provider == null) {
      throw violation(uri, noProvider(scheme, uri), fix(scheme));
    }
    try {
      return provider.fetch(request);
    } catch (StorageException e) {
      throw new SpecValidationException(subject, new Violation(field, uri, e.rule(), e.fix()), e);
    }
  }

  /** The provider of {@code scheme}, or {@code null}. */
  @Nullable StorageProvider provider(String scheme) {
    for (List<StorageProvider> list :
        List.of(options.providers(), Discovered.PROVIDERS, BUILT_IN)) {
      for (StorageProvider p : list) {
        if (p.schemes().contains(scheme)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Every scheme some provider reads here, sorted, for messages. */
  Set<String> schemes() {
    Set<String> all = new TreeSet<>();
    for (List<StorageProvider> list :
        List.of(options.providers(), Discovered.PROVIDERS, BUILT_IN)) {
      for (StorageProvider p : list) {
        all.addAll(p.schemes());
      }
    }
    all.remove("");
    return all;
  }

  private String noProvider(String scheme, String uri) {
    if (KSERVE_REMOTE_SCHEMES.contains(scheme)) {
      return "no storage provider reads " + scheme + ":// here (remote storage needs one)";
    }
    return "unknown storage scheme '" + scheme + "' (schemes read here: " + schemes() + ")";
  }

  private static String fix(String scheme) {
    return KSERVE_REMOTE_SCHEMES.contains(scheme)
        ? "copy the model to this machine and use a local path, file://, classpath: or pvc://, or"
            + " add a StorageProvider for "
            + scheme
            + " (docs/architecture.md)"
        : "use a local path, file://, classpath: or pvc://{claim}/{path}";
  }

  private SpecValidationException violation(String uri, String rule, String fix) {
    return new SpecValidationException(subject, List.of(new Violation(field, uri, rule, fix)));
  }
}
