package io.kserve4j.cli;

import io.kserve4j.graph.gjson.GjsonLimitException;
import io.kserve4j.graph.gjson.GjsonPath;
import io.kserve4j.graph.gjson.GjsonSyntaxException;
import io.kserve4j.graph.gjson.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j condition PATH FILE.json}: tests an InferenceGraph step condition (a GJSON path)
 * on a JSON body as KServe's router does, and prints what the path finds.
 */
@Command(
    name = "condition",
    mixinStandardHelpOptions = true,
    description = {
      "Test an InferenceGraph condition (a GJSON path) on a JSON body, as KServe's router does:"
          + " print the result's raw JSON.",
      "Exit 0 when the path exists (the condition is met), 1 when it does not, 2 when the path"
          + " does not parse or the file cannot be read."
    })
final class ConditionCommand implements Callable<Integer> {
  /** The condition is met: the path exists. */
  static final int MET = 0;

  /** The condition is not met: the path does not exist. */
  static final int NOT_MET = 1;

  /** The path does not parse, the file cannot be read, or the evaluation hit its limit. */
  static final int ERROR = 2;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "a GJSON path, e.g. 'outputs.#(name==\"label\").data.0'")
  @Nullable String path;

  @Parameters(
      index = "1",
      paramLabel = "FILE.json",
      description = "the JSON body ('-' for standard input)")
  @Nullable String file;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = Cli.out(spec);
    PrintWriter err =
        spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
    String source = Cli.required(file, "FILE.json");
    GjsonPath condition;
    try {
      condition = GjsonPath.compile(Cli.required(path, "PATH"));
    } catch (GjsonSyntaxException e) {
      err.println("kserve4j: " + e.getMessage());
      err.flush();
      return ERROR;
    }
    byte[] json;
    try {
      json = "-".equals(source) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source));
    } catch (IOException | RuntimeException e) {
      err.println("kserve4j: " + source + " cannot be read: " + e);
      err.flush();
      return ERROR;
    }
    Result result;
    try {
      result = condition.get(json);
    } catch (GjsonLimitException e) {
      err.println("kserve4j: " + e.getMessage());
      err.flush();
      return ERROR;
    }
    if (!result.exists()) {
      String where = "-".equals(source) ? "standard input" : source;
      err.println("kserve4j: '" + condition.path() + "' does not exist in " + where);
      err.flush();
      return NOT_MET;
    }
    out.println(result.raw());
    out.flush();
    return MET;
  }
}
