package io.kserve4j.core.internal.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The field names KServe's CRD schemas define for every object of every kind kserve4j reads: what
 * {@code kubectl --validate=strict} accepts. The table is {@value #RESOURCE}, generated from KServe
 * {@value #KSERVE_VERSION}'s CRDs ({@code testdata/kserve-crds}); {@code FieldTableTest} generates
 * it again from the CRDs and fails when the two differ, so the table cannot drift from KServe.
 *
 * <p>A CRD leaves {@code metadata} open (the API server checks it as Kubernetes' {@code
 * ObjectMeta}); {@link #OBJECT_META} lists ObjectMeta's fields instead.
 */
final class FieldTable {
  /** The KServe release whose CRDs the table was generated from. */
  static final String KSERVE_VERSION = "0.20";

  /** The table's resource name, next to this class. */
  static final String RESOURCE = "kserve-fields.txt";

  /**
   * Kubernetes' {@code ObjectMeta} (k8s.io/apimachinery meta/v1), which every kind's metadata is.
   */
  static final Shape OBJECT_META = objectMeta();

  private static final Map<String, Shape> ROOTS = load();

  private FieldTable() {}

  /**
   * The shape of a whole document of this kind.
   *
   * @throws IllegalArgumentException if the table has no such kind
   */
  static Shape root(String kind) {
    Shape shape = ROOTS.get(kind);
    if (shape == null) {
      throw new IllegalArgumentException("no KServe CRD fields for kind " + kind);
    }
    return shape;
  }

  /** The kinds in the table, in its order. */
  static Set<String> kinds() {
    return Collections.unmodifiableSet(ROOTS.keySet());
  }

  /** What a field holds, as far as field names go. */
  enum Form {
    /** A scalar, a list of scalars or a map of scalars: no field names inside. */
    LEAF,
    /** Anything: the schema does not list its fields. */
    ANY,
    /** An object with the fields of {@link Ref#shape()}. */
    OBJECT,
    /** A list of {@link Ref#element()}. */
    LIST,
    /** A map from any key to {@link Ref#element()}. */
    MAP
  }

  /** A field's value: its form, and the shape or element it holds. */
  static final class Ref {
    static final Ref LEAF = new Ref(Form.LEAF, null, null);
    static final Ref ANY = new Ref(Form.ANY, null, null);

    private final Form form;
    private final @Nullable Shape shape;
    private final @Nullable Ref element;

    private Ref(Form form, @Nullable Shape shape, @Nullable Ref element) {
      this.form = form;
      this.shape = shape;
      this.element = element;
    }

    static Ref object(Shape shape) {
      return new Ref(Form.OBJECT, shape, null);
    }

    static Ref list(Ref element) {
      return new Ref(Form.LIST, null, element);
    }

    static Ref map(Ref element) {
      return new Ref(Form.MAP, null, element);
    }

    Form form() {
      return form;
    }

    /** The object's shape; only for {@link Form#OBJECT}. */
    Shape shape() {
      return Objects.requireNonNull(shape, "not an object");
    }

    /** The entries' value; only for {@link Form#LIST} and {@link Form#MAP}. */
    Ref element() {
      return Objects.requireNonNull(element, "not a list or map");
    }
  }

  /**
   * The fields of one object schema. A closed shape knows every field; an open one ({@code
   * x-kubernetes-preserve-unknown-fields}) also takes others.
   */
  static final class Shape {
    private final String name;
    private boolean open;
    private final Map<String, Ref> fields = new LinkedHashMap<>();

    Shape(String name) {
      this.name = name;
    }

    /** The path where the generator met this shape first, e.g. {@code InferenceService.spec}. */
    String name() {
      return name;
    }

    /** Whether fields not listed are allowed too. */
    boolean open() {
      return open;
    }

    boolean has(String field) {
      return fields.containsKey(field);
    }

    /**
     * The field's value form.
     *
     * @throws IllegalArgumentException if the shape has no such field
     */
    Ref ref(String field) {
      Ref ref = fields.get(field);
      if (ref == null) {
        throw new IllegalArgumentException(name + " has no field " + field);
      }
      return ref;
    }

    /** Every field name, in the schema's order. */
    Set<String> names() {
      return Collections.unmodifiableSet(fields.keySet());
    }

    private Shape field(String field, Ref ref) {
      fields.put(field, ref);
      return this;
    }
  }

  // ---- loading

  private static Map<String, Shape> load() {
    InputStream in = FieldTable.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("kserve4j's KServe field table " + RESOURCE + " is missing");
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return parse(lines);
  }

  /**
   * Reads the table's lines: {@code kind <Kind> <shape>} names a kind's root shape; {@code shape
   * <name> [*] <field>[=<ref>]...} lists a shape's fields ({@code *}: open), where a ref is a shape
   * name, {@code []<ref>} (a list), <code>{}&lt;ref&gt;</code> (a map) or {@code *} (anything); a
   * field without a ref holds no fields.
   */
  static Map<String, Shape> parse(List<String> lines) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      if (words[0].equals("shape")) {
        shapes.put(words[1], new Shape(words[1]));
      }
    }
    Map<String, Shape> roots = new LinkedHashMap<>();
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      switch (words[0]) {
        case "kind" -> roots.put(words[1], shape(shapes, words[2]));
        case "shape" -> {
          Shape shape = shape(shapes, words[1]);
          for (int i = 2; i < words.length; i++) {
            String word = words[i];
            if (i == 2 && word.equals("*")) {
              shape.open = true;
              continue;
            }
            int eq = word.indexOf('=');
            if (eq < 0) {
              shape.field(word, Ref.LEAF);
            } else {
              shape.field(word.substring(0, eq), ref(shapes, word.substring(eq + 1)));
            }
          }
        }
        default -> throw new IllegalStateException(RESOURCE + ": cannot read line " + line);
      }
    }
    return roots;
  }

  private static Ref ref(Map<String, Shape> shapes, String text) {
    if (text.equals("*")) {
      return Ref.ANY;
    }
    if (text.startsWith("[]")) {
      return Ref.list(ref(shapes, text.substring(2)));
    }
    if (text.startsWith("{}")) {
      return Ref.map(ref(shapes, text.substring(2)));
    }
    return Ref.object(shape(shapes, text));
  }

  private static Shape shape(Map<String, Shape> shapes, String name) {
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalStateException(RESOURCE + ": no shape " + name);
    }
    return shape;
  }

  private static Shape objectMeta() {
    Shape owner =
        new Shape("OwnerReference")
            .field("apiVersion", Ref.LEAF)
            .field("blockOwnerDeletion", Ref.LEAF)
            .field("controller", Ref.LEAF)
            .field("kind", Ref.LEAF)
            .field("name", Ref.LEAF)
            .field("uid", Ref.LEAF);
    Shape managed =
        new Shape("ManagedFieldsEntry")
            .field("apiVersion", Ref.LEAF)
            .field("fieldsType", Ref.LEAF)
            .field("fieldsV1", Ref.ANY)
            .field("manager", Ref.LEAF)
            .field("operation", Ref.LEAF)
            .field("subresource", Ref.LEAF)
            .field("time", Ref.LEAF);
    return new Shape("ObjectMeta")
        .field("annotations", Ref.LEAF)
        .field("creationTimestamp", Ref.LEAF)
        .field("deletionGracePeriodSeconds", Ref.LEAF)
        .field("deletionTimestamp", Ref.LEAF)
        .field("finalizers", Ref.LEAF)
        .field("generateName", Ref.LEAF)
        .field("generation", Ref.LEAF)
        .field("labels", Ref.LEAF)
        .field("managedFields", Ref.list(Ref.object(managed)))
        .field("name", Ref.LEAF)
        .field("namespace", Ref.LEAF)
        .field("ownerReferences", Ref.list(Ref.object(owner)))
        .field("resourceVersion", Ref.LEAF)
        .field("selfLink", Ref.LEAF)
        .field("uid", Ref.LEAF);
  }
}
