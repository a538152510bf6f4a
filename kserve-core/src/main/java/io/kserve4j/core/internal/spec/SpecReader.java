package io.kserve4j.core.internal.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.CanarySpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.DeploymentMode;
import io.kserve4j.core.spec.ExplainerSpec;
import io.kserve4j.core.spec.InferenceGraphResource;
import io.kserve4j.core.spec.InferenceGraphSpec;
import io.kserve4j.core.spec.InferenceRouter;
import io.kserve4j.core.spec.InferenceRouterType;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.InferenceStep;
import io.kserve4j.core.spec.InferenceStepDependencyType;
import io.kserve4j.core.spec.KServeDocument;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.LoggerSpec;
import io.kserve4j.core.spec.ModelFormat;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.RouterTimeouts;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.ServingRuntimeSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.StorageSpec;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.TrainedModelResource;
import io.kserve4j.core.spec.TrainedModelSpec;
import io.kserve4j.core.spec.TransformerSpec;
import io.kserve4j.core.spec.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds KServe YAML to the spec records by hand, field by field, so that every problem names its
 * path. Reading is as strict as {@code kubectl --validate=strict}: a field KServe's CRD schema does
 * not define at its path ({@link FieldTable}) is a violation that names the closest known field.
 * Fields the CRD defines but kserve4j does not model are kept, as read, in the nearest record's
 * {@code extra} map (one debug line each), and the fields inside them are checked by name too.
 * Problems are collected across all documents and thrown together.
 */
public final class SpecReader {
  private static final System.Logger LOG = System.getLogger(KServeYaml.class.getName());

  /** KServe's framework shortcuts under {@code predictor}, in KServe's order. */
  public static final List<String> SHORTCUTS =
      List.of(
          "sklearn",
          "xgboost",
          "tensorflow",
          "pytorch",
          "triton",
          "onnx",
          "huggingface",
          "pmml",
          "lightgbm",
          "paddle");

  /** Shortcuts KServe's defaulter gives {@code protocolVersion: v2} when unset. */
  private static final Set<String> V2_SHORTCUTS = Set.of("triton", "onnx", "huggingface");

  /** {@code model.modelFormat.name} values KServe's defaulter gives {@code v2} when unset. */
  private static final Set<String> V2_FORMATS = Set.of("triton", "vLLM");

  /** The kinds kserve4j reads, as a violation's fix lists them. */
  static final String SUPPORTED_KINDS =
      "InferenceService serving.kserve.io/v1beta1, ServingRuntime serving.kserve.io/v1alpha1,"
          + " ClusterServingRuntime serving.kserve.io/v1alpha1,"
          + " InferenceGraph serving.kserve.io/v1alpha1, TrainedModel serving.kserve.io/v1alpha1";

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

  private final String source;
  private final String yaml;

  /** Every document's problems, each path prefixed with its document when there are several. */
  private final List<Violation> all = new ArrayList<>();

  private final List<KServeDocument> documents = new ArrayList<>();

  /** The problems of the document being read. */
  private List<Violation> violations = new ArrayList<>();

  /** The field name check of the document being read. */
  private FieldNameCheck names = new FieldNameCheck("", this::violation);

  private SpecReader(String yaml, String source) {
    this.yaml = yaml;
    this.source = source;
  }

  /**
   * Reads every document of a KServe YAML text.
   *
   * @param yaml the text, one or more documents separated by {@code ---}
   * @param source the file name or other label that violations name
   * @return the documents, by kind
   * @throws SpecValidationException listing every problem found: broken syntax (with line and
   *     column), a wrong type, a field KServe's CRD does not define, an unknown kind or apiVersion
   */
  public static KServeDocuments read(String yaml, String source) {
    SpecReader reader = new SpecReader(yaml, source);
    reader.readAll();
    if (!reader.all.isEmpty()) {
      throw new SpecValidationException("KServe YAML '" + source + "'", reader.all);
    }
    List<KServeResource> resources = new ArrayList<>();
    for (KServeDocument d : reader.documents) {
      resources.add(Objects.requireNonNull(d.resource()));
    }
    return KServeDocuments.of(resources);
  }

