package io.kserve4j.core.spec;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kserve4j.core.testkit.CrdSchemas;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading and writing KServe YAML with {@link KServeYaml}. */
class KServeYamlTest {
  private static final String HEADER =
      "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n";

  private static InferenceServiceResource isvc(String yaml) {
    List<InferenceServiceResource> services =
        KServeYaml.read(yaml, "test.yaml").inferenceServices();
    assertThat(services).hasSize(1);
    return services.get(0);
  }

  private static List<String> problems(String yaml, String source) {
    try {
      KServeYaml.read(yaml, source);
    } catch (SpecValidationException e) {
      return e.violations().stream().map(Violation::toString).collect(Collectors.toList());
    }
    throw new AssertionError("no SpecValidationException for\n" + yaml);
  }

  private static JsonNode tree(String yaml) throws Exception {
    return new YAMLMapper().readTree(yaml);
  }

  // ---- reading

  @Test
  void read_sklearnIris_bindsKServeFields() {
    KServeDocuments docs = Samples.read("sklearn-iris.yaml");

    assertThat(docs.servingRuntimes()).isEmpty();
    assertThat(docs.inferenceGraphs()).isEmpty();
    InferenceServiceResource isvc = docs.inferenceServices().get(0);
    assertThat(isvc.apiVersion()).isEqualTo("serving.kserve.io/v1beta1");
    assertThat(isvc.kind()).isEqualTo("InferenceService");
    assertThat(isvc.name()).isEqualTo("sklearn-iris");
    assertThat(isvc.metadata().namespace()).isEqualTo("models");
    assertThat(isvc.spec().predictor().model())
        .isEqualTo(
            new ModelSpec(
                ModelFormat.of("sklearn"),
                null,
                null,
                "v1",
                "file://models/sklearn-iris",
                null,
                Map.of()));
    assertThat(isvc.spec().predictor().component()).isEqualTo(ComponentExtensionSpec.empty());
    assertThat(isvc.spec().transformer()).isNull();
    assertThat(isvc.spec().explainer()).isNull();
    assertThat(isvc.extra()).isEmpty();
  }

  @Test
  void read_shortcut_becomesModelWithModelFormat_andComponentFieldsGoToTheComponent() {
    PredictorSpec predictor =
        Samples.read("autoscaling.yaml").inferenceServices().get(0).spec().predictor();

    assertThat(predictor.model()).isEqualTo(ModelSpec.of("sklearn", "file://models/sklearn-iris"));
    assertThat(predictor.component())
        .isEqualTo(
            ComponentExtensionSpec.builder()
                .minReplicas(1)
                .maxReplicas(5)
                .scaleTarget(10)
                .scaleMetric("concurrency")
                .containerConcurrency(20L)
                .annotation("autoscaling.knative.dev/window", "60s")
                .build());
    assertThat(predictor.extra()).isEmpty();
  }

  @Test
  void read_batcherAndLogger() {
    ComponentExtensionSpec component =
        Samples.read("batcher-logger.yaml")
            .inferenceServices()
            .get(0)
            .spec()
            .predictor()
            .component();

    assertThat(component.batcher()).isEqualTo(new BatcherSpec(32, 500, null));
    assertThat(component.logger())
        .isEqualTo(
            new LoggerSpec(
                "http://message-dumper.default.svc.cluster.local",
                "all",
                List.of("x-request-id"),
                List.of(),
                Map.of()));
  }

  @Test
  void read_tritonOnnxAndHuggingFaceShortcuts_getProtocolV2_unlessSet() {
    for (String shortcut : List.of("triton", "onnx", "huggingface")) {
      String yaml =
          HEADER
              + "metadata:\n  name: m\nspec:\n  predictor:\n    "
              + shortcut
              + ":\n      storageUri: file://models/m\n";

      ModelSpec model = requireNonNull(isvc(yaml).spec().predictor().model());

      assertThat(model.modelFormat()).isEqualTo(ModelFormat.of(shortcut));
      assertThat(model.protocolVersion()).as(shortcut).isEqualTo("v2");
      assertThat(isvc(yaml + "      protocolVersion: grpc-v2\n").spec().predictor().model())
          .extracting(ModelSpec::protocolVersion)
          .isEqualTo("grpc-v2");
    }
    String pytorch =
        HEADER + "metadata:\n  name: m\nspec:\n  predictor:\n    pytorch:\n      storageUri: x\n";
    assertThat(isvc(pytorch).spec().predictor().model())
        .extracting(ModelSpec::protocolVersion)
        .isNull();
  }

