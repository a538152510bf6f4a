package io.kserve4j.core.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks field names against what KServe's CRD defines at their path ({@link FieldTable}), as
 * {@code kubectl --validate=strict} does, and says which field an unknown one most likely meant.
 */
final class FieldNameCheck {
  /** Where the violations go. */
  @FunctionalInterface
  interface Sink {
    void violation(String path, @Nullable Object value, String rule, String fix);
  }

  private final String kind;
  private final Sink sink;

  /**
   * A check for one document.
   *
   * @param kind the document's kind, which messages name
   * @param sink where violations go
   */
  FieldNameCheck(String kind, Sink sink) {
    this.kind = kind;
    this.sink = sink;
  }

  /**
   * Reports an unknown field, with a fix that names the field meant: the same name written
   * differently, the name one level down (under a mapping the object has) or one level up, else the
   * closest names at this level.
   *
   * @param name the unknown field
   * @param value its value
   * @param object the mapping that holds it
   * @param objectPath that mapping's path; "" for the document
   * @param shape that mapping's shape
   * @param parentPath the path of the mapping above, or null at the top
   * @param parentShape the shape of the mapping above, or null at the top
   */
  void unknownField(
      String name,
      JsonNode value,
      ObjectNode object,
      String objectPath,
      FieldTable.Shape shape,
      @Nullable String parentPath,
      FieldTable.@Nullable Shape parentShape) {
    sink.violation(
        join(objectPath, name),
        YamlFormat.show(YamlFormat.plain(value)),
        "unknown field",
        fix(name, object, objectPath, shape, parentPath, parentShape));
  }

  private String fix(
      String name,
      ObjectNode object,
      String objectPath,
      FieldTable.Shape shape,
      @Nullable String parentPath,
      FieldTable.@Nullable Shape parentShape) {
    String same = FieldNames.sameName(name, shape.names());
    if (same != null) {
      return "did you mean " + same + "?";
    }
    for (Map.Entry<String, JsonNode> sibling : object.properties()) {
      String child = sibling.getKey();
      if (sibling.getValue().isObject()
          && shape.has(child)
          && shape.ref(child).form() == FieldTable.Form.OBJECT) {
        String below = FieldNames.sameName(name, shape.ref(child).shape().names());
        if (below != null) {
          return "did you mean "
              + join(join(objectPath, child), below)
              + "? it belongs under "
              + child
              + ":";
        }
      }
    }
    if (parentShape != null && parentPath != null) {
      String above = FieldNames.sameName(name, parentShape.names());
      if (above != null) {
        return "did you mean " + join(parentPath, above) + "? it belongs one level up";
      }
    }
    List<String> close = FieldNames.closest(name, shape.names());
    return close.isEmpty()
        ? "not a field of " + kind + (objectPath.isEmpty() ? "" : " " + objectPath)
        : "did you mean " + FieldNames.or(close) + "?";
  }

  /**
   * Checks the field names inside a value the reader keeps as read, against what the CRD defines
   * for it; {@code parentPath} and {@code parentShape} are the object that holds it.
   */
  void checkNames(
      JsonNode value,
      FieldTable.Ref ref,
      String path,
      String parentPath,
      FieldTable.Shape parentShape) {
    switch (ref.form()) {
      case LEAF, ANY -> {}
      case OBJECT -> {
        if (value.isObject()) {
          FieldTable.Shape shape = ref.shape();
          for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (shape.has(e.getKey())) {
              checkNames(e.getValue(), shape.ref(e.getKey()), join(path, e.getKey()), path, shape);
            } else if (!shape.open()) {
              unknownField(
                  e.getKey(),
                  e.getValue(),
                  (ObjectNode) value,
                  path,
                  shape,
                  parentPath,
                  parentShape);
            }
          }
        }
      }
      case LIST -> {
        if (value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            checkNames(value.get(i), ref.element(), path + "[" + i + "]", parentPath, parentShape);
          }
        }
      }
      case MAP -> {
        if (value.isObject()) {
          for (Map.Entry<String, JsonNode> e : value.properties()) {
            checkNames(
                e.getValue(),
                ref.element(),
                path + "[" + e.getKey() + "]",
                parentPath,
                parentShape);
          }
        }
      }
    }
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