  /**
   * Reads every document it can, and the problems of those it cannot; never throws for bad content.
   *
   * @param yaml the text, one or more documents separated by {@code ---}
   * @param source the file name or other label that violations name
   * @return the non-empty documents in order, then, if the YAML breaks off, one for the syntax
   *     error
   */
  public static List<KServeDocument> readEach(String yaml, String source) {
    SpecReader reader = new SpecReader(yaml, source);
    reader.readAll();
    return List.copyOf(reader.documents);
  }

  private void readAll() {
    List<JsonNode> parsed = new ArrayList<>();
    @Nullable Violation syntax = null;
    // One tree per document; a parser (not readValues, which would unwrap a top-level list).
    try (JsonParser parser = YamlFormat.READER.createParser(yaml)) {
      while (parser.nextToken() != null) {
        JsonNode document = YamlFormat.READER.readTree(parser);
        parsed.add(document == null ? NullNode.getInstance() : document);
      }
    } catch (JsonProcessingException e) {
      syntax = syntax(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    boolean several = parsed.size() + (syntax == null ? 0 : 1) > 1;
    for (int i = 0; i < parsed.size(); i++) {
      JsonNode doc = parsed.get(i);
      if (doc.isNull() || doc.isMissingNode()) {
        continue; // an empty document
      }
      violations = new ArrayList<>();
      KServeResource resource = document(doc);
      String prefix = several ? "[document " + (i + 1) + "] " : "";
      for (Violation v : violations) {
        all.add(new Violation(prefix + v.path(), v.value(), v.rule(), v.fix()));
      }
      documents.add(
          new KServeDocument(
              i + 1,
              doc.path("kind").isTextual() ? doc.path("kind").textValue() : "",
              doc.path("metadata").path("name").isTextual()
                  ? doc.path("metadata").path("name").textValue()
                  : "",
              violations.isEmpty() ? resource : null,
              violations));
    }
    if (syntax != null) {
      all.add(syntax);
      documents.add(new KServeDocument(parsed.size() + 1, "", "", null, List.of(syntax)));
    }
  }

  /**
   * The resource a (non-empty) document holds, or {@code null} if it cannot be read; then there is
   * a violation that says why.
   */
  private @Nullable KServeResource document(JsonNode doc) {
    if (!doc.isObject()) {
      violation(
          "(document)",
          YamlFormat.show(doc),
          "must be a KServe object: a mapping with apiVersion, kind, metadata and spec",
          "start the document with apiVersion: and kind: lines");
      return null;
    }
    ObjectNode object = (ObjectNode) doc;
    JsonNode kindNode = object.get("kind");
    String kind = kindNode == null || kindNode.isNull() ? null : string(kindNode, "kind");
    JsonNode apiVersionNode = object.get("apiVersion");
    String apiVersion =
        apiVersionNode == null || apiVersionNode.isNull()
            ? null
            : string(apiVersionNode, "apiVersion");
    if (kind == null) {
      if (kindNode == null || kindNode.isNull()) {
        violation("kind", null, "is required", "add kind: with one of " + SUPPORTED_KINDS);
      }
      return null;
    }
    String expected =
        switch (kind) {
          case InferenceServiceResource.KIND -> InferenceServiceResource.API_VERSION;
          case ServingRuntimeResource.KIND, ServingRuntimeResource.CLUSTER_KIND ->
              ServingRuntimeResource.API_VERSION;
          case InferenceGraphResource.KIND -> InferenceGraphResource.API_VERSION;
          case TrainedModelResource.KIND -> TrainedModelResource.API_VERSION;
          default -> null;
        };
    if (expected == null) {
      violation(
          "kind",
          YamlFormat.show(kind),
          "is not a kind kserve4j reads",
          "use one of " + SUPPORTED_KINDS);
      return null;
    }
    if (!expected.equals(apiVersion)) {
      if (apiVersion != null || !object.has("apiVersion")) {
        violation(
            "apiVersion",
            YamlFormat.show(apiVersion),
            "is not an apiVersion kserve4j reads for " + kind,
            "write apiVersion: " + expected + "; kserve4j reads " + SUPPORTED_KINDS);
      }
      return null;
    }
    names = new FieldNameCheck(kind, this::violation);
    Fields f = new Fields(object, "", FieldTable.root(kind), null);
    f.take("kind");
    f.take("apiVersion");
    return switch (kind) {
      case InferenceServiceResource.KIND -> inferenceService(f, expected, kind);
      case InferenceGraphResource.KIND -> inferenceGraph(f, expected, kind);
      case TrainedModelResource.KIND -> trainedModel(f, expected, kind);
      default -> servingRuntime(f, expected, kind);
    };
  }

  // ---- InferenceService

  private InferenceServiceResource inferenceService(Fields f, String apiVersion, String kind) {
    ObjectMeta metadata = withCurrentModeName(metadata(f));
    Fields specFields = f.fields("spec");
    InferenceServiceSpec spec =
        specFields == null
            ? new InferenceServiceSpec(emptyPredictor(), null, null, Map.of())
            : inferenceServiceSpec(specFields);
    return new InferenceServiceResource(apiVersion, kind, metadata, spec, f.rest());
  }

  /**
   * Rewrites an old deployment mode name ({@code Serverless}, {@code RawDeployment}) to KServe's
   * current one, as KServe's defaulting webhook does since 0.16.
   */
  private static ObjectMeta withCurrentModeName(ObjectMeta metadata) {
    String value = metadata.annotations().get(DeploymentMode.ANNOTATION);
    DeploymentMode mode = value == null ? null : DeploymentMode.of(value);
    if (mode == null || mode.kserveName().equals(value)) {
      return metadata;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "InferenceService {0}: deploymentMode {1} is KServe''s old name for {2}; read as {2}",
        metadata.name(),
        value,
        mode.kserveName());
    Map<String, String> annotations = new LinkedHashMap<>(metadata.annotations());
    annotations.put(DeploymentMode.ANNOTATION, mode.kserveName());
    return new ObjectMeta(
        metadata.name(), metadata.namespace(), metadata.labels(), annotations, metadata.extra());
  }

  private static PredictorSpec emptyPredictor() {
    return new PredictorSpec(null, null, ComponentExtensionSpec.empty(), Map.of());
  }

  private InferenceServiceSpec inferenceServiceSpec(Fields f) {
    Fields p = f.fields("predictor");
    PredictorSpec predictor = p == null ? emptyPredictor() : predictor(p);
    Fields tf = f.fields("transformer");
    TransformerSpec transformer = null;
    if (tf != null) {
      ComponentExtensionSpec component = component(tf);
      transformer = new TransformerSpec(component, tf.rest());
    }
    Fields ef = f.fields("explainer");
    ExplainerSpec explainer = null;
    if (ef != null) {
      ComponentExtensionSpec component = component(ef);
      explainer = new ExplainerSpec(component, ef.rest());
    }
    List<CanarySpec> canary = new ArrayList<>();
    ArrayNode list = f.array("canary");
    if (list != null) {
      FieldTable.Shape canaryShape = f.shape.ref("canary").element().shape();
      for (int i = 0; i < list.size(); i++) {
        String path = f.path("canary") + "[" + i + "]";
        ObjectNode entry = object(list.get(i), path);
        if (entry != null) {
          Fields c = new Fields(entry, path, canaryShape, f);
          Fields cp = c.fields("predictor");
          PredictorSpec override = cp == null ? emptyPredictor() : predictor(cp);
          Long percent = c.int64("trafficPercent");
          canary.add(new CanarySpec(override, percent, c.rest()));
        }
      }
    }
    return new InferenceServiceSpec(predictor, transformer, explainer, canary, f.rest());
  }

  private PredictorSpec predictor(Fields f) {
    String name = f.string("name");
    ModelSpec model = null;
    if (f.has("model")) {
      Fields m = f.fields("model");
      if (m != null) {
        model = model(m, null);
      }
    } else {
      // The first shortcut becomes `model`, as KServe's defaulter does; any further one stays in
      // `extra`, where validation reports it.
      for (String key : f.names()) {
        if (SHORTCUTS.contains(key)) {
          Fields m = f.fields(key);
          if (m != null) {
            model = model(m, key);
          }
          break;
        }
      }
    }
    ComponentExtensionSpec component = component(f);
    return new PredictorSpec(name, model, component, f.rest());
  }

  private ModelSpec model(Fields f, @Nullable String shortcut) {
    ModelFormat format;
    String runtime = null;
    if (shortcut == null) {
      Fields ff = f.fields("modelFormat");
      if (ff == null) {
        format = new ModelFormat("", null);
      } else {
        String formatName = ff.string("name");
        format = new ModelFormat(formatName == null ? "" : formatName, ff.string("version"));
        ff.done();
      }
      runtime = f.string("runtime");
    } else {
      format = ModelFormat.of(shortcut);
    }
    String runtimeVersion = f.string("runtimeVersion");
    String protocolVersion = f.string("protocolVersion");
    String storageUri = f.string("storageUri");
    StorageSpec storage = null;
    Fields sf = f.fields("storage");
    if (sf != null) {
      storage =
          new StorageSpec(
              sf.string("key"),
              sf.string("path"),
              sf.stringMap("parameters"),
              sf.string("schemaPath"));
      sf.done();
    }
    if (protocolVersion == null
        && (shortcut == null
            ? V2_FORMATS.contains(format.name())
            : V2_SHORTCUTS.contains(shortcut))) {
      protocolVersion = "v2";
    }
    return new ModelSpec(
        format, runtime, runtimeVersion, protocolVersion, storageUri, storage, f.rest());
  }

  /** Reads the component fields (KServe's ComponentExtensionSpec) inline in {@code f}. */
  private ComponentExtensionSpec component(Fields f) {
    Integer minReplicas = f.int32("minReplicas");
    Integer maxReplicas = f.int32("maxReplicas");
    Integer scaleTarget = f.int32("scaleTarget");
    String scaleMetric = f.string("scaleMetric");
    Long containerConcurrency = f.int64("containerConcurrency");
    Long timeout = f.int64("timeout");
    Long canaryTrafficPercent = f.int64("canaryTrafficPercent");
    BatcherSpec batcher = null;
    Fields bf = f.fields("batcher");
    if (bf != null) {
      batcher =
          new BatcherSpec(bf.int32("maxBatchSize"), bf.int32("maxLatency"), bf.int32("timeout"));
      bf.done();
    }
    LoggerSpec logger = null;
    Fields lf = f.fields("logger");
    if (lf != null) {
      logger =
          new LoggerSpec(
              lf.string("url"),
              lf.string("mode"),
              lf.stringList("metadataHeaders"),
              lf.stringList("metadataAnnotations"),
              lf.rest());
    }
    return new ComponentExtensionSpec(
        minReplicas,
        maxReplicas,
        scaleTarget,
        scaleMetric,
        containerConcurrency,
        timeout,
        canaryTrafficPercent,
        batcher,
        logger,
        f.stringMap("labels"),
        f.stringMap("annotations"));
  }

  // ---- ServingRuntime / ClusterServingRuntime

  private ServingRuntimeResource servingRuntime(Fields f, String apiVersion, String kind) {
    ObjectMeta metadata = metadata(f);
    Fields s = f.fields("spec");
    ServingRuntimeSpec spec =
        s == null
            ? new ServingRuntimeSpec(List.of(), List.of(), null, null, Map.of())
            : servingRuntimeSpec(s);
    return new ServingRuntimeResource(apiVersion, kind, metadata, spec, f.rest());
  }

  private ServingRuntimeSpec servingRuntimeSpec(Fields f) {
    List<SupportedModelFormat> formats = new ArrayList<>();
    ArrayNode list = f.array("supportedModelFormats");
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String path = f.path("supportedModelFormats") + "[" + i + "]";
        ObjectNode entry = object(list.get(i), path);
        if (entry == null) {
          continue;
        }
        Fields ef =
            new Fields(entry, path, f.shape.ref("supportedModelFormats").element().shape(), f);
        String name = ef.string("name");
        formats.add(
            new SupportedModelFormat(
                name == null ? "" : name,
                ef.string("version"),
                ef.bool("autoSelect"),
                ef.int32("priority")));
        ef.done();
      }
    }
    List<String> protocolVersions = f.stringList("protocolVersions");
    Boolean multiModel = f.bool("multiModel");
    Boolean disabled = f.bool("disabled");
    return new ServingRuntimeSpec(formats, protocolVersions, multiModel, disabled, f.rest());
  }

