package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.spec.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
  private static final String ISVC =
      "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: %s\n"
          + "spec:\n  predictor:\n%s    sklearn:\n      storageUri: file://models/iris\n";
  private static final String RUNTIME =
      "apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\nmetadata:\n  name: r\n"
          + "spec:\n  supportedModelFormats:\n    - name: sklearn\n  containers:\n"
          + "    - name: kserve-container\n      image: sklearnserver:1\n";
  private static final String GRAPH =
      "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\nmetadata:\n  name: g\n"
          + "spec:\n  nodes:\n    root:\n      routerType: Sequence\n      steps:\n"
          + "        - serviceName: iris\n";
  private static final String TRAINED_MODEL =
      "apiVersion: serving.kserve.io/v1alpha1\nkind: TrainedModel\nmetadata:\n  name: iris-v2\n"
          + "spec:\n  inferenceService: mms\n  model:\n    storageUri: s3://m/iris-v2\n"
          + "    framework: sklearn\n    memory: 256Mi\n";

  @TempDir Path dir;

  /** The services' model, {@code models/iris} beside the files: storage must resolve. */
  @org.junit.jupiter.api.BeforeEach
  void model() throws IOException {
    Path models = Files.createDirectories(dir.resolve("models/iris"));
    Path shared = Path.of(System.getProperty("kserve4j.shared.dir", "../../testdata"));
    Files.copy(shared.resolve("models/sk_logreg_iris/model.onnx"), models.resolve("model.onnx"));
  }

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Kserve4jCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute(args);
    return new Run(exit, out.toString());
  }

  private Path file(String name, String... documents) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("---\n", documents));
    return f;
  }

  private static String isvc(String name, String predictorLines) {
    return ISVC.formatted(name, predictorLines);
  }

  @Test
  void validFile_exitsZero_andCountsEachKind() throws IOException {
    Path f = file("ok.yaml", RUNTIME, isvc("iris", ""), isvc("iris2", ""), TRAINED_MODEL);

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .isEqualTo(f + ": valid (2 InferenceServices, 1 ServingRuntime, 1 TrainedModel)\n");
  }

  @Test
  void everyViolationOfEveryDocument_isPrinted_andTheExitCodeIsOne() throws IOException {
    Path f =
        file(
            "bad.yaml",
            isvc("Iris", "    minReplicas: -1\n"),
            isvc("typo", "    minReplica: 0\n"),
            "apiVersion: v1\nkind: ConfigMap\n",
            RUNTIME,
            TRAINED_MODEL.replace("s3://", "file://"));

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(f + ": InferenceService 'Iris': metadata.name = \"Iris\": must match")
        .contains(
            f
                + ": InferenceService 'Iris': spec.predictor.minReplicas = -1: must be >= 0 (use 0"
                + " to allow scale to zero)\n")
        .contains(
            f
                + ": InferenceService 'typo': spec.predictor.minReplica = 0: unknown field (did you"
                + " mean minReplicas?)\n")
        .contains(f + ": ConfigMap '': kind = \"ConfigMap\": is not a kind kserve4j reads")
        .contains(f + ": TrainedModel 'iris-v2': spec.model.storageUri = \"file://m/iris-v2\":")
        .endsWith(
            f
                + ": invalid, 5 problems (invalid: 2 InferenceServices, 1 TrainedModel, 1"
                + " ConfigMap; valid: 1 ServingRuntime)\n");
  }

  @Test
  void aFileWithOnlyAGraph_isNotValid_andTheGraphIsNotCheckedYet() throws IOException {
    Path f = file("graph.yaml", GRAPH);

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(ValidateCommand.NOT_CHECKED);
    assertThat(r.out())
        .isEqualTo(
            f
                + ": InferenceGraph 'g': not checked yet (graph rules come with kserve-graph)\n"
                + f
                + ": not valid: nothing it holds could be checked (not checked: 1"
                + " InferenceGraph)\n");
  }

  @Test
  void aGraphNextToValidServices_isCountedApart() throws IOException {
    Path f = file("mixed.yaml", isvc("iris", ""), GRAPH);

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(ValidateCommand.NOT_CHECKED);
    assertThat(r.out())
        .endsWith(
            f
                + ": not fully checked (valid: 1 InferenceService; not checked: 1"
                + " InferenceGraph)\n");
  }

  @Test
  void aGraphBreakingItsSchema_isInvalid() throws IOException {
    Path f = file("graph.yaml", GRAPH.replace("      routerType: Sequence\n", ""));

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            f
                + ": InferenceGraph 'g': spec.nodes[root].routerType = <unset>: is required (use"
                + " Sequence to chain the steps, Splitter to split requests by weight, Ensemble to"
                + " call them all, or Switch to pick one by condition)\n"
                + f
                + ": invalid, 1 problem (1 InferenceGraph)\n");
  }

  @Test
  void anEmptyFile_isNotValid() throws IOException {
    Path f = file("empty.yaml", "# nothing\n");

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(ValidateCommand.NOT_CHECKED);
    assertThat(r.out())
        .isEqualTo(
            f
                + ": not valid: holds no KServe document (give InferenceService, ServingRuntime,"
                + " ClusterServingRuntime, InferenceGraph or TrainedModel documents)\n");
  }

  @Test
  void everyFile_isReported_andTheWorstExitCodeWins() throws IOException {
    Path ok = file("ok.yaml", isvc("iris", ""));
    Path graph = file("graph.yaml", GRAPH);
    Path missing = dir.resolve("missing.yaml");

    Run r = run("validate", ok.toString(), graph.toString(), missing.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(ok + ": valid (1 InferenceService)\n")
        .contains(graph + ": not valid: nothing it holds could be checked")
        .contains(missing + ": cannot be read: cannot read KServe YAML " + missing)
        .endsWith(missing + ": invalid, 1 problem\n");
    assertThat(run("validate", ok.toString(), graph.toString()).exit())
        .isEqualTo(ValidateCommand.NOT_CHECKED);
  }

  @Test
  void brokenYaml_namesTheLine_withTheDocumentsBefore() throws IOException {
    Path f =
        file(
            "broken.yaml",
            isvc("iris", ""),
            "apiVersion: serving.kserve.io/v1beta1\nkind: [InferenceService\n");

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(f + ": [document 2] " + f + ":")
        .endsWith(f + ": invalid, 1 problem (invalid: 1 document; valid: 1 InferenceService)\n");
  }

  @Test
  void serviceChecks_runOnServicesWhoseSpecIsValid_withTheirFile() throws IOException {
    Path f = file("checked.yaml", RUNTIME, isvc("iris", ""), isvc("Bad", ""));
    List<String> seen = new ArrayList<>();
    ValidateCommand.ServiceCheck storage =
        (service, all, path) -> {
          seen.add(service.name() + " " + all.servingRuntimes().size() + " " + path);
          return List.of(
              new Violation(
                  "spec.predictor.model.storageUri",
                  "file://models/iris",
                  "does not exist",
                  "put the model there"));
        };
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ValidateCommand(List.of(storage)));
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute(f.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(seen).containsExactly("iris 1 " + f);
    assertThat(out.toString())
        .contains(
            f
                + ": InferenceService 'iris': spec.predictor.model.storageUri ="
                + " file://models/iris: does not exist (put the model there)\n")
        .endsWith(
            f + ": invalid, 2 problems (invalid: 2 InferenceServices; valid: 1 ServingRuntime)\n");
  }

  @Test
  void aStorageUriThatResolvesToNothing_isAProblem_namingTheField() throws IOException {
    Path f =
        file(
            "missing.yaml",
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: iris\nspec:\n  predictor:\n    sklearn:\n"
                + "      storageUri: models/nope\n");

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "InferenceService 'iris': spec.predictor.model.storageUri = models/nope: nothing exists"
                + " at ")
        .contains("(fix the path or copy the model there)");
  }

  @Test
  void aFormatNoRuntimeServes_isAProblem() throws IOException {
    Path f =
        file(
            "pmml.yaml",
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: iris\nspec:\n  predictor:\n    model:\n      modelFormat:\n"
                + "        name: pmml\n      storageUri: models/iris\n");

    Run r = run("validate", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("InferenceService 'iris': spec.predictor.model");
    assertThat(r.out()).contains("pmml");
  }

  @Test
  void load_loadsTheModel_andACorruptFileIsAProblem() throws IOException {
    Path good = file("good.yaml", isvc("iris", ""));
    Run ok = run("validate", "--load", good.toString());
    assertThat(ok.exit()).as(ok.out()).isZero();

    Path corrupt = Files.createDirectories(dir.resolve("models/broken"));
    Files.writeString(corrupt.resolve("model.onnx"), "not an onnx model");
    Path bad =
        file(
            "bad.yaml",
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: broken\nspec:\n  predictor:\n    sklearn:\n"
                + "      storageUri: models/broken\n");

    Run without = run("validate", bad.toString());
    assertThat(without.exit()).as("without --load the file is not opened").isZero();

    Run loaded = run("validate", "--load", bad.toString());
    assertThat(loaded.exit()).isEqualTo(1);
    assertThat(loaded.out())
        .contains("InferenceService 'broken': spec.predictor.model.storageUri = models/broken:")
        .contains("cannot load the model");
  }
}