  @Test
  void read_modelWithTritonOrVllmFormat_getsProtocolV2() {
    for (String format : List.of("triton", "vLLM")) {
      String yaml =
          HEADER
              + "metadata:\n  name: m\nspec:\n  predictor:\n    model:\n      modelFormat:\n"
              + "        name: "
              + format
              + "\n      storageUri: file://models/m\n";

      assertThat(isvc(yaml).spec().predictor().model())
          .extracting(ModelSpec::protocolVersion)
          .isEqualTo("v2");
    }
    String onnxModel =
        HEADER
            + "metadata:\n  name: m\nspec:\n  predictor:\n    model:\n      modelFormat:\n"
            + "        name: onnx\n";
    assertThat(isvc(onnxModel).spec().predictor().model())
        .extracting(ModelSpec::protocolVersion)
        .isNull();
  }

  @Test
  void read_fieldsNotModelled_areKeptAsRead_inTheNearestRecord() {
    InferenceServiceResource onnx = Samples.read("onnx-v2.yaml").inferenceServices().get(0);
    InferenceServiceResource transformer =
        Samples.read("transformer.yaml").inferenceServices().get(0);
    InferenceServiceResource explainer = Samples.read("explainer.yaml").inferenceServices().get(0);

    assertThat(requireNonNull(onnx.spec().predictor().model()).extra())
        .isEqualTo(
            Map.of(
                "resources",
                Map.of(
                    "requests", Map.of("cpu", "500m", "memory", "1Gi"),
                    "limits", Map.of("cpu", "1", "memory", "2Gi"))));
    TransformerSpec transformerSpec = requireNonNull(transformer.spec().transformer());
    assertThat(transformerSpec.extra())
        .isEqualTo(
            Map.of(
                "containers",
                List.of(
                    Map.of(
                        "name", "kserve-container",
                        "image", "example.com/mnist-transformer:1.0",
                        "args", List.of("--model_name", "mnist-transformer")))));
    assertThat(transformerSpec.component().annotations())
        .containsEntry("serving.kserve4j.io/class", "com.example.Transformer");
    assertThat(requireNonNull(explainer.spec().explainer()).extra())
        .isEqualTo(
            Map.of("art", Map.of("type", "SquareAttack", "config", Map.of("nb_classes", "10"))));
  }

  /** Fields KServe's CRD defines that kserve4j does not apply in-process. */
  private static final String KEPT_FIELDS =
      HEADER
          + "metadata:\n"
          + "  name: sklearn-iris\n"
          + "  uid: 1234\n"
          + "  creationTimestamp: null\n"
          + "spec:\n"
          + "  predictor:\n"
          + "    nodeSelector:\n"
          + "      disk: ssd\n"
          + "    tolerations:\n"
          + "      - key: gpu\n"
          + "        operator: Exists\n"
          + "    batcher:\n"
          + "      maxBatchSize: 8\n"
          + "    logger:\n"
          + "      mode: all\n"
          + "      batchSize: 10\n"
          + "    model:\n"
          + "      modelFormat:\n"
          + "        name: sklearn\n"
          + "      storageUri: file://models/sklearn-iris\n"
          + "      env:\n"
          + "        - name: WORKERS\n"
          + "          value: \"1\"\n"
          + "      storage:\n"
          + "        key: s3\n"
          + "status:\n"
          + "  url: http://sklearn-iris.default.example.com\n"
          + "  somethingNew: 1\n";

  @Test
  void read_crdFieldsNotApplied_areKept_andWrittenBackInTheirPlace() throws Exception {
    InferenceServiceResource isvc = isvc(KEPT_FIELDS);

    Map<String, Object> metadataExtra = new LinkedHashMap<>();
    metadataExtra.put("uid", 1234);
    metadataExtra.put("creationTimestamp", null);
    assertThat(isvc.metadata().extra()).isEqualTo(metadataExtra);
    assertThat(isvc.spec().extra()).isEmpty();
    PredictorSpec predictor = isvc.spec().predictor();
    assertThat(predictor.extra().keySet()).containsExactly("nodeSelector", "tolerations");
    assertThat(predictor.component().batcher()).isEqualTo(new BatcherSpec(8, null, null));
    assertThat(requireNonNull(predictor.component().logger()).extra())
        .isEqualTo(Map.of("batchSize", 10));
    ModelSpec model = requireNonNull(predictor.model());
    assertThat(model.extra().keySet()).containsExactly("env");
    assertThat(model.storage()).isEqualTo(new StorageSpec("s3", null, Map.of(), null));
    assertThat(isvc.extra())
        .isEqualTo(
            Map.of(
                "status",
                Map.of("url", "http://sklearn-iris.default.example.com", "somethingNew", 1)));

    String written = KServeYaml.write(isvc);
    JsonNode out = tree(written);

    assertThat(out.at("/metadata/uid").intValue()).isEqualTo(1234);
    assertThat(out.at("/metadata/creationTimestamp").isNull()).isTrue();
    assertThat(out.at("/spec/predictor/nodeSelector/disk").textValue()).isEqualTo("ssd");
    assertThat(out.at("/spec/predictor/tolerations/0/operator").textValue()).isEqualTo("Exists");
    assertThat(out.at("/spec/predictor/batcher/maxBatchSize").intValue()).isEqualTo(8);
    assertThat(out.at("/spec/predictor/logger/batchSize").intValue()).isEqualTo(10);
    assertThat(out.at("/spec/predictor/model/modelFormat/name").textValue()).isEqualTo("sklearn");
    assertThat(out.at("/spec/predictor/model/storage/key").textValue()).isEqualTo("s3");
    assertThat(out.at("/spec/predictor/model/env/0/value").isTextual()).isTrue();
    assertThat(out.at("/status/url").textValue())
        .isEqualTo("http://sklearn-iris.default.example.com");
    assertThat(out.at("/status/somethingNew").intValue()).isEqualTo(1);
    assertThat(isvc(written)).isEqualTo(isvc);
  }

