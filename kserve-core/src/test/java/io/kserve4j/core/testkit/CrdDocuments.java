package io.kserve4j.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Documents built from KServe's CRD schemas alone, independent of kserve4j's reader: one that sets
 * every field a kind's schema defines, at every depth, with a value the schema accepts; and the
 * places where a strict reader must refuse an extra field.
 */
public final class CrdDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Strings tried, in order, against a string schema's {@code pattern}. */
  private static final List<String> STRINGS = List.of("x", "/x", "1");

  private CrdDocuments() {}

  /**
   * A document of {@code kind} with every field of its CRD schema set: each object with all its
   * properties, each list with one entry, each map with one entry under key {@code k}; enums take
   * their first value, integers 1 (or their minimum), quantities and other int-or-strings {@code
   * "1"}. {@code metadata}, which a CRD leaves open, holds every field of Kubernetes' ObjectMeta.
   */
  public static ObjectNode full(String kind) {
    JsonNode schema = CrdSchemas.openApiSchema(kind);
    ObjectNode doc = (ObjectNode) value(schema);
    doc.put("apiVersion", CrdSchemas.apiVersion(kind));
    doc.put("kind", kind);
    doc.set("metadata", objectMeta());
    return doc;
  }

  /**
   * Adds field {@code name} = 1 to every object of {@code doc} that the schema closes (it lists
   * properties and does not preserve unknown fields), including metadata and its owner references
   * and managed fields entries.
   *
   * @return each object's path where the field went, in kserve4j's notation: {@code a.b} for a
   *     field, {@code a[0]} for a list entry, {@code a[k]} for a map entry; "" for the root
   */
  public static List<String> addEverywhere(ObjectNode doc, String kind, String name) {
    java.util.ArrayList<String> paths = new java.util.ArrayList<>();
    JsonNode schema = CrdSchemas.openApiSchema(kind);
    add(doc, schema, "", name, paths);
    ObjectNode metadata = (ObjectNode) doc.get("metadata");
    metadata.put(name, 1);
    paths.add("metadata");
    ((ObjectNode) metadata.get("ownerReferences").get(0)).put(name, 1);
    paths.add("metadata.ownerReferences[0]");
    ((ObjectNode) metadata.get("managedFields").get(0)).put(name, 1);
    paths.add("metadata.managedFields[0]");
    return paths;
  }

  private static void add(
      JsonNode value, JsonNode schema, String path, String name, List<String> paths) {
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject() && value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      for (Map.Entry<String, JsonNode> e : properties.properties()) {
        JsonNode child = object.get(e.getKey());
        if (child != null && !(path.isEmpty() && e.getKey().equals("metadata"))) {
          add(child, e.getValue(), join(path, e.getKey()), name, paths);
        }
      }
      if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put(name, 1);
        paths.add(path);
      }
      return;
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        add(value.get(i), schema.path("items"), path + "[" + i + "]", name, paths);
      }
      return;
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject() && value.isObject()) {
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        add(e.getValue(), additional, path + "[" + e.getKey() + "]", name, paths);
      }
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static JsonNode value(JsonNode schema) {
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject()) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : properties.properties()) {
        object.set(e.getKey(), value(e.getValue()));
      }
      return object;
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0).deepCopy();
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return NODES.textNode("1");
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "array" -> {
        ArrayNode list = NODES.arrayNode();
        list.add(value(schema.path("items")));
        return list;
      }
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
          object.set("k", value(additional));
        }
        return object;
      }
      case "integer" -> {
        return NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
      }
      case "boolean" -> {
        return NODES.booleanNode(true);
      }
      case "string" -> {
        if (schema.path("format").asText("").equals("date-time")) {
          return NODES.textNode("2026-01-01T00:00:00Z");
        }
        String pattern = schema.path("pattern").asText("");
        for (String s : STRINGS) {
          if (pattern.isEmpty() || Pattern.compile(pattern).matcher(s).find()) {
            return NODES.textNode(s);
          }
        }
        throw new IllegalStateException("no test string matches " + pattern);
      }
      default -> throw new IllegalStateException("schema without a type: " + schema);
    }
  }

  private static ObjectNode objectMeta() {
    ObjectNode m = NODES.objectNode();
    m.put("name", "x");
    m.put("generateName", "x-");
    m.put("namespace", "x");
    m.put("selfLink", "/x");
    m.put("uid", "x");
    m.put("resourceVersion", "1");
    m.put("generation", 1);
    m.put("creationTimestamp", "2026-01-01T00:00:00Z");
    m.put("deletionTimestamp", "2026-01-01T00:00:00Z");
    m.put("deletionGracePeriodSeconds", 30);
    m.putObject("labels").put("k", "x");
    m.putObject("annotations").put("k", "x");
    ObjectNode owner = m.putArray("ownerReferences").addObject();
    owner.put("apiVersion", "v1");
    owner.put("kind", "x");
    owner.put("name", "x");
    owner.put("uid", "x");
    owner.put("controller", true);
    owner.put("blockOwnerDeletion", true);
    m.putArray("finalizers").add("x");
    ObjectNode managed = m.putArray("managedFields").addObject();
    managed.put("manager", "kubectl");
    managed.put("operation", "Apply");
    managed.put("apiVersion", "v1");
    managed.put("time", "2026-01-01T00:00:00Z");
    managed.put("fieldsType", "FieldsV1");
    managed.putObject("fieldsV1").putObject("f:metadata");
    managed.put("subresource", "status");
    return m;
  }
}