  // ---- InferenceGraph

  private InferenceGraphResource inferenceGraph(Fields f, String apiVersion, String kind) {
    ObjectMeta metadata = metadata(f);
    Fields s = f.fields("spec");
    InferenceGraphSpec spec = s == null ? InferenceGraphSpec.builder().build() : graphSpec(s);
    return new InferenceGraphResource(apiVersion, kind, metadata, spec, f.rest());
  }

  private InferenceGraphSpec graphSpec(Fields f) {
    InferenceGraphSpec.Builder b = InferenceGraphSpec.builder();
    ObjectNode nodes = f.object("nodes");
    if (nodes != null) {
      FieldTable.Shape nodeShape = f.shape.ref("nodes").element().shape();
      for (Map.Entry<String, JsonNode> e : nodes.properties()) {
        String path = f.path("nodes") + "[" + e.getKey() + "]";
        ObjectNode node = object(e.getValue(), path);
        if (node != null) {
          b.node(e.getKey(), router(new Fields(node, path, nodeShape, f)));
        }
      }
    }
    b.resources(f.plainObject("resources"))
        .affinity(f.plainObject("affinity"))
        .timeout(f.int64("timeout"));
    Fields t = f.fields("routerTimeouts");
    if (t != null) {
      b.routerTimeouts(
          new RouterTimeouts(
              t.int64("serverRead"),
              t.int64("serverWrite"),
              t.int64("serverIdle"),
              t.int64("serviceClient")));
      t.done();
    }
    b.minReplicas(f.int32("minReplicas"))
        .maxReplicas(f.int32("maxReplicas"))
        .scaleTarget(f.int32("scaleTarget"))
        .scaleMetric(f.string("scaleMetric"))
        .tolerations(f.plainObjects("tolerations"))
        .nodeSelector(f.stringMap("nodeSelector"))
        .nodeName(f.string("nodeName"))
        .serviceAccountName(f.string("serviceAccountName"));
    f.done();
    return b.build();
  }

