package io.kserve4j.core.spec;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.predictor.model}: what to serve and with which runtime.
 *
 * @param modelFormat the artifact's format (required)
 * @param runtime the (Cluster)ServingRuntime to use; {@code null} selects one automatically
 * @param runtimeVersion the runtime version; in a JVM it is kept for export only
 * @param protocolVersion {@code v1}, {@code v2}, {@code grpc-v1} or {@code grpc-v2}; {@code null}
 *     means {@code v1}, as in KServe
 * @param storageUri where the model artifact is
 * @param storage a storage key and path instead of a URI
 * @param extra container fields and other fields kept for export (image, resources, env...)
 */
public record ModelSpec(
    ModelFormat modelFormat,
    @Nullable String runtime,
    @Nullable String runtimeVersion,
    @Nullable String protocolVersion,
    @Nullable String storageUri,
    @Nullable StorageSpec storage,
    Map<String, Object> extra) {
  /** Copies the extra fields. */
  public ModelSpec {
    extra = Specs.copy(extra);
  }

  /** A model of this format at this storage URI, everything else unset. */
  public static ModelSpec of(String modelFormat, String storageUri) {
    return new ModelSpec(ModelFormat.of(modelFormat), null, null, null, storageUri, null, Map.of());
  }

  /** The protocol version, {@code v1} when unset (KServe's default). */
  public String protocolVersionOrDefault() {
    return protocolVersion == null ? "v1" : protocolVersion;
  }

  /** This model spec with {@code runtime} set. */
  public ModelSpec withRuntime(@Nullable String newRuntime) {
    return new ModelSpec(
        modelFormat, newRuntime, runtimeVersion, protocolVersion, storageUri, storage, extra);
  }

  /** This model spec with {@code protocolVersion} set. */
  public ModelSpec withProtocolVersion(@Nullable String newProtocolVersion) {
    return new ModelSpec(
        modelFormat, runtime, runtimeVersion, newProtocolVersion, storageUri, storage, extra);
  }

  /** This model spec with {@code storageUri} set. */
  public ModelSpec withStorageUri(@Nullable String newStorageUri) {
    return new ModelSpec(
        modelFormat, runtime, runtimeVersion, protocolVersion, newStorageUri, storage, extra);
  }
}
