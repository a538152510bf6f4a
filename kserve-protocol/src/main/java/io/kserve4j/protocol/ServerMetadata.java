package io.kserve4j.protocol;

import java.util.List;

/**
 * v2 server metadata: {@code GET /v2} and gRPC {@code ServerMetadata}.
 *
 * @param name the server's name
 * @param version its version
 * @param extensions the protocol extensions it supports
 */
public record ServerMetadata(String name, String version, List<String> extensions) {
  /** Copies the extensions. */
  public ServerMetadata {
    extensions = List.copyOf(extensions);
  }
}
