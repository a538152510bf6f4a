package io.kserve4j.core.storage;

import io.kserve4j.core.StorageOptions;
import java.util.Locale;

/**
 * One model to bring to local disk, as a {@link StorageProvider} sees it.
 *
 * @param uri the {@code storageUri} as written in the spec
 * @param service the service it belongs to, for messages and cache keys
 * @param options the storage options in force (base directory, PVC root, class loader)
 */
public record StorageRequest(String uri, String service, StorageOptions options) {
  /** The URI's scheme in lower case ({@code "s3"}, {@code "classpath"}), or {@code ""} for none. */
  public String scheme() {
    return schemeOf(uri);
  }

  /** The URI without its scheme: {@code bucket/key} for {@code s3://bucket/key}. */
  public String location() {
    String s = scheme();
    if (s.isEmpty()) {
      return uri;
    }
    String rest = uri.substring(s.length() + 1);
    return rest.startsWith("//") ? rest.substring(2) : rest;
  }

  /**
   * The scheme of a storage URI in lower case, or {@code ""} for a plain path. A scheme is what
   * precedes {@code ://}, or {@code classpath:}; a Windows drive letter ({@code C:\...}) is a path.
   */
  public static String schemeOf(String uri) {
    int sep = uri.indexOf("://");
    if (sep > 0 && isScheme(uri, sep)) {
      return uri.substring(0, sep).toLowerCase(Locale.ROOT);
    }
    int colon = uri.indexOf(':');
    if (colon > 1 && isScheme(uri, colon)) {
      String s = uri.substring(0, colon).toLowerCase(Locale.ROOT);
      if (s.equals("classpath")) {
        return s;
      }
    }
    return "";
  }

  private static boolean isScheme(String uri, int end) {
    if (!Character.isLetter(uri.charAt(0))) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      char c = uri.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }
}