  private InferenceRouter router(Fields f) {
    InferenceRouterType routerType = null;
    String type = f.string("routerType");
    if (type != null) {
      routerType = InferenceRouterType.of(type);
      if (routerType == null) {
        violation(
            f.path("routerType"),
            YamlFormat.show(type),
            "must be one of [Sequence, Splitter, Ensemble, Switch]",
            "use Sequence to chain the steps, Splitter to split requests by weight, Ensemble to"
                + " call them all, or Switch to pick one by condition");
      }
    }
    List<InferenceStep> steps = new ArrayList<>();
    ArrayNode list = f.array("steps");
    if (list != null) {
      FieldTable.Shape stepShape = f.shape.ref("steps").element().shape();
      for (int i = 0; i < list.size(); i++) {
        String path = f.path("steps") + "[" + i + "]";
        ObjectNode step = object(list.get(i), path);
        if (step != null) {
          steps.add(step(new Fields(step, path, stepShape, f)));
        }
      }
    }
    f.done();
    return new InferenceRouter(routerType, steps);
  }

  private InferenceStep step(Fields f) {
    InferenceStep.Builder b =
        InferenceStep.builder()
            .name(f.string("name"))
            .nodeName(f.string("nodeName"))
            .serviceName(f.string("serviceName"))
            .serviceUrl(f.string("serviceUrl"))
            .data(f.string("data"))
            .mapPredictionsToInstances(f.bool("mapPredictionsToInstances"))
            .weight(f.int64("weight"))
            .condition(f.string("condition"));
    String dependency = f.string("dependency");
    if (dependency != null) {
      InferenceStepDependencyType type = InferenceStepDependencyType.of(dependency);
      if (type == null) {
        violation(
            f.path("dependency"),
            YamlFormat.show(dependency),
            "must be one of [Soft, Hard]",
            "use Hard to stop the node when this step fails, Soft (the default) to go on");
      }
      b.dependency(type);
    }
    f.done();
    return b.build();
  }

