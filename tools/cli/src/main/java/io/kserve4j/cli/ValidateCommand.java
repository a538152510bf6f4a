package io.kserve4j.cli;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.InferenceGraphResource;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeDocument;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import io.kserve4j.protocol.InferenceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j validate FILE.yaml…}: prints every violation of every document of every file,
 * then one summary line per file that counts each kind; exit code 1 if there is a violation, 3 if
 * there is none but something could not be checked.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check KServe YAML as KServe would: field names and types against KServe 0.20's CRDs, and"
          + " KServe's rules for each InferenceService, ServingRuntime, ClusterServingRuntime and"
          + " TrainedModel. Prints every problem of every document of every file.",
      "InferenceGraphs are checked against their CRD only; KServe's graph rules come with"
          + " kserve-graph, so a graph is never counted as valid."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every document of every file is valid",
      "1:a file has a problem, or cannot be read",
      "3:no problem, but not everything could be checked (an InferenceGraph, or a file without"
          + " any KServe document)"
    })
final class ValidateCommand implements Callable<Integer> {
  /** The exit code when nothing is wrong but something could not be checked. */
  static final int NOT_CHECKED = 3;

  /** The kinds in the order the summary counts them. */
  private static final List<String> KINDS =
      List.of(
          "InferenceService",
          "ServingRuntime",
          "ClusterServingRuntime",
          "InferenceGraph",
          "TrainedModel");

  @Parameters(arity = "1..*", paramLabel = "FILE.yaml", description = "KServe YAML files")
  List<Path> files = new ArrayList<>();

  @CommandLine.Option(
      names = "--load",
      description =
          "also load each valid InferenceService's model with its runtime (then close it): finds"
              + " a corrupt or unsupported model file")
  boolean load;

  @CommandLine.Mixin StorageMixin storage = new StorageMixin();

  @CommandLine.Spec CommandLine.Model.@org.jspecify.annotations.Nullable CommandSpec spec;

  /**
   * A further check of one InferenceService whose spec breaks none of KServe's rules, run by {@code
   * validate} after them: e.g. resolving the storage URI and choosing the runtime without loading
   * the model.
   */
  @FunctionalInterface
  interface ServiceCheck {
    /**
     * Checks one service.
     *
     * @param service the service
     * @param file every resource read from the service's file (its ServingRuntimes, for one)
     * @param path the file, e.g. to resolve relative storage URIs against its folder
     * @return the violations found; empty when there is none
     */
    List<Violation> check(InferenceServiceResource service, KServeDocuments file, Path path);
  }

  private final List<ServiceCheck> serviceChecks;

  /**
   * The command as {@code kserve4j validate} runs it: after KServe's rules, what serving would fail
   * on at once (the runtime chosen for the format, the storage URI resolving to an existing file or
   * folder), and with {@code --load} the model loaded.
   */
  ValidateCommand() {
    this.serviceChecks = List.of(this::servable);
  }

  /** The command with these checks run on each InferenceService whose spec is valid. */
  ValidateCommand(List<ServiceCheck> serviceChecks) {
    this.serviceChecks = List.copyOf(serviceChecks);
  }

  /** Runtime selection and storage without loading; with {@code --load}, the load itself. */
  private List<Violation> servable(
      InferenceServiceResource service, KServeDocuments file, Path path) {
    StorageOptions options = storage.options();
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      options = options.withBaseDir(dir);
    }
    InferenceService.Builder builder =
        InferenceService.builder()
            .resource(service)
            .servingRuntimes(file.servingRuntimes())
            .storage(options);
    List<Violation> problems = builder.check();
    if (!problems.isEmpty() || !load) {
      return problems;
    }
    try (InferenceService loaded = builder.build()) {
      return List.of();
    } catch (SpecValidationException e) {
      return e.violations();
    } catch (InferenceException e) {
      return List.of(
          new Violation(
              "spec.predictor.model.storageUri",
              service.spec().predictor().model() == null
                  ? null
                  : java.util.Objects.requireNonNull(service.spec().predictor().model())
                      .storageUri(),
              "the runtime cannot load the model: " + e.getMessage(),
              "check that the file is a model of the declared modelFormat"));
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = Cli.out(spec);
    boolean invalid = false;
    boolean notChecked = false;
    for (Path file : files) {
      FileReport report = check(file);
      report.lines().forEach(line -> out.println(file + ": " + line));
      out.println(file + ": " + report.summary());
      invalid |= report.problems() > 0;
      notChecked |= !report.fullyChecked();
    }
    out.flush();
    return invalid ? 1 : notChecked ? NOT_CHECKED : 0;
  }

