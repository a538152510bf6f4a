package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** KServe's admission rules for InferenceServices, each violation asserted word for word. */
class InferenceServiceValidationTest {
  private static final String NAME_FORMAT = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
  private static final String IMPLEMENTATIONS =
      "[model, sklearn, xgboost, tensorflow, pytorch, triton, onnx, huggingface, pmml, lightgbm,"
          + " paddle, containers]";

  private static InferenceServiceResource only(String sample) {
    List<InferenceServiceResource> services = Samples.read(sample).inferenceServices();
    assertThat(services).hasSize(1);
    return services.get(0);
  }

  private static List<String> messages(InferenceServiceResource isvc) {
    return isvc.violations().stream().map(Violation::toString).collect(Collectors.toList());
  }

  /** A valid sklearn service with these annotations and predictor component fields. */
  private static InferenceServiceResource service(
      Map<String, String> annotations, ComponentExtensionSpec component) {
    PredictorSpec predictor =
        PredictorSpec.builder()
            .model(ModelSpec.of("sklearn", "file://models/sklearn-iris"))
            .component(component)
            .build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "sklearn-iris", new InferenceServiceSpec(predictor, null, null, Map.of()));
    return new InferenceServiceResource(
        isvc.apiVersion(),
        isvc.kind(),
        new ObjectMeta("sklearn-iris", null, Map.of(), annotations, Map.of()),
        isvc.spec(),
        Map.of());
  }

  private static List<String> messages(
      Map<String, String> annotations, ComponentExtensionSpec.Builder component) {
    return messages(service(annotations, component.build()));
  }

  @Test
  void invalidScalingSample_listsEveryViolation() {
    InferenceServiceResource isvc = only("invalid/isvc-scaling.yaml");

    assertThat(messages(isvc))
        .containsExactly(
            "metadata.name = \"Sklearn_Iris\": must match "
                + NAME_FORMAT
                + " (use lower-case letters, digits and '-', starting with a letter and ending with"
                + " a letter or digit, e.g. sklearn-iris)",
            "metadata.annotations[serving.kserve.io/autoscalerClass] = \"kpa\": must be one of"
                + " [hpa, keda, external, none] (remove it in Knative mode, where Knative's"
                + " autoscaler scales; in Standard mode use hpa, keda, external or none)",
            "metadata.annotations[autoscaling.knative.dev/min-scale] = \"one\": must be an integer"
                + " >= 0 (write a whole number such as \"1\"; better, use minReplicas and"
                + " maxReplicas, which KServe applies)",
            "spec.predictor.model.protocolVersion = \"v3\": must be one of [v1, v2, grpc-v1,"
                + " grpc-v2] (use v2 for the Open Inference Protocol, v1 for KServe's v1 protocol)",
            "spec.predictor.minReplicas = -1: must be >= 0 (use 0 to allow scale to zero)",
            "spec.predictor.maxReplicas = -2: must be >= 0 (use 0 for no explicit maximum)",
            "spec.predictor.containerConcurrency = -1: must be >= 0 (use 0 for no limit, or the"
                + " most requests one replica serves at once)",
            "spec.predictor.timeout = 0: must be > 0 seconds (give the request timeout in"
                + " seconds, e.g. 60, or remove it for the default)",
            "spec.predictor.canaryTrafficPercent = 150: must be between 0 and 100 (give the latest"
                + " revision's share of traffic in percent: e.g. 10 for a canary, 100 to promote,"
                + " 0 to roll back)",
            "spec.predictor.scaleTarget = 0: must be >= 1 (give the per-replica target of the"
                + " scale metric, e.g. 10, or remove it for the default)",
            "spec.predictor.scaleMetric = \"cpu\": must be concurrency or rps in Knative"
                + " (Serverless) mode (use concurrency or rps, or set annotation"
                + " serving.kserve.io/deploymentMode: Standard to scale on cpu or memory)",
            "spec.predictor.logger.mode = <unset>: must be one of [all, request, response] (add"
                + " mode: all; KServe's webhook rejects a logger without a mode)",
            "spec.predictor.batcher.maxBatchSize = 0: must be >= 1 (give the most instances per"
                + " batch, e.g. 32, KServe's default, or remove it)",
            "spec.predictor.batcher.maxLatency = 0: must be >= 1 millisecond (give the longest"
                + " wait in milliseconds, e.g. 5000, KServe's default, or remove it)");
  }

  @Test
  void invalidPredictorSample_listsEveryViolation() {
    InferenceServiceResource isvc = only("invalid/isvc-predictor.yaml");

    assertThat(messages(isvc))
        .containsExactly(
            "metadata.annotations[serving.kserve.io/deploymentMode] = \"Raw\": must be one of"
                + " [Knative, Standard, Serverless, RawDeployment] (use Standard for Deployments"
                + " scaled by HPA, or Knative for Knative Services that scale to zero; Serverless"
                + " and RawDeployment are their old names)",
            "spec.predictor.name = \"Main_Predictor\": must match "
                + NAME_FORMAT
                + " (use lower-case letters, digits and '-', e.g. main-predictor)",
            "spec.predictor = [\"model\",\"sklearn\"]: must set exactly one of "
                + IMPLEMENTATIONS
                + " (keep one of [model, sklearn] and delete the others)",
            "spec.predictor.model.modelFormat.name = <unset>: is required (name the model's"
                + " format, e.g. sklearn, onnx or pytorch)",
            "spec.predictor.model.name = \"my-container\": must not be set on model or a framework"
                + " shortcut (delete it; KServe names the model's container kserve-container)",
            "spec.predictor.model.env[0].name = \"PYTHONPATH\": must not be set (remove this env"
                + " entry; KServe rejects PYTHONPATH in every container)",
            "spec.predictor.storageUris = [{\"uri\":\"file://models/a\",\"mountPath\":\"/mnt/models\"}]:"
                + " must not be set together with spec.predictor.model.storageUri (keep storageUri"
                + " for one model location, or move it into storageUris)",
            "spec.explainer = [\"art\",\"containers\"]: must set exactly one of [art, containers]"
                + " (keep art for KServe's ART explainer, or containers for your own explainer"
                + " image)");
  }

  @Test
  void validate_throwsOneExceptionListingEveryViolation() {
    InferenceServiceResource isvc = only("invalid/isvc-predictor.yaml");

    assertThatThrownBy(isvc::validate)
        .isInstanceOf(SpecValidationException.class)
        .hasMessageStartingWith(
            "InferenceService 'broken-predictor' is invalid (8 problems):\n"
                + "  metadata.annotations[serving.kserve.io/deploymentMode] = \"Raw\": ")
        .satisfies(
            e ->
                assertThat(((SpecValidationException) e).violations())
                    .isEqualTo(isvc.violations()));
  }

  @Test
  void predictor_withoutImplementation_isRejected() {
    PredictorSpec empty = PredictorSpec.builder().build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of("empty", new InferenceServiceSpec(empty, null, null, Map.of()));

    assertThat(messages(isvc))
        .containsExactly(
            "spec.predictor = <unset>: must set exactly one of "
                + IMPLEMENTATIONS
                + " (add model: with modelFormat.name and storageUri, or containers: with the"
                + " server image)");
  }

  @Test
  void predictor_withCustomContainersOnly_isValid() {
    PredictorSpec custom =
        PredictorSpec.builder()
            .extra(
                "containers",
                List.of(Map.of("name", "kserve-container", "image", "example.com/server:1")))
            .build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "custom", new InferenceServiceSpec(custom, null, null, Map.of()));

    assertThat(isvc.violations()).isEmpty();
  }

  @Test
  void model_withCollocatedTransformerContainer_isOneImplementation() {
    PredictorSpec collocated =
        PredictorSpec.builder()
            .model(ModelSpec.of("sklearn", "file://models/sklearn-iris"))
            .extra("containers", List.of(Map.of("name", "transformer-container", "image", "t:1")))
            .build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "collocated", new InferenceServiceSpec(collocated, null, null, Map.of()));

    assertThat(isvc.violations()).isEmpty();
  }

  @Test
  void minReplicasAboveMaxReplicas_isRejected_unlessMaxIsZero() {
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().minReplicas(5).maxReplicas(3)))
        .containsExactly(
            "spec.predictor.minReplicas = 5: must be <= maxReplicas 3 (raise maxReplicas to at"
                + " least 5 or lower minReplicas)");
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().minReplicas(5).maxReplicas(0)))
        .isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().maxReplicas(1))).isEmpty();
  }

  @Test
  void canaryTrafficPercent_boundsAreInclusive() {
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().canaryTrafficPercent(0L)))
        .isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().canaryTrafficPercent(100L)))
        .isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().canaryTrafficPercent(-1L)))
        .singleElement()
        .asString()
        .startsWith("spec.predictor.canaryTrafficPercent = -1: must be between 0 and 100 (");
  }

  @Test
  void scaleMetric_outsideKServesEnum_isRejected() {
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().scaleMetric("latency")))
        .containsExactly(
            "spec.predictor.scaleMetric = \"latency\": must be one of [cpu, memory, concurrency,"
                + " rps] (use concurrency or rps in Knative mode, cpu or memory in Standard mode)");
  }

  @Test
  void cpuMetric_isAllowedInStandardMode() {
    for (String mode : List.of("RawDeployment", "Standard")) {
      assertThat(
              messages(
                  Map.of("serving.kserve.io/deploymentMode", mode),
                  ComponentExtensionSpec.builder().scaleMetric("cpu").scaleTarget(80)))
          .as(mode)
          .isEmpty();
    }
    assertThat(
            messages(
                Map.of("serving.kserve.io/deploymentMode", "Serverless"),
                ComponentExtensionSpec.builder().scaleMetric("memory")))
        .singleElement()
        .asString()
        .startsWith("spec.predictor.scaleMetric = \"memory\": must be concurrency or rps in");
  }

  @Test
  void hpaClass_needsCpuOrMemory_andAPercentTarget() {
    Map<String, String> hpa =
        Map.of(
            "serving.kserve.io/deploymentMode", "Standard",
            "serving.kserve.io/autoscalerClass", "hpa");

    assertThat(messages(hpa, ComponentExtensionSpec.builder().scaleMetric("rps").scaleTarget(120)))
        .containsExactly(
            "spec.predictor.scaleMetric = \"rps\": must be cpu or memory with the HPA autoscaler"
                + " (use cpu or memory; concurrency and rps need Knative mode)",
            "spec.predictor.scaleTarget = 120: must be <= 100 with the HPA autoscaler (give a"
                + " utilization percent between 1 and 100, e.g. 80)");
  }

  @Test
  void knativeHpaClass_usesHpaRules() {
    Map<String, String> knativeHpa =
        Map.of("autoscaling.knative.dev/class", "hpa.autoscaling.knative.dev");

    assertThat(messages(knativeHpa, ComponentExtensionSpec.builder().scaleMetric("cpu"))).isEmpty();
  }

  @Test
  void kedaClass_rejectsScaleMetric() {
    Map<String, String> keda =
        Map.of(
            "serving.kserve.io/deploymentMode", "RawDeployment",
            "serving.kserve.io/autoscalerClass", "keda");

    assertThat(messages(keda, ComponentExtensionSpec.builder().scaleMetric("cpu").minReplicas(0)))
        .containsExactly(
            "spec.predictor.scaleMetric = \"cpu\": is not supported with"
                + " serving.kserve.io/autoscalerClass: keda (remove it and describe the metric"
                + " under autoScaling.metrics)");
  }

  @Test
  void deploymentStrategy_isRejectedInKnativeMode() {
    PredictorSpec predictor =
        PredictorSpec.builder()
            .model(ModelSpec.of("sklearn", "file://models/sklearn-iris"))
            .extra("deploymentStrategy", Map.of("type", "Recreate"))
            .build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of("s", new InferenceServiceSpec(predictor, null, null, Map.of()));

    assertThat(messages(isvc))
        .containsExactly(
            "spec.predictor.deploymentStrategy = {\"type\":\"Recreate\"}: is only supported in"
                + " Standard (RawDeployment) mode (remove it, or set annotation"
                + " serving.kserve.io/deploymentMode: Standard)");
  }

  @Test
  void knativeAnnotations_areChecked_onServiceAndComponent() {
    Map<String, String> annotations =
        Map.of(
            "autoscaling.knative.dev/target", "0",
            "autoscaling.knative.dev/initial-scale", "-1");
    ComponentExtensionSpec.Builder component =
        ComponentExtensionSpec.builder()
            .annotation("autoscaling.knative.dev/window", "5s")
            .annotation("autoscaling.knative.dev/max-scale", "3");

    assertThat(messages(annotations, component))
        .containsExactlyInAnyOrder(
            "metadata.annotations[autoscaling.knative.dev/target] = \"0\": must be a number > 0"
                + " (write the per-replica target such as \"100\", or use scaleTarget)",
            "metadata.annotations[autoscaling.knative.dev/initial-scale] = \"-1\": must be an"
                + " integer >= 0 (write a whole number such as \"1\")",
            "spec.predictor.annotations[autoscaling.knative.dev/window] = \"5s\": must be a"
                + " duration between 6s and 1h (write a duration such as \"60s\" or \"2m\")");
    assertThat(
            messages(
                Map.of("autoscaling.knative.dev/window", "1h"),
                ComponentExtensionSpec.builder()
                    .annotation("autoscaling.knative.dev/window", "1m30s")
                    .annotation("autoscaling.knative.dev/target", "0.5")))
        .isEmpty();
  }

  @Test
  void logger_withModeButEmptyStorage_isRejected() {
    LoggerSpec logger =
        new LoggerSpec("s3://logs", "request", List.of(), List.of(), Map.of("storage", Map.of()));

    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().logger(logger)))
        .containsExactly(
            "spec.predictor.logger.storage = {}: must set path, parameters or key (add path: with"
                + " the folder the logs go to)");
  }

  @Test
  void batcherTimeout_belowOne_isRejected() {
    assertThat(
            messages(
                Map.of(), ComponentExtensionSpec.builder().batcher(new BatcherSpec(null, null, 0))))
        .containsExactly(
            "spec.predictor.batcher.timeout = 0: must be >= 1 second (give a timeout in seconds,"
                + " or remove it: KServe never uses it)");
  }

  @Test
  void storageUris_entriesNeedAUriAndAnAbsoluteMountPath() {
    PredictorSpec predictor =
        PredictorSpec.builder()
            .extra(
                "containers",
                List.of(Map.of("name", "kserve-container", "image", "example.com/server:1")))
            .extra(
                "storageUris",
                List.of(
                    Map.of("uri", "", "mountPath", "/"),
                    Map.of("uri", "s3://b/m", "mountPath", "/mnt/../etc")))
            .build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of("s", new InferenceServiceSpec(predictor, null, null, Map.of()));

    assertThat(messages(isvc))
        .containsExactly(
            "spec.predictor.storageUris[0].uri = <unset>: is required (give the location, e.g."
                + " s3://bucket/models)",
            "spec.predictor.storageUris[0].mountPath = \"/\": must not be / (mount the model under"
                + " a directory such as /mnt/models)",
            "spec.predictor.storageUris[1].mountPath = \"/mnt/../etc\": must be an absolute path"
                + " without '..' (use a path such as /mnt/models)");
  }

  @Test
  void pythonPath_isRejectedInEveryComponentContainer() {
    Map<String, Object> container =
        Map.of(
            "name",
            "kserve-container",
            "image",
            "t:1",
            "env",
            List.of(Map.of("name", "PYTHONPATH", "value", "/x")));
    TransformerSpec transformer =
        new TransformerSpec(
            ComponentExtensionSpec.empty(), Map.of("containers", List.of(container)));
    ExplainerSpec explainer =
        new ExplainerSpec(
            ComponentExtensionSpec.empty(), Map.of("initContainers", List.of(container)));
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "s",
            new InferenceServiceSpec(
                PredictorSpec.of(ModelSpec.of("sklearn", "file://m")),
                transformer,
                explainer,
                Map.of()));

    assertThat(isvc.violations())
        .extracting(Violation::path)
        .containsExactly(
            "spec.transformer.containers[0].env[0].name",
            "spec.explainer.initContainers[0].env[0].name");
  }

  /** A valid sklearn service with these annotations and this status, read from YAML. */
  private static InferenceServiceResource withMode(String annotations, String status) {
    String yaml =
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
            + "  name: sklearn-iris\n  annotations:\n"
            + annotations
            + "spec:\n  predictor:\n    scaleMetric: cpu\n"
            + "    sklearn:\n      storageUri: file://models/sklearn-iris\n"
            + status;
    return KServeYaml.read(yaml, "mode.yaml").inferenceServices().get(0);
  }

  @Test
  void modelMesh_isRefused_itCannotRunInAJvm() {
    assertThat(messages(withMode("    serving.kserve.io/deploymentMode: ModelMesh\n", "")))
        .containsExactly(
            "metadata.annotations[serving.kserve.io/deploymentMode] = \"ModelMesh\": is not"
                + " supported in a JVM: ModelMesh serves models from a cluster of ModelMesh pods (use"
                + " Knative (the default) or Standard; deploy ModelMesh services to a cluster with"
                + " ModelMesh installed)");
  }

  @Test
  void statusDeploymentMode_isChecked_likeTheAnnotation() {
    assertThat(messages(withMode("    a: b\n", "status:\n  deploymentMode: Raw\n")))
        .containsExactly(
            "status.deploymentMode = \"Raw\": must be one of [Knative, Standard, Serverless,"
                + " RawDeployment] (use Standard for Deployments scaled by HPA, or Knative for"
                + " Knative Services that scale to zero; Serverless and RawDeployment are their old"
                + " names)");
    assertThat(messages(withMode("    a: b\n", "status:\n  deploymentMode: ModelMesh\n")))
        .singleElement()
        .asString()
        .startsWith("status.deploymentMode = \"ModelMesh\": is not supported in a JVM");
    assertThat(messages(withMode("    a: b\n", "status:\n  deploymentMode: RawDeployment\n")))
        .as("cpu is a Standard-mode metric: the status names Standard by its old name")
        .isEmpty();
  }

  @Test
  void annotation_mustMatchTheModeRecordedInStatus() {
    assertThat(
            messages(
                withMode(
                    "    serving.kserve.io/deploymentMode: Standard\n",
                    "status:\n  deploymentMode: Serverless\n")))
        .containsExactly(
            "metadata.annotations[serving.kserve.io/deploymentMode] = \"Standard\": must match"
                + " status.deploymentMode \"Serverless\" (KServe never changes the mode of an"
                + " existing service: set it to Knative, or remove status to deploy the service"
                + " anew)",
            "spec.predictor.scaleMetric = \"cpu\": must be concurrency or rps in Knative"
                + " (Serverless) mode (use concurrency or rps, or set annotation"
                + " serving.kserve.io/deploymentMode: Standard to scale on cpu or memory)");
    assertThat(
            messages(
                withMode(
                    "    serving.kserve.io/deploymentMode: RawDeployment\n",
                    "status:\n  deploymentMode: Standard\n")))
        .isEmpty();
  }

  @Test
  void unknownMode_skipsTheScalingRules_whichDependOnIt() {
    assertThat(
            messages(
                Map.of("serving.kserve.io/deploymentMode", "Raw"),
                ComponentExtensionSpec.builder().scaleMetric("rps").scaleTarget(500)))
        .singleElement()
        .asString()
        .startsWith("metadata.annotations[serving.kserve.io/deploymentMode] = \"Raw\": must be");
    assertThat(
            messages(
                Map.of(
                    "serving.kserve.io/deploymentMode", "ModelMesh",
                    "serving.kserve.io/autoscalerClass", "hpa"),
                ComponentExtensionSpec.builder().scaleMetric("rps")))
        .singleElement()
        .asString()
        .contains("is not supported in a JVM");
  }

  @Test
  void boundaries_areValid_whereKServeAllowsThem() {
    Map<String, String> hpa =
        Map.of(
            "serving.kserve.io/deploymentMode", "Standard",
            "serving.kserve.io/autoscalerClass", "hpa");

    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().minReplicas(3).maxReplicas(3)))
        .isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().minReplicas(0).maxReplicas(0)))
        .isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().minReplicas(-1).maxReplicas(2)))
        .containsExactly(
            "spec.predictor.minReplicas = -1: must be >= 0 (use 0 to allow scale to zero)");
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().containerConcurrency(0L)))
        .isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().timeout(1L))).isEmpty();
    assertThat(messages(Map.of(), ComponentExtensionSpec.builder().scaleTarget(1))).isEmpty();
    assertThat(
            messages(hpa, ComponentExtensionSpec.builder().scaleMetric("memory").scaleTarget(100)))
        .isEmpty();
    assertThat(
            messages(Map.of(), ComponentExtensionSpec.builder().batcher(new BatcherSpec(1, 1, 1))))
        .isEmpty();
    assertThat(
            messages(
                Map.of(),
                ComponentExtensionSpec.builder()
                    .logger(
                        new LoggerSpec(
                            null,
                            "all",
                            List.of(),
                            List.of(),
                            Map.of("storage", Map.of("path", "/l"))))))
        .isEmpty();
  }

  @Test
  void knativeAnnotations_boundaries() {
    String window = "autoscaling.knative.dev/window";
    String minScale = "autoscaling.knative.dev/min-scale";

    assertThat(messages(Map.of(window, "6s"), ComponentExtensionSpec.builder())).isEmpty();
    assertThat(messages(Map.of(window, "3600s"), ComponentExtensionSpec.builder())).isEmpty();
    assertThat(messages(Map.of(window, "5999ms"), ComponentExtensionSpec.builder()))
        .singleElement()
        .asString()
        .startsWith("metadata.annotations[autoscaling.knative.dev/window] = \"5999ms\": must be");
    assertThat(messages(Map.of(window, "1h0m1s"), ComponentExtensionSpec.builder())).hasSize(1);
    assertThat(messages(Map.of(window, "soon"), ComponentExtensionSpec.builder())).hasSize(1);
    assertThat(messages(Map.of(minScale, "2147483647"), ComponentExtensionSpec.builder()))
        .isEmpty();
    assertThat(messages(Map.of(minScale, "2147483648"), ComponentExtensionSpec.builder()))
        .containsExactly(
            "metadata.annotations[autoscaling.knative.dev/min-scale] = \"2147483648\": must be an"
                + " integer >= 0 (write a whole number such as \"1\"; better, use minReplicas and"
                + " maxReplicas, which KServe applies)");
    assertThat(
            messages(
                Map.of("autoscaling.knative.dev/target", "many", "other.io/x", "y"),
                ComponentExtensionSpec.builder()))
        .containsExactly(
            "metadata.annotations[autoscaling.knative.dev/target] = \"many\": must be a number >"
                + " 0 (write the per-replica target such as \"100\", or use scaleTarget)");
  }

  @Test
  void transformerAndExplainer_followTheComponentStorageAndEnvRules() {
    TransformerSpec transformer =
        new TransformerSpec(
            ComponentExtensionSpec.builder().minReplicas(-1).build(),
            Map.of(
                "containers",
                List.of(Map.of("name", "kserve-container", "image", "t:1")),
                "storageUris",
                List.of(Map.of("uri", ""))));
    ExplainerSpec explainer =
        new ExplainerSpec(
            ComponentExtensionSpec.builder().maxReplicas(-1).build(),
            Map.of(
                "art",
                Map.of("type", "SquareAttack", "env", List.of(Map.of("name", "PYTHONPATH"))),
                "storageUris",
                List.of(Map.of("uri", "s3://b/m", "mountPath", "models"))));
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "s",
            new InferenceServiceSpec(
                PredictorSpec.of(ModelSpec.of("sklearn", "file://m")),
                transformer,
                explainer,
                Map.of()));

    assertThat(messages(isvc))
        .containsExactly(
            "spec.transformer.minReplicas = -1: must be >= 0 (use 0 to allow scale to zero)",
            "spec.transformer.storageUris[0].uri = <unset>: is required (give the location, e.g."
                + " s3://bucket/models)",
            "spec.explainer.maxReplicas = -1: must be >= 0 (use 0 for no explicit maximum)",
            "spec.explainer.storageUris[0].mountPath = \"models\": must be an absolute path"
                + " without '..' (use a path such as /mnt/models)",
            "spec.explainer.art.env[0].name = \"PYTHONPATH\": must not be set (remove this env"
                + " entry; KServe rejects PYTHONPATH in every container)");
  }

  @Test
  void predictor_containersNamedKserveContainer_nextToModel_areASecondImplementation() {
    PredictorSpec predictor =
        PredictorSpec.builder()
            .model(ModelSpec.of("sklearn", "file://m"))
            .extra(
                "containers",
                List.of(
                    Map.of("name", "transformer-container", "image", "t:1"),
                    Map.of(
                        "name",
                        "kserve-container",
                        "image",
                        "s:1",
                        "env",
                        List.of(Map.of("name", "PYTHONPATH", "value", "/x")))))
            .extra(
                "workerSpec",
                Map.of(
                    "containers",
                    List.of(
                        Map.of("name", "worker", "env", List.of(Map.of("name", "PYTHONPATH"))))))
            .build();
    InferenceServiceResource isvc =
        InferenceServiceResource.of("s", new InferenceServiceSpec(predictor, null, null, Map.of()));

    assertThat(messages(isvc))
        .containsExactly(
            "spec.predictor = [\"model\",\"containers\"]: must set exactly one of "
                + IMPLEMENTATIONS
                + " (keep one of [model, containers] and delete the others)",
            "spec.predictor.containers[1].env[0].name = \"PYTHONPATH\": must not be set (remove"
                + " this env entry; KServe rejects PYTHONPATH in every container)",
            "spec.predictor.workerSpec.containers[0].env[0].name = \"PYTHONPATH\": must not be"
                + " set (remove this env entry; KServe rejects PYTHONPATH in every container)");
  }

  @Test
  void name_missing_isRequired() {
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "",
            new InferenceServiceSpec(
                PredictorSpec.of(ModelSpec.of("onnx", "file://m")), null, null, Map.of()));

    assertThat(messages(isvc))
        .containsExactly(
            "metadata.name = <unset>: is required (name the InferenceService, e.g. sklearn-iris)");
  }
}
