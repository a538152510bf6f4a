package io.kserve4j.core.spec;

import org.jspecify.annotations.Nullable;

/**
 * How KServe deploys a service, from annotation {@value #ANNOTATION} (or {@code
 * status.deploymentMode}): Knative Services that scale on requests, or plain Deployments that
 * Kubernetes' HPA scales. KServe 0.16 renamed the modes; it still reads the old names, {@code
 * Serverless} and {@code RawDeployment}, and its webhook rewrites them to the new ones, as kserve4j
 * does when it reads YAML. KServe's third mode, {@code ModelMesh}, serves models from a cluster of
 * ModelMesh pods and cannot run in a JVM: kserve4j refuses it.
 */
public enum DeploymentMode {
  /**
   * Knative Services, scaled by Knative's KPA on concurrency or requests per second; the default.
   */
  KNATIVE("Knative", "Serverless"),
  /** Deployments scaled by Kubernetes' HPA (or KEDA) on CPU or memory; in a JVM a fixed count. */
  STANDARD("Standard", "RawDeployment");

  /** The annotation that chooses the mode. */
  public static final String ANNOTATION = "serving.kserve.io/deploymentMode";

  private final String kserveName;
  private final String legacyName;

  DeploymentMode(String kserveName, String legacyName) {
    this.kserveName = kserveName;
    this.legacyName = legacyName;
  }

  /** KServe's name for the mode: {@code Knative} or {@code Standard}. */
  public String kserveName() {
    return kserveName;
  }

  /** KServe's name before 0.16: {@code Serverless} or {@code RawDeployment}. */
  public String legacyName() {
    return legacyName;
  }

  /**
   * The mode a value names, by KServe's name or its old one, exactly (case matters, as in KServe).
   *
   * @param value e.g. {@code Standard} or {@code RawDeployment}
   * @return the mode, or {@code null} if the value names none ({@code ModelMesh} included)
   */
  public static @Nullable DeploymentMode of(String value) {
    for (DeploymentMode mode : values()) {
      if (mode.kserveName.equals(value) || mode.legacyName.equals(value)) {
        return mode;
      }
    }
    return null;
  }

  /**
   * The mode as KServe's controller picks it: the one {@code status.deploymentMode} names, else the
   * one the annotation names, else {@link #KNATIVE}, KServe's shipped default.
   */
  static DeploymentMode effective(@Nullable String status, @Nullable String annotation) {
    DeploymentMode fromStatus = status == null ? null : of(status);
    if (fromStatus != null) {
      return fromStatus;
    }
    DeploymentMode fromAnnotation = annotation == null ? null : of(annotation);
    return fromAnnotation != null ? fromAnnotation : KNATIVE;
  }
}
