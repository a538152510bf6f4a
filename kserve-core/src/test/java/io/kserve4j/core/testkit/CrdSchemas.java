package io.kserve4j.core.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * KServe's CRD schemas from {@code ${kserve4j.shared.dir}/kserve-crds/}, for tests that check YAML
 * a real cluster would accept.
 *
 * <p>Each CRD file is parsed once per test run and cached (the InferenceService CRD is 2 MB). The
 * schema at {@code /spec/versions/0/schema/openAPIV3Schema} is closed against typos first: every
 * object schema with {@code properties}, no {@code additionalProperties} and no {@code
 * x-kubernetes-preserve-unknown-fields} gets {@code additionalProperties: false}, as {@code kubectl
 * --validate=strict} would reject unknown fields. The {@code x-kubernetes-*} keywords are known but
 * not checked. {@code metadata} is only {@code {type: object}} in a CRD; check names separately.
 */
public final class CrdSchemas {
  private static final Map<String, String> FILES =
      Map.of(
          "InferenceService", "serving.kserve.io_inferenceservices.yaml",
          "ServingRuntime", "serving.kserve.io_servingruntimes.yaml",
          "ClusterServingRuntime", "serving.kserve.io_clusterservingruntimes.yaml",
          "InferenceGraph", "serving.kserve.io_inferencegraphs.yaml",
          "TrainedModel", "serving.kserve.io_trainedmodels.yaml");

  private static final List<String> KUBERNETES_KEYWORDS =
      List.of(
          "x-kubernetes-int-or-string",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys",
          "x-kubernetes-map-type",
          "x-kubernetes-embedded-resource",
          "x-kubernetes-validations");

  private static final YAMLMapper YAML = crdReader();
  private static final Map<String, Crd> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, JsonNode> RAW = new ConcurrentHashMap<>();

  private CrdSchemas() {}

  /** One CRD: its group/version and its closed schema. */
  private record Crd(String apiVersion, JsonSchema schema) {}

  /**
   * Where the test data lives: system property {@code kserve4j.shared.dir} (surefire sets it), else
   * {@code ../../testdata} relative to the module directory.
   */
  public static Path sharedDir() {
    String dir = System.getProperty("kserve4j.shared.dir");
    return dir == null || dir.isBlank() ? Path.of("..", "..", "testdata") : Path.of(dir);
  }

  /**
   * Every schema error of one YAML document, sorted; empty when a cluster with KServe's CRDs (and
   * strict field validation) would accept it.
   *
   * @throws IllegalArgumentException if the text is not one YAML mapping
   */
  public static List<String> errors(String yamlDocument) {
    try {
      return errors(YAML.readTree(yamlDocument));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Every schema error of one parsed document, sorted; empty when valid. */
  public static List<String> errors(JsonNode document) {
    String kind = document.path("kind").asText("");
    String file = FILES.get(kind);
    if (file == null) {
      return List.of("kind '" + kind + "' has no KServe CRD; known: " + FILES.keySet());
    }
    Crd crd = CACHE.computeIfAbsent(kind, k -> load(file));
    List<String> errors = new ArrayList<>();
    String apiVersion = document.path("apiVersion").asText("");
    if (!crd.apiVersion().equals(apiVersion)) {
      errors.add("$.apiVersion: " + apiVersion + " is not " + crd.apiVersion());
    }
    for (ValidationMessage m : crd.schema().validate(document)) {
      errors.add(m.getMessage());
    }
    return errors.stream().sorted().collect(Collectors.toList());
  }

  /** The KServe kinds that have a CRD here, in a fixed order. */
  public static List<String> kinds() {
    return List.of(
        "InferenceService",
        "ServingRuntime",
        "ClusterServingRuntime",
        "InferenceGraph",
        "TrainedModel");
  }

  /**
   * A kind's schema as the CRD file holds it ({@code /spec/versions/0/schema/openAPIV3Schema}), not
   * closed; a fresh copy on each call.
   *
   * @throws IllegalArgumentException if the kind has no KServe CRD
   */
  public static JsonNode openApiSchema(String kind) {
    String file = FILES.get(kind);
    if (file == null) {
      throw new IllegalArgumentException("kind '" + kind + "' has no KServe CRD");
    }
    return RAW.computeIfAbsent(kind, k -> crd(file))
        .at("/spec/versions/0/schema/openAPIV3Schema")
        .deepCopy();
  }

  /**
   * A kind's {@code apiVersion}, e.g. {@code serving.kserve.io/v1beta1}.
   *
   * @throws IllegalArgumentException if the kind has no KServe CRD
   */
  public static String apiVersion(String kind) {
    String file = FILES.get(kind);
    if (file == null) {
      throw new IllegalArgumentException("kind '" + kind + "' has no KServe CRD");
    }
    JsonNode crd = RAW.computeIfAbsent(kind, k -> crd(file));
    return crd.at("/spec/group").asText() + "/" + crd.at("/spec/versions/0/name").asText();
  }

  private static JsonNode crd(String fileName) {
    Path file = sharedDir().resolve("kserve-crds").resolve(fileName);
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read KServe CRD " + file.toAbsolutePath(), e);
    }
  }

  private static Crd load(String fileName) {
    JsonNode crd = crd(fileName);
    String apiVersion =
        crd.at("/spec/group").asText() + "/" + crd.at("/spec/versions/0/name").asText();
    JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
    close(schema);

    JsonMetaSchema meta =
        JsonMetaSchema.builder("https://kserve4j.io/schemas/kubernetes-crd", JsonMetaSchema.getV4())
            .keywords(
                KUBERNETES_KEYWORDS.stream()
                    .map(NonValidationKeyword::new)
                    .collect(Collectors.toList()))
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
            .metaSchema(meta)
            .defaultMetaSchemaIri(meta.getIri())
            .build();
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .locale(Locale.ROOT)
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(false)
            .build();
    return new Crd(apiVersion, factory.getSchema(schema, config));
  }

  /** Closes every object schema under {@code schema} that lists properties and no extras. */
  public static void close(@Nullable JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    ObjectNode node = (ObjectNode) schema;
    JsonNode properties = node.get("properties");
    if (properties != null && properties.isObject()) {
      if (!node.has("additionalProperties") && !node.has("x-kubernetes-preserve-unknown-fields")) {
        node.put("additionalProperties", false);
      }
      properties.forEach(CrdSchemas::close);
    }
    close(node.get("items"));
    close(node.get("additionalProperties"));
    close(node.get("not"));
    for (String list : List.of("anyOf", "allOf", "oneOf")) {
      JsonNode alternatives = node.get(list);
      if (alternatives != null) {
        alternatives.forEach(CrdSchemas::close);
      }
    }
  }

  private static YAMLMapper crdReader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 * 1024 * 1024);
    return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(options).build()).build();
  }
}