  // ---- TrainedModel

  private TrainedModelResource trainedModel(Fields f, String apiVersion, String kind) {
    ObjectMeta metadata = metadata(f);
    String inferenceService = null;
    String storageUri = null;
    String framework = null;
    String memory = null;
    Fields s = f.fields("spec");
    if (s != null) {
      inferenceService = s.string("inferenceService");
      Fields m = s.fields("model");
      if (m != null) {
        storageUri = m.string("storageUri");
        framework = m.string("framework");
        memory = m.quantity("memory");
        m.done();
      }
      s.done();
    }
    TrainedModelSpec spec =
        new TrainedModelSpec(
            orEmpty(inferenceService),
            new TrainedModelSpec.Model(orEmpty(storageUri), orEmpty(framework), orEmpty(memory)));
    return new TrainedModelResource(apiVersion, kind, metadata, spec, f.rest());
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  // ---- shared parts

  private ObjectMeta metadata(Fields f) {
    ObjectNode m = f.object("metadata");
    if (m == null) {
      return new ObjectMeta("", null, Map.of(), Map.of(), Map.of());
    }
    Fields mf = new Fields(m, "metadata", FieldTable.OBJECT_META, f);
    String name = mf.string("name");
    return new ObjectMeta(
        name == null ? "" : name,
        mf.string("namespace"),
        mf.stringMap("labels"),
        mf.stringMap("annotations"),
        mf.rest());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(@Nullable Object plain) {
    return plain == null ? Map.of() : (Map<String, Object>) plain;
  }

  /** An int-or-string quantity as its text ({@code 2} reads as {@code "2"}), or null. */
  private @Nullable String quantity(JsonNode v, String path) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    violation(
        path,
        YamlFormat.show(v),
        "must be a quantity: an integer or a string such as \"512Mi\"",
        v.isNumber() ? "quote it: \"" + v.asText() + "\"" : "write one value such as \"1Gi\"");
    return null;
  }

  // ---- typed values

  private void violation(String path, @Nullable Object value, String rule, String fix) {
    violations.add(new Violation(path, value, rule, fix));
  }

  private @Nullable String string(JsonNode v, String path) {
    if (v.isTextual()) {
      return v.textValue();
    }
    violation(
        path,
        YamlFormat.show(v),
        "must be a string",
        v.isValueNode()
            ? "quote it: \"" + v.asText() + "\""
            : "write one text value, not a " + (v.isArray() ? "list" : "mapping"));
    return null;
  }

  private @Nullable Integer int32(JsonNode v, String path) {
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isIntegralNumber()) {
      violation(path, YamlFormat.show(v), "must fit in 32 bits", "use at most 2147483647");
    } else {
      violation(path, YamlFormat.show(v), "must be an integer", integerFix(v));
    }
    return null;
  }

