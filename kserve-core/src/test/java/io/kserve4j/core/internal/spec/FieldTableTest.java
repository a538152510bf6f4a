package io.kserve4j.core.internal.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kserve4j.core.testkit.CrdSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldTable}'s resource is what KServe's CRDs in {@code testdata/kserve-crds} say, and
 * reads as the CRDs do. The generator here walks the CRD schemas on its own; when the CRDs change,
 * the test fails and leaves the new table in {@code target/} to review and copy.
 */
class FieldTableTest {
  private static final String RESOURCE_DIR = "src/main/resources/io/kserve4j/core/internal/spec/";

  @Test
  void resource_isWhatTheCrdsDefine() throws IOException {
    String generated = generate();
    String stored;
    try (InputStream in = FieldTable.class.getResourceAsStream(FieldTable.RESOURCE)) {
      stored = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }

    if (!generated.equals(stored)) {
      Path fresh = Path.of("target", FieldTable.RESOURCE);
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, generated, StandardCharsets.UTF_8);
      assertThat(stored)
          .as(
              "the CRDs in testdata/kserve-crds changed: review and copy kserve-core/"
                  + fresh
                  + " to kserve-core/"
                  + RESOURCE_DIR)
          .isEqualTo(generated);
    }
  }

  @Test
  void everyCrdKind_hasARoot_withTheObjectFields() {
    for (String kind : CrdSchemas.kinds()) {
      assertThat(FieldTable.root(kind).names())
          .as(kind)
          .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
    }
    assertThat(FieldTable.kinds()).containsExactlyElementsOf(CrdSchemas.kinds());
    assertThatThrownBy(() -> FieldTable.root("Pod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no KServe CRD fields for kind Pod");
  }

  @Test
  void refs_navigateListsMapsAndOpenObjects() {
    FieldTable.Shape isvc = FieldTable.root("InferenceService");
    FieldTable.Shape predictor = isvc.ref("spec").shape().ref("predictor").shape();
    FieldTable.Ref containers = predictor.ref("containers");
    FieldTable.Shape graphSpec = FieldTable.root("InferenceGraph").ref("spec").shape();

    assertThat(predictor.names()).contains("minReplicas", "model", "sklearn", "containers");
    assertThat(predictor.ref("minReplicas").form()).isEqualTo(FieldTable.Form.LEAF);
    assertThat(containers.form()).isEqualTo(FieldTable.Form.LIST);
    assertThat(containers.element().shape().names()).contains("image", "env", "resources");
    assertThat(graphSpec.ref("nodes").form()).isEqualTo(FieldTable.Form.MAP);
    assertThat(graphSpec.ref("nodes").element().shape().names())
        .containsExactly("routerType", "steps");
    assertThat(isvc.ref("metadata").form()).isEqualTo(FieldTable.Form.ANY);
    assertThat(isvc.ref("status").shape().open()).isTrue();
    assertThat(isvc.ref("status").shape().ref("components").element().shape().open()).isFalse();
    assertThat(predictor.open()).isFalse();
    assertThatThrownBy(() -> predictor.ref("minReplica"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("InferenceService.spec.predictor has no field minReplica");
    assertThatThrownBy(() -> containers.shape()).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> predictor.ref("minReplicas").element())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void parse_readsKindsShapesAndRefs() {
    Map<String, FieldTable.Shape> roots =
        FieldTable.parse(
            List.of(
                "kind Thing T",
                "kind Other T",
                "shape T name items=[]I byKey={}I open=O any=* nested=[]{}I",
                "shape I value",
                "shape O * known"));

    FieldTable.Shape t = roots.get("Thing");
    assertThat(roots.keySet()).containsExactly("Thing", "Other");
    assertThat(roots.get("Other")).isSameAs(t);
    assertThat(t.name()).isEqualTo("T");
    assertThat(t.open()).isFalse();
    assertThat(t.names()).containsExactly("name", "items", "byKey", "open", "any", "nested");
    assertThat(t.ref("name")).isSameAs(FieldTable.Ref.LEAF);
    assertThat(t.ref("items").form()).isEqualTo(FieldTable.Form.LIST);
    assertThat(t.ref("items").element().shape().names()).containsExactly("value");
    assertThat(t.ref("byKey").form()).isEqualTo(FieldTable.Form.MAP);
    assertThat(t.ref("byKey").element().shape()).isSameAs(t.ref("items").element().shape());
    assertThat(t.ref("open").shape().open()).isTrue();
    assertThat(t.ref("open").shape().names()).containsExactly("known");
    assertThat(t.ref("any")).isSameAs(FieldTable.Ref.ANY);
    assertThat(t.ref("nested").element().form()).isEqualTo(FieldTable.Form.MAP);
    assertThat(t.ref("nested").element().element().shape().name()).isEqualTo("I");
  }

  @Test
  void parse_rejectsALineItCannotRead() {
    assertThatThrownBy(() -> FieldTable.parse(List.of("kind InferenceService Missing")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("kserve-fields.txt: no shape Missing");
    assertThatThrownBy(() -> FieldTable.parse(List.of("field x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("kserve-fields.txt: cannot read line field x");
  }

  @Test
  void objectMeta_isKubernetesObjectMeta() {
    assertThat(FieldTable.OBJECT_META.names())
        .containsExactly(
            "annotations",
            "creationTimestamp",
            "deletionGracePeriodSeconds",
            "deletionTimestamp",
            "finalizers",
            "generateName",
            "generation",
            "labels",
            "managedFields",
            "name",
            "namespace",
            "ownerReferences",
            "resourceVersion",
            "selfLink",
            "uid");
    assertThat(FieldTable.OBJECT_META.ref("ownerReferences").element().shape().names())
        .containsExactly("apiVersion", "blockOwnerDeletion", "controller", "kind", "name", "uid");
    assertThat(FieldTable.OBJECT_META.ref("managedFields").element().shape().ref("fieldsV1"))
        .isSameAs(FieldTable.Ref.ANY);
  }

  // ---- the generator: the CRD schemas' object shapes, each once, named by breadth-first path

  /** One object schema: open or closed, and its fields' refs (shape references are "#id"). */
  private record ShapeKey(boolean open, List<String> fields, List<String> refs) {}

  /** Generates the table's text from the CRDs. */
  static String generate() throws IOException {
    Map<ShapeKey, Integer> ids = new LinkedHashMap<>();
    List<ShapeKey> shapes = new ArrayList<>();
    Map<String, String> rootRefs = new LinkedHashMap<>();
    for (String kind : CrdSchemas.kinds()) {
      rootRefs.put(kind, ref(CrdSchemas.openApiSchema(kind), ids, shapes));
    }

    // Breadth first from the roots: each shape is named after the shortest path that reaches it.
    Map<Integer, String> names = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    Deque<Map.Entry<Integer, String>> queue = new ArrayDeque<>();
    rootRefs.forEach((kind, ref) -> queue.add(Map.entry(id(ref), kind)));
    while (!queue.isEmpty()) {
      Map.Entry<Integer, String> next = queue.poll();
      if (names.containsKey(next.getKey())) {
        continue;
      }
      names.put(next.getKey(), next.getValue());
      order.add(next.getKey());
      ShapeKey shape = shapes.get(next.getKey());
      for (int i = 0; i < shape.fields().size(); i++) {
        String ref = shape.refs().get(i);
        StringBuilder path = new StringBuilder(next.getValue()).append('.');
        path.append(shape.fields().get(i));
        while (ref.startsWith("[]") || ref.startsWith("{}")) {
          path.append(ref, 0, 2);
          ref = ref.substring(2);
        }
        if (ref.startsWith("#")) {
          queue.add(Map.entry(id(ref), path.toString()));
        }
      }
    }

    StringBuilder out = new StringBuilder();
    out.append(header());
    rootRefs.forEach(
        (kind, ref) ->
            out.append("kind ").append(kind).append(' ').append(names.get(id(ref))).append('\n'));
    for (int id : order) {
      ShapeKey shape = shapes.get(id);
      out.append("shape ").append(names.get(id));
      if (shape.open()) {
        out.append(" *");
      }
      for (int i = 0; i < shape.fields().size(); i++) {
        out.append(' ').append(shape.fields().get(i));
        String ref = shape.refs().get(i);
        if (!ref.isEmpty()) {
          Matcher m = Pattern.compile("#([0-9]+)").matcher(ref);
          out.append('=')
              .append(
                  m.replaceAll(
                      r -> Matcher.quoteReplacement(names.get(Integer.parseInt(r.group(1))))));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static int id(String ref) {
    return Integer.parseInt(ref.substring(1));
  }

  /**
   * The ref of a schema node: "" for a scalar (or a list or map of scalars), "*" for anything,
   * "#id" for an object with properties, "[]"/"{}" before a list's or map's element ref.
   */
  private static String ref(JsonNode schema, Map<ShapeKey, Integer> ids, List<ShapeKey> shapes) {
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject()) {
      List<String> fields = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : properties.properties()) {
        fields.add(e.getKey());
        refs.add(ref(e.getValue(), ids, shapes));
      }
      ShapeKey key = new ShapeKey(preserve, fields, refs);
      Integer id = ids.get(key);
      if (id == null) {
        id = shapes.size();
        ids.put(key, id);
        shapes.add(key);
      }
      return "#" + id;
    }
    if (preserve) {
      return "*";
    }
    String type = schema.path("type").asText("");
    if (type.equals("array")) {
      String element = ref(schema.path("items"), ids, shapes);
      return element.isEmpty() ? "" : "[]" + element;
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null) {
      if (additional.isBoolean()) {
        return additional.booleanValue() ? "*" : "";
      }
      String element = ref(additional, ids, shapes);
      return element.isEmpty() ? "" : "{}" + element;
    }
    return type.equals("object") ? "*" : "";
  }

  private static String header() throws IOException {
    String readme =
        Files.readString(
            CrdSchemas.sharedDir().resolve("kserve-crds").resolve("README.md"),
            StandardCharsets.UTF_8);
    Matcher commit = Pattern.compile("`([0-9a-f]{40})`").matcher(readme);
    String source = commit.find() ? "kserve/kserve@" + commit.group(1) : "kserve/kserve";
    return "# The field names of every object in KServe "
        + FieldTable.KSERVE_VERSION
        + "'s CRD schemas: what kserve4j reads strictly.\n"
        + "# Generated from testdata/kserve-crds ("
        + source
        + ", config/crd/full, Apache License 2.0)\n"
        + "# by FieldTableTest, which fails when the CRDs say otherwise. Do not edit by hand.\n"
        + "#\n"
        + "# kind <Kind> <shape>: the shape of a whole document of that kind.\n"
        + "# shape <name> [*] <field>[=<ref>]...: an object's fields in the schema's order; * marks"
        + " an open\n"
        + "#   object (x-kubernetes-preserve-unknown-fields). A ref is a shape, []<ref> a list of"
        + " it,\n"
        + "#   {}<ref> a map of it, or * anything; a field without a ref holds a scalar, or a list"
        + " or map\n"
        + "#   of scalars. A shape is named after the first path (breadth first) that reaches it.\n";
  }
}