  @Test
  void read_keptField_isLoggedOnceAtDebug() {
    Logger jul = Logger.getLogger(KServeYaml.class.getName());
    List<String> lines = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().equals(Level.FINE)) {
              lines.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = jul.getLevel();
    jul.setLevel(Level.FINE);
    jul.addHandler(handler);
    try {
      isvc(KEPT_FIELDS);
    } finally {
      jul.removeHandler(handler);
      jul.setLevel(before);
    }

    assertThat(lines)
        .containsExactlyInAnyOrder(
            "kept for export, not applied in-process: metadata.uid",
            "kept for export, not applied in-process: metadata.creationTimestamp",
            "kept for export, not applied in-process: spec.predictor.nodeSelector",
            "kept for export, not applied in-process: spec.predictor.tolerations",
            "kept for export, not applied in-process: spec.predictor.logger.batchSize",
            "kept for export, not applied in-process: spec.predictor.model.env",
            "kept for export, not applied in-process: status");
  }

  @Test
  void read_typos_areUnknownFields_eachNamingTheFieldMeant_allAtOnce() {
    assertThatThrownBy(() -> Samples.read("invalid/isvc-typos.yaml"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("isvc-typos.yaml' is invalid (10 problems):");
    assertThat(problems(Samples.text("invalid/isvc-typos.yaml"), "isvc-typos.yaml"))
        .containsExactly(
            "metadata.label = {\"team\":\"ml\"}: unknown field (did you mean labels?)",
            "spec.predictor.model.storageUrl = \"file://models/sklearn-iris\": unknown field (did"
                + " you mean storageUri?)",
            "spec.predictor.model.containerConcurrency = 4: unknown field (did you mean"
                + " spec.predictor.containerConcurrency? it belongs one level up)",
            "spec.predictor.model.resources.limit = {\"cpu\":\"1\"}: unknown field (did you mean"
                + " limits?)",
            "spec.predictor.minReplica = 0: unknown field (did you mean minReplicas?)",
            "spec.predictor.scaleMetrics = \"concurrency\": unknown field (did you mean"
                + " scaleMetric?)",
            "spec.predictor.autoscaling = {}: unknown field (did you mean autoScaling?)",
            "spec.predictor.storageUri = \"file://models/sklearn-iris\": unknown field (did you"
                + " mean spec.predictor.model.storageUri? it belongs under model:)",
            "spec.transformer.futureField = true: unknown field (not a field of InferenceService"
                + " spec.transformer)",
            "spec.transformer.containers[0].imagePullPolice = \"Always\": unknown field (did you"
                + " mean imagePullPolicy?)");
  }

  @Test
  void read_unknownFieldWithNothingClose_namesTheObject() {
    String yaml =
        HEADER
            + "metadata:\n  name: m\nspec:\n  futureField:\n    a: 1\n  predictor:\n"
            + "    sklearn:\n      storageUri: file://m\n";

    assertThat(problems(yaml, "future.yaml"))
        .containsExactly(
            "spec.futureField = {\"a\":1}: unknown field (not a field of InferenceService spec)");
  }

  @Test
  void read_unknownTopLevelField_isReported_withoutAPath() {
    String yaml = HEADER + "metadata:\n  name: m\nspecs:\n  predictor: {}\nextra: 1\n";

    assertThat(problems(yaml, "top.yaml"))
        .containsExactly(
            "specs = {\"predictor\":{}}: unknown field (did you mean spec?)",
            "extra = 1: unknown field (not a field of InferenceService)");
  }

  @Test
  void read_unknownFieldOfARuntimeFormat_isAViolation() {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1alpha1
        kind: ClusterServingRuntime
        metadata:
          name: r
        spec:
          supportedModelFormats:
            - name: onnx
            - name: sklearn
              weight: 2
              autoselect: true
          containers:
            - name: kserve-container
              imagePullPolicy: Always
              port: 8080
        """;

    assertThat(problems(yaml, "r.yaml"))
        .containsExactly(
            "spec.supportedModelFormats[1].weight = 2: unknown field (not a field of"
                + " ClusterServingRuntime spec.supportedModelFormats[1])",
            "spec.supportedModelFormats[1].autoselect = true: unknown field (did you mean"
                + " autoSelect?)",
            "spec.containers[0].port = 8080: unknown field (did you mean ports?)");
  }

  @Test
  void read_multiDocument_skipsEmptyDocuments_andReadsEveryKind() {
    String yaml =
        "---\n# nothing here\n---\n"
            + Samples.text("runtime-and-service.yaml")
            + "\n---\n---\n"
            + Samples.text("cluster-serving-runtime.yaml");

    KServeDocuments docs = KServeYaml.read(yaml, "all.yaml");

    assertThat(docs.inferenceServices())
        .extracting(InferenceServiceResource::name)
        .containsExactly("mnist");
    assertThat(docs.servingRuntimes())
        .extracting(ServingRuntimeResource::name, ServingRuntimeResource::isClusterScoped)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kserve4j-onnx", false),
            org.assertj.core.groups.Tuple.tuple("kserve-sklearnserver", true));
    assertThat(docs.inferenceGraphs())
        .containsExactly(
            InferenceGraphResource.of(
                "mnist-graph",
                InferenceGraphSpec.builder()
                    .node(
                        "root",
                        InferenceRouter.of(
                            InferenceRouterType.SEQUENCE,
                            InferenceStep.builder().name("classify").serviceName("mnist").build()))
                    .build()));
    assertThat(docs.trainedModels()).isEmpty();
  }

  @Test
  void read_emptyText_givesNoDocuments() {
    assertThat(KServeYaml.read("", "empty.yaml").isEmpty()).isTrue();
    assertThat(KServeYaml.read("# only a comment\n---\n", "empty.yaml"))
        .isEqualTo(KServeDocuments.empty());
  }

  @Test
  void read_servingRuntime_bindsFormatsAndKeepsContainers() {
    ServingRuntimeResource runtime =
        Samples.read("cluster-serving-runtime.yaml").servingRuntimes().get(0);

    assertThat(runtime.kind()).isEqualTo("ClusterServingRuntime");
    assertThat(runtime.spec().supportedModelFormats())
        .containsExactly(new SupportedModelFormat("sklearn", "1", true, 1));
    assertThat(runtime.spec().protocolVersions()).containsExactly("v1", "v2");
    assertThat(runtime.spec().multiModel()).isNull();
    assertThat(runtime.spec().extra().keySet()).containsExactly("annotations", "containers");
  }

  // ---- broken input

  @Test
  void read_brokenSyntax_namesSourceLineAndColumn() {
    String yaml = HEADER + "metadata:\n  name: sklearn-iris\n   namespace: models\n";

    assertThatThrownBy(() -> KServeYaml.read(yaml, "broken.yaml"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "KServe YAML 'broken.yaml' is invalid (1 problem):\n"
                + "  broken.yaml:5:13 = \"   namespace: models\": is not valid YAML: mapping values"
                + " are not allowed here (check the indentation at line 5, column 13, or quote a"
                + " value that contains ': ')");
  }

  @Test
  void read_tabIndentation_asksForSpaces() {
    assertThat(problems(HEADER + "metadata:\n\tname: x\n", "tabs.yaml"))
        .containsExactly(
            "tabs.yaml:4:1 = \"\\tname: x\": is not valid YAML: found character '\\t(TAB)' that"
                + " cannot start any token. (Do not use \\t(TAB) for indentation) (indent with"
                + " spaces, not tabs, at line 4, column 1)");
  }

  @Test
  void read_duplicateKey_isRejected() {
    assertThat(problems(HEADER + "metadata:\n  name: a\n  name: b\n", "dup.yaml"))
        .containsExactly(
            "dup.yaml:5:7 = \"  name: b\": is not valid YAML: Duplicate field 'name' (remove or"
                + " rename the second key at line 5, column 7)");
  }

  @Test
  void read_unclosedQuote_isReported() {
    assertThat(problems(HEADER + "metadata:\n  name: \"abc\n", "quote.yaml"))
        .singleElement()
        .asString()
        .startsWith("quote.yaml:")
        .contains("is not valid YAML: found unexpected end of stream (close the quote or bracket");
  }

  @Test
  void read_syntaxErrorInALaterDocument_keepsEarlierProblems() {
    String yaml =
        HEADER
            + "metadata:\n  name: a\nspec:\n  predictor:\n    minReplicas: x\n---\n"
            + "kind: [\n";

    assertThat(problems(yaml, "two.yaml"))
        .hasSize(2)
        .first()
        .asString()
        .startsWith("[document 1] spec.predictor.minReplicas = \"x\": must be an integer");
  }

  @Test
  void read_wrongTypes_namePathValueAndExpectedType_allAtOnce() {
    String yaml =
        HEADER
            + "metadata:\n"
            + "  name: sklearn-iris\n"
            + "  labels:\n"
            + "    tier: 1\n"
            + "spec:\n"
            + "  predictor:\n"
            + "    minReplicas: two\n"
            + "    maxReplicas: \"3\"\n"
            + "    containerConcurrency: 1.5\n"
            + "    batcher: 32\n"
            + "    logger:\n"
            + "      mode: all\n"
            + "      metadataHeaders: x-request-id\n"
            + "    model:\n"
            + "      modelFormat:\n"
            + "        name: sklearn\n"
            + "        version: 1.0\n"
            + "      storageUri: [a, b]\n";

    assertThatThrownBy(() -> KServeYaml.read(yaml, "types.yaml"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessage(
            "KServe YAML 'types.yaml' is invalid (8 problems):\n"
                + "  metadata.labels[tier] = 1: must be a string (quote it: \"1\")\n"
                + "  spec.predictor.model.modelFormat.version = 1.0: must be a string (quote it:"
                + " \"1.0\")\n"
                + "  spec.predictor.model.storageUri = [\"a\",\"b\"]: must be a string (write one"
                + " text value, not a list)\n"
                + "  spec.predictor.minReplicas = \"two\": must be an integer (write a whole number"
                + " such as 2)\n"
                + "  spec.predictor.maxReplicas = \"3\": must be an integer (write 3 without"
                + " quotes)\n"
                + "  spec.predictor.containerConcurrency = 1.5: must be an integer (write a whole"
                + " number such as 2)\n"
                + "  spec.predictor.batcher = 32: must be a mapping (write its fields as key: value"
                + " lines indented under batcher:)\n"
                + "  spec.predictor.logger.metadataHeaders = \"x-request-id\": must be a list (write"
                + " one '- item' line per entry under metadataHeaders:)");
  }

  @Test
  void read_servingRuntimeWrongTypes() {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1alpha1
        kind: ServingRuntime
        metadata:
          name: r
        spec:
          multiModel: "false"
          supportedModelFormats:
            - sklearn
            - name: onnx
              priority: 3000000000
        """;

    assertThat(problems(yaml, "sr.yaml"))
        .containsExactly(
            "spec.supportedModelFormats[0] = \"sklearn\": must be a mapping (write its fields as"
                + " key: value lines indented under supportedModelFormats[0]:)",
            "spec.supportedModelFormats[1].priority = 3000000000: must fit in 32 bits (use at"
                + " most 2147483647)",
            "spec.multiModel = \"false\": must be a boolean (write false without quotes)");
  }

  @Test
  void read_booleansAndLongs_areTyped_andTheFixFitsTheValue() {
    String runtime =
        "apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\nmetadata:\n  name: r\n"
            + "spec:\n  containers:\n    - name: kserve-container\n";

    ServingRuntimeSpec spec =
        KServeYaml.read(runtime + "  disabled: false\n  multiModel: true\n", "r.yaml")
            .servingRuntimes()
            .get(0)
            .spec();

    assertThat(spec.disabled()).isFalse();
    assertThat(spec.multiModel()).isTrue();
    assertThat(problems(runtime + "  disabled: \"TRUE\"\n  multiModel: 1\n", "r.yaml"))
        .containsExactly(
            "spec.multiModel = 1: must be a boolean (write true or false)",
            "spec.disabled = \"TRUE\": must be a boolean (write true without quotes)");
    assertThat(
            problems(
                HEADER
                    + "metadata:\n  name: m\nspec:\n  predictor:\n"
                    + "    timeout: 9223372036854775808\n",
                "t.yaml"))
        .containsExactly(
            "spec.predictor.timeout = 9223372036854775808: must fit in 64 bits (use at most"
                + " 9223372036854775807)");
  }

  @Test
  void read_syntaxErrors_showTheLine_andAFixForTheProblem() {
    assertThat(problems("a: b: c", "one.yaml"))
        .containsExactly(
            "one.yaml:1:5 = \"a: b: c\": is not valid YAML: mapping values are not allowed here"
                + " (check the indentation at line 1, column 5, or quote a value that contains ':"
                + " ')");
    assertThat(problems("kind: @x\n", "at.yaml"))
        .singleElement()
        .asString()
        .startsWith("at.yaml:1:7 = \"kind: @x\": is not valid YAML: found character '@'")
        .endsWith("(fix the YAML at line 1, column 7)");
    assertThat(problems("kind: {a: b\n", "flow.yaml"))
        .singleElement()
        .asString()
        .endsWith("(close the quote or bracket opened before line 2, column 1)");
  }

  @Test
  void read_unknownKind_listsTheKindsKserve4jReads() {
    assertThat(problems("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n", "d.yaml"))
        .containsExactly(
            "kind = \"Deployment\": is not a kind kserve4j reads (use one of InferenceService"
                + " serving.kserve.io/v1beta1, ServingRuntime serving.kserve.io/v1alpha1,"
                + " ClusterServingRuntime serving.kserve.io/v1alpha1, InferenceGraph"
                + " serving.kserve.io/v1alpha1, TrainedModel serving.kserve.io/v1alpha1)");
  }

  @Test
  void read_unknownApiVersion_namesTheOneToUse() {
    String yaml =
        "apiVersion: serving.kserve.io/v1alpha2\nkind: InferenceService\nmetadata:\n  name: x\n";

    assertThat(problems(yaml, "old.yaml"))
        .containsExactly(
            "apiVersion = \"serving.kserve.io/v1alpha2\": is not an apiVersion kserve4j reads for"
                + " InferenceService (write apiVersion: serving.kserve.io/v1beta1; kserve4j reads"
                + " InferenceService serving.kserve.io/v1beta1, ServingRuntime"
                + " serving.kserve.io/v1alpha1, ClusterServingRuntime serving.kserve.io/v1alpha1,"
                + " InferenceGraph serving.kserve.io/v1alpha1, TrainedModel serving.kserve.io/v1alpha1)");
  }

  @Test
  void read_missingKindOrApiVersion_orNotAMapping_isReported() {
    String noKind = "apiVersion: serving.kserve.io/v1beta1\nmetadata:\n  name: x\n";
    String noApiVersion = "kind: ServingRuntime\nmetadata:\n  name: x\n";

    assertThat(problems(noKind, "a.yaml"))
        .singleElement()
        .asString()
        .startsWith("kind = <unset>: is required (add kind: with one of InferenceService");
    assertThat(problems(noApiVersion, "b.yaml"))
        .singleElement()
        .asString()
        .startsWith(
            "apiVersion = <unset>: is not an apiVersion kserve4j reads for ServingRuntime (write"
                + " apiVersion: serving.kserve.io/v1alpha1;");
    assertThat(problems("- just\n- a list\n", "c.yaml"))
        .containsExactly(
            "(document) = [\"just\",\"a list\"]: must be a KServe object: a mapping with"
                + " apiVersion, kind, metadata and spec (start the document with apiVersion: and"
                + " kind: lines)");
  }

  @Test
  void read_multiDocument_violationsNameTheirDocument() {
    String yaml =
        HEADER
            + "metadata:\n  name: a\nspec:\n  predictor:\n    timeout: soon\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\n";

    assertThat(problems(yaml, "multi.yaml"))
        .containsExactly(
            "[document 1] spec.predictor.timeout = \"soon\": must be an integer (write a whole"
                + " number such as 2)",
            "[document 2] kind = \"ConfigMap\": is not a kind kserve4j reads (use one of"
                + " InferenceService serving.kserve.io/v1beta1, ServingRuntime"
                + " serving.kserve.io/v1alpha1, ClusterServingRuntime serving.kserve.io/v1alpha1,"
                + " InferenceGraph serving.kserve.io/v1alpha1, TrainedModel serving.kserve.io/v1alpha1)");
  }

  @Test
  void readDocuments_readsWhatItCan_andGivesEachOtherDocumentItsProblems() {
    String yaml =
        HEADER
            + "metadata:\n  name: good\nspec:\n  predictor:\n    sklearn:\n"
            + "      storageUri: file://m\n---\n"
            + HEADER
            + "metadata:\n  name: typo\nspec:\n  predictor:\n    minReplica: 0\n---\n"
            + "---\n"
            + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\n"
            + "kind:\nmetadata:\n  name: k\n---\n"
            + "kind: [InferenceService\n";

    List<KServeDocument> docs = KServeYaml.readDocuments(yaml, "all.yaml");

    assertThat(docs)
        .extracting(KServeDocument::number, KServeDocument::kind, KServeDocument::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "InferenceService", "good"),
            org.assertj.core.groups.Tuple.tuple(2, "InferenceService", "typo"),
            org.assertj.core.groups.Tuple.tuple(4, "Deployment", "d"),
            org.assertj.core.groups.Tuple.tuple(5, "", "k"),
            org.assertj.core.groups.Tuple.tuple(6, "", ""));
    assertThat(docs.get(0).resource()).isInstanceOf(InferenceServiceResource.class);
    assertThat(docs.get(0).problems()).isEmpty();
    assertThat(docs.get(0).violations()).isEmpty();
    assertThat(docs.get(1).resource()).isNull();
    assertThat(docs.get(1).violations())
        .extracting(Violation::toString)
        .containsExactly(
            "spec.predictor.minReplica = 0: unknown field (did you mean minReplicas?)");
    assertThat(docs.get(2).problems())
        .singleElement()
        .asString()
        .startsWith("kind = \"Deployment\": is not a kind kserve4j reads");
    assertThat(docs.get(3).problems())
        .singleElement()
        .asString()
        .startsWith("kind = <unset>: is required (add kind: with one of InferenceService");
    assertThat(docs.get(4).problems()).singleElement().asString().startsWith("all.yaml:");
    assertThatThrownBy(() -> KServeYaml.read(yaml, "all.yaml"))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::path)
                    .containsExactly(
                        "[document 2] spec.predictor.minReplica",
                        "[document 4] kind",
                        "[document 5] kind",
                        docs.get(4).problems().get(0).path()));
  }

  @Test
  void readDocuments_ofAValidResource_hasItsRuleViolations() {
    String yaml = HEADER + "metadata:\n  name: Bad\nspec:\n  predictor:\n    sklearn: {}\n";

    KServeDocument doc = KServeYaml.readDocuments(yaml, "bad.yaml").get(0);

    assertThat(doc.problems()).isEmpty();
    assertThat(doc.violations()).isEqualTo(requireNonNull(doc.resource()).violations());
    assertThat(doc.violations()).extracting(Violation::path).containsExactly("metadata.name");
  }

  @Test
  void kserveDocument_holdsEitherAResourceOrProblems() {
    Violation problem = new Violation("kind", null, "is required", "add kind:");
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "x", new InferenceServiceSpec(PredictorSpec.builder().build(), null, null, Map.of()));

    assertThatThrownBy(() -> new KServeDocument(1, "", "", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a document has either a resource or problems");
    assertThatThrownBy(() -> new KServeDocument(1, "", "", isvc, List.of(problem)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new KServeDocument(1, "", "", null, List.of(problem)).violations())
        .containsExactly(problem);
  }

  @Test
  void readDocuments_ofAMissingFile_throwsUncheckedIOException() {
    assertThatThrownBy(() -> KServeYaml.readDocuments(Path.of("no-such-dir", "missing.yaml")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.yaml");
  }

  @Test
  void read_missingFile_throwsUncheckedIOException() {
    Path missing = Path.of("no-such-dir", "missing.yaml");

    assertThatThrownBy(() -> KServeYaml.read(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.yaml");
  }

  // ---- writing

  @Test
  void write_quotesStringsThatWouldReadAsOtherTypes() throws Exception {
    ModelSpec model =
        new ModelSpec(
            new ModelFormat("sklearn", "1"),
            null,
            "1.3",
            null,
            "file://models/sklearn-iris",
            null,
            Map.of(
                "resources",
                Map.of("limits", Map.of("cpu", "500m", "memory", "2Gi")),
                "env",
                List.of(
                    Map.of("name", "FLAG", "value", "true"),
                    Map.of("name", "NONE", "value", "null"),
                    Map.of("name", "YES", "value", "yes"),
                    Map.of("name", "DATE", "value", "2024-01-01"),
                    Map.of("name", "MULTI", "value", "a\nb"))));
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "sklearn-iris",
            new InferenceServiceSpec(PredictorSpec.of(model), null, null, Map.of()));

    String written = KServeYaml.write(isvc);

    assertThat(written)
        .contains("version: \"1\"")
        .contains("runtimeVersion: \"1.3\"")
        .contains("cpu: \"500m\"")
        .contains("value: \"true\"")
        .contains("value: \"null\"")
        .contains("value: \"yes\"")
        .contains("value: \"2024-01-01\"");
    assertThat(isvc(written)).isEqualTo(isvc);
    assertThat(CrdSchemas.errors(written)).isEmpty();
  }

  @Test
  void write_omitsUnsetFields_andUsesKServeNames() {
    InferenceServiceResource isvc =
        InferenceServiceResource.of(
            "sklearn-iris",
            new InferenceServiceSpec(
                PredictorSpec.builder()
                    .model(ModelSpec.of("sklearn", "file://models/sklearn-iris"))
                    .component(
                        ComponentExtensionSpec.builder()
                            .minReplicas(0)
                            .canaryTrafficPercent(10L)
                            .batcher(new BatcherSpec(16, null, null))
                            .build())
                    .build(),
                null,
                null,
                Map.of()));

    assertThat(KServeYaml.write(isvc))
        .isEqualTo(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata:
              name: sklearn-iris
            spec:
              predictor:
                model:
                  modelFormat:
                    name: sklearn
                  storageUri: file://models/sklearn-iris
                minReplicas: 0
                canaryTrafficPercent: 10
                batcher:
                  maxBatchSize: 16
            """);
  }

  @Test
  void write_mergesExtraFieldsIntoModelledOnes_andModelledValuesWin() throws Exception {
    PredictorSpec predictor =
        PredictorSpec.builder()
            .model(ModelSpec.of("sklearn", "file://m"))
            .component(
                ComponentExtensionSpec.builder()
                    .minReplicas(2)
                    .batcher(new BatcherSpec(16, null, null))
                    .build())
            .extra("minReplicas", 5)
            .extra("batcher", Map.of("maxBatchSize", 99, "maxLatency", 7))
            .extra("model", Map.of("modelFormat", Map.of("version", "1")))
            .build();
    ServingRuntimeSpec runtime =
        new ServingRuntimeSpec(
            List.of(new SupportedModelFormat("onnx", null, null, null)),
            List.of(),
            null,
            null,
            Map.of(
                "supportedModelFormats",
                List.of(Map.of("name", "other", "autoSelect", true)),
                "protocolVersions",
                List.of("v1", "v2")));

    JsonNode isvc =
        tree(
            KServeYaml.write(
                InferenceServiceResource.of(
                    "m", new InferenceServiceSpec(predictor, null, null, Map.of()))));
    JsonNode sr =
        tree(
            KServeYaml.write(
                new ServingRuntimeResource(
                    ServingRuntimeResource.API_VERSION,
                    ServingRuntimeResource.KIND,
                    ObjectMeta.named("r"),
                    runtime,
                    Map.of())));

    assertThat(isvc.at("/spec/predictor/minReplicas").intValue()).isEqualTo(2);
    assertThat(isvc.at("/spec/predictor/batcher").toString())
        .isEqualTo("{\"maxBatchSize\":16,\"maxLatency\":7}");
    assertThat(isvc.at("/spec/predictor/model/modelFormat").toString())
        .isEqualTo("{\"name\":\"sklearn\",\"version\":\"1\"}");
    assertThat(sr.at("/spec/supportedModelFormats").toString())
        .isEqualTo("[{\"name\":\"onnx\",\"autoSelect\":true}]");
    assertThat(sr.at("/spec/protocolVersions").toString()).isEqualTo("[\"v1\",\"v2\"]");
  }

  @Test
  void write_documents_putsRuntimesFirst() {
    KServeDocuments docs = Samples.read("runtime-and-service.yaml");
    KServeDocuments reordered =
        new KServeDocuments(docs.inferenceServices(), docs.servingRuntimes(), List.of(), List.of());

    String written = KServeYaml.write(reordered);

    assertThat(written.indexOf("kind: ServingRuntime"))
        .isLessThan(written.indexOf("kind: InferenceService"));
    assertThat(written).contains("\n---\n");
    assertThat(KServeYaml.write(KServeDocuments.empty())).isEmpty();
  }

  @Test
  void write_servingRuntime_readsBackEqual() {
    ServingRuntimeResource runtime =
        Samples.read("cluster-serving-runtime.yaml").servingRuntimes().get(0);

    String written = KServeYaml.write(runtime);

    assertThat(KServeYaml.read(written, "csr.yaml").servingRuntimes()).containsExactly(runtime);
    assertThat(CrdSchemas.errors(written)).isEmpty();
  }

  @Test
  void roundTrip_keepsASecondImplementation_forValidationToReport() {
    String yaml =
        HEADER
            + "metadata:\n  name: two\nspec:\n  predictor:\n    sklearn:\n      storageUri: a\n"
            + "    xgboost:\n      storageUri: b\n";

    InferenceServiceResource isvc = isvc(yaml);

    assertThat(isvc.spec().predictor().model()).isEqualTo(ModelSpec.of("sklearn", "a"));
    assertThat(isvc.spec().predictor().extra()).containsOnlyKeys("xgboost");
    assertThat(isvc.violations()).extracting(Violation::path).containsExactly("spec.predictor");
    assertThat(isvc(KServeYaml.write(isvc))).isEqualTo(isvc);
  }
}
