package io.kserve4j.core.spec;

import io.kserve4j.core.internal.spec.SpecReader;
import io.kserve4j.core.internal.spec.SpecWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * KServe YAML in and out: InferenceServices ({@code serving.kserve.io/v1beta1}), ServingRuntimes,
 * ClusterServingRuntimes, InferenceGraphs and TrainedModels ({@code serving.kserve.io/v1alpha1}).
 *
 * <p>Reading does what KServe's defaulting webhook does to the spec: a framework shortcut ({@code
 * sklearn:}, {@code onnx:}...) becomes {@code model:} with {@code modelFormat.name} set, and {@code
 * triton}, {@code onnx} and {@code huggingface} (shortcut or format) get {@code protocolVersion:
 * v2} when unset.
 *
 * <p>Reading is as strict as {@code kubectl --validate=strict} with KServe's CRDs: a field the CRD
 * schema does not define at its path (and, in {@code metadata}, a field Kubernetes' ObjectMeta does
 * not have) is a violation that names the field meant, e.g. {@code spec.predictor.minReplica = 0:
 * unknown field (did you mean minReplicas?)}. Every field the CRD defines but kserve4j does not
 * apply in one JVM (containers, resources, node selectors, tolerations, {@code status}...) is kept,
 * as read and in order, in the nearest record's {@code extra} map, so that {@link #write} gives it
 * back; each is logged once at {@code DEBUG} ("kept for export, not applied in-process: <path>").
 * The field names come from KServe 0.20's CRDs.
 *
 * <p>Reading checks syntax, types, enums and field names, not KServe's rules: call {@link
 * KServeResource#validate()} on each resource for those. Writing then reading gives equal records.
 */
public final class KServeYaml {
  private KServeYaml() {}

  /**
   * Reads a KServe YAML file, one or more documents separated by {@code ---}; empty documents are
   * skipped.
   *
   * @param file the file, UTF-8
   * @return the documents, by kind
   * @throws SpecValidationException listing every problem found: broken YAML (with file, line and
   *     column), a field of the wrong type or one KServe's CRD does not define (with its path), a
   *     missing or unknown {@code kind} or {@code apiVersion}
   * @throws UncheckedIOException if the file cannot be read
   */
  public static KServeDocuments read(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read KServe YAML " + file, e);
    }
    return read(yaml, file.toString());
  }

  /**
   * Reads KServe YAML text, one or more documents separated by {@code ---}; empty documents are
   * skipped.
   *
   * @param yaml the text
   * @param sourceName what violations name as the source, e.g. a file name
   * @return the documents, by kind
   * @throws SpecValidationException listing every problem found: broken YAML (with source, line and
   *     column), a field of the wrong type or one KServe's CRD does not define (with its path), a
   *     missing or unknown {@code kind} or {@code apiVersion}
   */
  public static KServeDocuments read(String yaml, String sourceName) {
    return SpecReader.read(yaml, sourceName);
  }

  /**
   * Reads every document of a KServe YAML file that it can, and reports the others: for tools that
   * list every problem of every document at once, such as {@code kserve4j validate}.
   *
   * @param file the file, UTF-8
   * @return the non-empty documents in order, each with its resource or the problems that kept it
   *     from reading; when the YAML breaks off, a last document holds the syntax error
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<KServeDocument> readDocuments(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read KServe YAML " + file, e);
    }
    return readDocuments(yaml, file.toString());
  }

  /**
   * Reads every document of a KServe YAML text that it can, and reports the others (see {@link
   * #readDocuments(Path)}).
   *
   * @param yaml the text
   * @param sourceName what violations name as the source, e.g. a file name
   * @return the non-empty documents in order, each with its resource or its problems
   */
  public static List<KServeDocument> readDocuments(String yaml, String sourceName) {
    return SpecReader.readEach(yaml, sourceName);
  }

  /**
   * Writes an InferenceService as one KServe YAML document: KServe's field names, unset fields
   * omitted, extra fields merged back in their place, strings that could read as numbers or
   * booleans (such as {@code "500m"} or {@code "1"}) quoted.
   *
   * @param service the service
   * @return the YAML document, ending with a newline
   * @throws IllegalArgumentException if an {@code extra} value is not a map, list, string, number,
   *     boolean or {@code null}
   */
  public static String write(InferenceServiceResource service) {
    return SpecWriter.write(service);
  }

  /**
   * Writes a ServingRuntime or ClusterServingRuntime as one KServe YAML document.
   *
   * @param runtime the runtime
   * @return the YAML document, ending with a newline
   * @throws IllegalArgumentException if an {@code extra} value is not a map, list, string, number,
   *     boolean or {@code null}
   */
  public static String write(ServingRuntimeResource runtime) {
    return SpecWriter.write(runtime);
  }

  /**
   * Writes an InferenceGraph as one KServe YAML document.
   *
   * @param graph the graph
   * @return the YAML document, ending with a newline
   * @throws IllegalArgumentException if an {@code extra} value (or {@code resources}, {@code
   *     affinity}, {@code tolerations}) is not a map, list, string, number, boolean or {@code null}
   */
  public static String write(InferenceGraphResource graph) {
    return SpecWriter.write(graph);
  }

  /**
   * Writes a TrainedModel as one KServe YAML document.
   *
   * @param trainedModel the model
   * @return the YAML document, ending with a newline
   * @throws IllegalArgumentException if an {@code extra} value is not a map, list, string, number,
   *     boolean or {@code null}
   */
  public static String write(TrainedModelResource trainedModel) {
    return SpecWriter.write(trainedModel);
  }

  /**
   * Writes every document, separated by {@code ---}: runtimes first, then InferenceServices,
   * InferenceGraphs and TrainedModels, the order in which a cluster accepts them.
   *
   * @param documents the documents
   * @return the YAML text; empty when there are no documents
   * @throws IllegalArgumentException if an {@code extra} value is not a map, list, string, number,
   *     boolean or {@code null}
   */
  public static String write(KServeDocuments documents) {
    return SpecWriter.write(documents);
  }
}