  /** What {@code validate} found about one document. */
  private enum Status {
    INVALID("invalid"),
    VALID("valid"),
    NOT_CHECKED("not checked");

    final String label;

    Status(String label) {
      this.label = label;
    }
  }

  /** Kinds in the summary: KServe's in {@link #KINDS} order, then others by name. */
  private static final Comparator<String> KIND_ORDER =
      Comparator.<String>comparingInt(k -> KINDS.contains(k) ? KINDS.indexOf(k) : KINDS.size())
          .thenComparing(Comparator.naturalOrder());

  /** What {@code validate} says about one file: its lines, and documents by status and kind. */
  private record FileReport(
      List<String> lines, int problems, Map<Status, Map<String, Integer>> counts) {
    String summary() {
      if (counts.isEmpty()) {
        return problems > 0
            ? "invalid, " + problems(problems)
            : "not valid: holds no KServe document (give InferenceService, ServingRuntime,"
                + " ClusterServingRuntime, InferenceGraph or TrainedModel documents)";
      }
      if (problems > 0) {
        return "invalid, " + problems(problems) + " (" + tally() + ")";
      }
      if (!counts.containsKey(Status.NOT_CHECKED)) {
        return "valid (" + tally() + ")";
      }
      return counts.containsKey(Status.VALID)
          ? "not fully checked (" + tally() + ")"
          : "not valid: nothing it holds could be checked (" + tally() + ")";
    }

    boolean fullyChecked() {
      return !counts.isEmpty() && !counts.containsKey(Status.NOT_CHECKED);
    }

    /** E.g. {@code invalid: 1 InferenceService; valid: 2 ServingRuntimes}. */
    private String tally() {
      List<String> parts = new ArrayList<>();
      counts.forEach(
          (status, byKind) -> {
            List<String> kinds = new ArrayList<>();
            byKind.forEach((kind, n) -> kinds.add(n + " " + kind + (n == 1 ? "" : "s")));
            boolean alone = counts.size() == 1 && status != Status.NOT_CHECKED;
            parts.add((alone ? "" : status.label + ": ") + String.join(", ", kinds));
          });
      return String.join("; ", parts);
    }

    private static String problems(int n) {
      return n + (n == 1 ? " problem" : " problems");
    }
  }

  private FileReport check(Path file) {
    List<String> lines = new ArrayList<>();
    Map<Status, Map<String, Integer>> counts = new EnumMap<>(Status.class);
    List<KServeDocument> documents;
    try {
      documents = KServeYaml.readDocuments(file);
    } catch (UncheckedIOException e) {
      lines.add("cannot be read: " + e.getMessage());
      return new FileReport(lines, 1, counts);
    }
    List<KServeResource> resources = new ArrayList<>();
    for (KServeDocument d : documents) {
      if (d.resource() != null) {
        resources.add(d.resource());
      }
    }
    KServeDocuments all = KServeDocuments.of(resources);
    int problems = 0;
    for (KServeDocument d : documents) {
      String label = label(d);
      List<Violation> violations = new ArrayList<>(d.violations());
      KServeResource resource = d.resource();
      if (violations.isEmpty() && resource instanceof InferenceServiceResource service) {
        for (ServiceCheck c : serviceChecks) {
          violations.addAll(c.check(service, all, file));
        }
      }
      Status status;
      if (!violations.isEmpty()) {
        violations.forEach(v -> lines.add(label + v));
        problems += violations.size();
        status = Status.INVALID;
      } else if (resource instanceof InferenceGraphResource) {
        lines.add(label + "not checked yet (graph rules come with kserve-graph)");
        status = Status.NOT_CHECKED;
      } else {
        status = Status.VALID;
      }
      counts
          .computeIfAbsent(status, s -> new TreeMap<>(KIND_ORDER))
          .merge(d.kind().isEmpty() ? "document" : d.kind(), 1, Integer::sum);
    }
    return new FileReport(lines, problems, counts);
  }

  /** {@code InferenceService 'iris': }, or {@code [document 2] } when it declares no kind. */
  private static String label(KServeDocument d) {
    return d.kind().isEmpty()
        ? "[document " + d.number() + "] "
        : d.kind() + " '" + d.name() + "': ";
  }
}
