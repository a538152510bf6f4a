package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** KServe's rules for ServingRuntimes and ClusterServingRuntimes, asserted word for word. */
class ServingRuntimeValidationTest {
  private static ServingRuntimeResource invalid() {
    List<ServingRuntimeResource> runtimes =
        Samples.read("invalid/servingruntime.yaml").servingRuntimes();
    assertThat(runtimes).hasSize(1);
    return runtimes.get(0);
  }

  @Test
  void invalidSample_listsEveryViolation() {
    assertThat(
            invalid().violations().stream().map(Violation::toString).collect(Collectors.toList()))
        .containsExactly(
            "spec.supportedModelFormats[1].priority = 2: must equal priority 1 of the autoSelect"
                + " entry for sklearn at spec.supportedModelFormats[0] (give every autoSelect entry"
                + " of sklearn the same priority)",
            "spec.supportedModelFormats[2].name = <unset>: is required (name the model format"
                + " this runtime serves, e.g. sklearn or onnx)",
            "spec.supportedModelFormats[3].priority = 0: must be >= 1 (use 1 or more: among"
                + " runtimes chosen automatically the higher priority wins)",
            "spec.protocolVersions[1] = \"v3\": must be one of [v1, v2, grpc-v1, grpc-v2] (list the"
                + " protocols the server speaks, e.g. v1 and v2)",
            "spec.containers = <unset>: is required (add the server container, e.g. - name:"
                + " kserve-container with its image)");
  }

  @Test
  void validate_throwsListingEveryViolation() {
    assertThatThrownBy(() -> invalid().validate())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageStartingWith(
            "ServingRuntime 'broken-runtime' is invalid (5 problems):\n"
                + "  spec.supportedModelFormats[1].priority = 2: ");
  }

  @Test
  void disabledRuntime_skipsThePriorityComparison_asKServesWebhookDoes() {
    ServingRuntimeResource runtime = invalid();
    ServingRuntimeSpec spec = runtime.spec();
    ServingRuntimeSpec disabled =
        new ServingRuntimeSpec(
            spec.supportedModelFormats().subList(0, 2),
            List.of("v2"),
            null,
            true,
            Map.of("containers", List.of(Map.of("name", "kserve-container", "image", "s:1"))));
    ServingRuntimeResource off =
        new ServingRuntimeResource(
            runtime.apiVersion(), runtime.kind(), runtime.metadata(), disabled, Map.of());

    assertThat(off.violations()).isEmpty();
    assertThat(off.validate()).isSameAs(off);
  }

  @Test
  void autoSelectEntriesWithoutPriority_areNotCompared() {
    List<SupportedModelFormat> formats =
        List.of(
            new SupportedModelFormat("sklearn", "1", true, null),
            new SupportedModelFormat("sklearn", "2", true, 3),
            new SupportedModelFormat("sklearn", "3", false, 1));
    ServingRuntimeResource runtime =
        new ServingRuntimeResource(
            ServingRuntimeResource.API_VERSION,
            ServingRuntimeResource.CLUSTER_KIND,
            ObjectMeta.named("kserve-sklearnserver"),
            new ServingRuntimeSpec(
                formats,
                List.of(),
                null,
                null,
                Map.of("containers", List.of(Map.of("name", "kserve-container")))),
            Map.of());

    assertThat(runtime.violations()).isEmpty();
  }

  @Test
  void pythonPath_isRejectedInRuntimeContainers() {
    ServingRuntimeResource runtime =
        new ServingRuntimeResource(
            ServingRuntimeResource.API_VERSION,
            ServingRuntimeResource.KIND,
            ObjectMeta.named("my-runtime"),
            new ServingRuntimeSpec(
                List.of(new SupportedModelFormat("onnx", null, true, 1)),
                List.of("v2"),
                null,
                null,
                Map.of(
                    "containers",
                    List.of(
                        Map.of(
                            "name",
                            "kserve-container",
                            "env",
                            List.of(Map.of("name", "PYTHONPATH", "value", "/x")))))),
            Map.of());

    assertThat(runtime.violations())
        .extracting(Violation::toString)
        .containsExactly(
            "spec.containers[0].env[0].name = \"PYTHONPATH\": must not be set (remove this env"
                + " entry; KServe rejects PYTHONPATH in every container)");
  }

  @Test
  void name_mustBeAKubernetesName() {
    ServingRuntimeResource runtime =
        new ServingRuntimeResource(
            ServingRuntimeResource.API_VERSION,
            ServingRuntimeResource.KIND,
            ObjectMeta.named("My_Runtime"),
            new ServingRuntimeSpec(
                List.of(), List.of(), null, null, Map.of("containers", List.of(Map.of()))),
            Map.of());

    assertThat(runtime.violations())
        .extracting(Violation::toString)
        .containsExactly(
            "metadata.name = \"My_Runtime\": must be a Kubernetes object name (lower-case letters,"
                + " digits, '-' and '.') (rename it, e.g. my-runtime)");
  }
}
