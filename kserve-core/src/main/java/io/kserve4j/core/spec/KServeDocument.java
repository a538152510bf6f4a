package io.kserve4j.core.spec;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One document of a KServe YAML source as {@link KServeYaml#readDocuments} reads it: where it is,
 * what it says it is, and either the resource or the problems that kept it from reading.
 *
 * @param number the document's place in the source, from 1 (empty documents count too)
 * @param kind the {@code kind} it declares; {@code ""} when it declares none
 * @param name its {@code metadata.name}; {@code ""} when it has none
 * @param resource the resource, or {@code null} when the document has problems
 * @param problems what kept the document from reading: broken YAML, a wrong type, a field KServe's
 *     CRD does not define, an unknown kind; empty exactly when there is a resource. A resource's
 *     own rules are {@link KServeResource#violations()}.
 */
public record KServeDocument(
    int number,
    String kind,
    String name,
    @Nullable KServeResource resource,
    List<Violation> problems) {
  /**
   * Copies the problems.
   *
   * @throws IllegalArgumentException if there is both a resource and a problem, or neither
   */
  public KServeDocument {
    problems = List.copyOf(problems);
    if ((resource == null) == problems.isEmpty()) {
      throw new IllegalArgumentException(
          "a document has either a resource or problems: " + resource + ", " + problems);
    }
  }

  /**
   * Every violation of this document: the problems that kept it from reading, else its resource's
   * violations of KServe's rules; empty when it is valid.
   */
  public List<Violation> violations() {
    KServeResource r = resource;
    return r == null ? problems : r.violations();
  }
}
