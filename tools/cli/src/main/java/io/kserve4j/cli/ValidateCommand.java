package io.kserve4j.cli;

import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kserve4j validate FILE.yaml…}: prints every violation; exit code 1 if there is one. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check KServe YAML against KServe's rules; print every violation, exit 1 if any.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE.yaml", description = "KServe YAML files")
  List<Path> files = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.@org.jspecify.annotations.Nullable CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = Cli.out(spec);
    int problems = 0;
    for (Path file : files) {
      List<String> lines = new ArrayList<>();
      try {
        KServeDocuments docs = KServeYaml.read(file);
        for (InferenceServiceResource r : docs.inferenceServices()) {
          for (Violation v : r.violations()) {
            lines.add("InferenceService " + r.name() + ": " + v);
          }
        }
        for (ServingRuntimeResource r : docs.servingRuntimes()) {
          for (Violation v : r.violations()) {
            lines.add(r.kind() + " " + r.name() + ": " + v);
          }
        }
        if (lines.isEmpty()) {
          out.println(
              file
                  + ": valid ("
                  + docs.inferenceServices().size()
                  + " InferenceService(s), "
                  + docs.servingRuntimes().size()
                  + " runtime(s))");
        }
      } catch (SpecValidationException e) {
        for (Violation v : e.violations()) {
          lines.add(v.toString());
        }
      } catch (java.io.UncheckedIOException e) {
        lines.add("cannot be read: " + e.getMessage());
      }
      for (String line : lines) {
        out.println(file + ": " + line);
      }
      problems += lines.size();
    }
    out.flush();
    return problems == 0 ? 0 : 1;
  }
}