  private @Nullable Long int64(JsonNode v, String path) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isIntegralNumber()) {
      violation(path, YamlFormat.show(v), "must fit in 64 bits", "use at most 9223372036854775807");
    } else {
      violation(path, YamlFormat.show(v), "must be an integer", integerFix(v));
    }
    return null;
  }

  private static String integerFix(JsonNode v) {
    if (v.isTextual() && INTEGER.matcher(v.textValue().trim()).matches()) {
      return "write " + v.textValue().trim() + " without quotes";
    }
    return "write a whole number such as 2";
  }

  private @Nullable Boolean bool(JsonNode v, String path) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    String text = v.isTextual() ? v.textValue().trim().toLowerCase(Locale.ROOT) : "";
    violation(
        path,
        YamlFormat.show(v),
        "must be a boolean",
        text.equals("true") || text.equals("false")
            ? "write " + text + " without quotes"
            : "write true or false");
    return null;
  }

  private @Nullable ObjectNode object(JsonNode v, String path) {
    if (v.isObject()) {
      return (ObjectNode) v;
    }
    violation(
        path,
        YamlFormat.show(v),
        "must be a mapping",
        "write its fields as key: value lines indented under " + lastSegment(path));
    return null;
  }

  private @Nullable ArrayNode array(JsonNode v, String path) {
    if (v.isArray()) {
      return (ArrayNode) v;
    }
    violation(
        path,
        YamlFormat.show(v),
        "must be a list",
        "write one '- item' line per entry under " + lastSegment(path));
    return null;
  }

  private static String lastSegment(String path) {
    int dot = path.lastIndexOf('.');
    return (dot < 0 ? path : path.substring(dot + 1)) + ":";
  }

  // Jackson 2 deprecates its wrappers of SnakeYAML's marks (Jackson 3 drops them); they are the
  // only way to the problem's own position, which can lie after the parser's current location.
  @SuppressWarnings("deprecation")
  private Violation syntax(JsonProcessingException e) {
    int line;
    int column;
    String problem;
    Mark mark = e instanceof MarkedYAMLException marked ? marked.getProblemMark() : null;
    if (mark != null) {
      line = mark.getLine() + 1;
      column = mark.getColumn() + 1;
      String p = ((MarkedYAMLException) e).getProblem();
      problem = p == null ? String.valueOf(e.getOriginalMessage()) : p;
    } else {
      JsonLocation location = e.getLocation();
      line = location == null ? 0 : location.getLineNr();
      column = location == null ? 0 : location.getColumnNr();
      problem = String.valueOf(e.getOriginalMessage());
    }
    problem = problem.replaceAll("\\s+", " ").trim();
    String[] lines = yaml.split("\r?\n", -1);
    Object shown =
        line >= 1 && line <= lines.length ? YamlFormat.show(lines[line - 1].stripTrailing()) : null;
    return new Violation(
        source + ":" + line + ":" + column,
        shown,
        "is not valid YAML: " + problem,
        syntaxFix(problem, line, column));
  }

  private static String syntaxFix(String problem, int line, int column) {
    String at = "line " + line + ", column " + column;
    if (problem.contains("TAB") || problem.contains("\t")) {
      return "indent with spaces, not tabs, at " + at;
    }
    if (problem.startsWith("Duplicate field")) {
      return "remove or rename the second key at " + at;
    }
    if (problem.contains("mapping values are not allowed")) {
      return "check the indentation at " + at + ", or quote a value that contains ': '";
    }
    if (problem.contains("end of stream") || problem.contains("expected ','")) {
      return "close the quote or bracket opened before " + at;
    }
    return "fix the YAML at " + at;
  }

  /**
   * The fields of one mapping, taken one by one; what is not taken is kept as extra when the CRD
   * defines it, and is a violation when it does not.
   */
  private final class Fields {
    private final ObjectNode node;
    private final String base;
    private final FieldTable.Shape shape;
    private final @Nullable Fields parent;
    private final Set<String> taken = new HashSet<>();

    Fields(ObjectNode node, String base, FieldTable.Shape shape, @Nullable Fields parent) {
      this.node = node;
      this.base = base;
      this.shape = shape;
      this.parent = parent;
    }

    String path(String name) {
      return FieldNameCheck.join(base, name);
    }

    boolean has(String name) {
      return node.has(name);
    }

    List<String> names() {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      return names;
    }

    /**
     * The value, or {@code null} when absent or YAML null (unset, as Kubernetes reads it).
     *
     * @throws IllegalStateException if KServe's CRD has no such field here: kserve4j must only read
     *     fields KServe defines
     */
    @Nullable JsonNode take(String name) {
      if (!shape.has(name)) {
        throw new IllegalStateException(
            "kserve4j reads " + path(name) + ", which KServe's CRD does not define");
      }
      taken.add(name);
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? null : v;
    }

    @Nullable String string(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.string(v, path(name));
    }

    @Nullable Integer int32(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.int32(v, path(name));
    }

    @Nullable Long int64(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.int64(v, path(name));
    }

    @Nullable Boolean bool(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.bool(v, path(name));
    }

    @Nullable ObjectNode object(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.object(v, path(name));
    }

    /** The fields of a nested mapping, or {@code null} when absent or not a mapping. */
    @Nullable Fields fields(String name) {
      ObjectNode v = object(name);
      return v == null ? null : new Fields(v, path(name), shape.ref(name).shape(), this);
    }

    @Nullable ArrayNode array(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.array(v, path(name));
    }

    @Nullable String quantity(String name) {
      JsonNode v = take(name);
      return v == null ? null : SpecReader.this.quantity(v, path(name));
    }

    /**
     * A mapping of a Kubernetes type held as read (its field names checked against the CRD), or
     * {@code null} when absent or not a mapping.
     */
    @Nullable Map<String, Object> plainObject(String name) {
      ObjectNode v = object(name);
      if (v == null) {
        return null;
      }
      names.checkNames(v, shape.ref(name), path(name), base, shape);
      return asMap(YamlFormat.plain(v));
    }

    /** A list of mappings of a Kubernetes type held as read; empty when absent. */
    List<Map<String, Object>> plainObjects(String name) {
      ArrayNode list = array(name);
      if (list == null) {
        return List.of();
      }
      List<Map<String, Object>> result = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String path = path(name) + "[" + i + "]";
        ObjectNode item = SpecReader.this.object(list.get(i), path);
        if (item != null) {
          names.checkNames(item, shape.ref(name).element(), path, base, shape);
          result.add(asMap(YamlFormat.plain(item)));
        }
      }
      return result;
    }

    Map<String, String> stringMap(String name) {
      ObjectNode map = object(name);
      if (map == null) {
        return Map.of();
      }
      Map<String, String> result = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        String value = SpecReader.this.string(e.getValue(), path(name) + "[" + e.getKey() + "]");
        if (value != null) {
          result.put(e.getKey(), value);
        }
      }
      return result;
    }

    List<String> stringList(String name) {
      ArrayNode list = array(name);
      if (list == null) {
        return List.of();
      }
      List<String> result = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String value = SpecReader.this.string(list.get(i), path(name) + "[" + i + "]");
        if (value != null) {
          result.add(value);
        }
      }
      return result;
    }

    /**
     * Ends reading a mapping whose record models every field the CRD defines there: a field not
     * taken is a violation when the CRD does not define it.
     *
     * @throws IllegalStateException if the CRD defines a field the reader did not take, which
     *     export would lose (the reader must model it, or keep it with {@link #rest()})
     */
    void done() {
      Map<String, Object> dropped = rest();
      if (!dropped.isEmpty()) {
        throw new IllegalStateException(
            "kserve4j would drop " + dropped.keySet() + " at " + base + ": model or keep them");
      }
    }

    /**
     * Every field not taken that the CRD defines here, in document order, each logged once; each
     * field the CRD does not define is a violation instead.
     */
    Map<String, Object> rest() {
      Map<String, Object> rest = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String name = e.getKey();
        if (taken.contains(name)) {
          continue;
        }
        if (!shape.has(name) && !shape.open()) {
          names.unknownField(
              name,
              e.getValue(),
              node,
              base,
              shape,
              parent == null ? null : parent.base,
              parent == null ? null : parent.shape);
          continue;
        }
        String path = path(name);
        if (shape.has(name)) {
          names.checkNames(e.getValue(), shape.ref(name), path, base, shape);
        }
        LOG.log(
            System.Logger.Level.DEBUG, () -> "kept for export, not applied in-process: " + path);
        putKept(rest, name, YamlFormat.plain(e.getValue()));
      }
      return rest;
    }
  }

  /** Extras keep YAML nulls as read; the records' maps are typed without nullness for brevity. */
  @SuppressWarnings("NullAway")
  private static void putKept(Map<String, Object> map, String key, @Nullable Object value) {
    map.put(key, value);
  }
}
