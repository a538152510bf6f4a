package io.kserve4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kserve4j} command: {@code java -jar kserve4j.jar <subcommand>}. */
@Command(
    name = "kserve4j",
    mixinStandardHelpOptions = true,
    version = "kserve4j 0.1.0-SNAPSHOT",
    description =
        "Serve, run and check KServe InferenceServices in one JVM; test InferenceGraph"
            + " conditions.",
    subcommands = {
      ServeCommand.class,
      PredictCommand.class,
      ValidateCommand.class,
      ConditionCommand.class,
      SimulateCommand.class
    })
public final class Kserve4jCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.@org.jspecify.annotations.Nullable CommandSpec spec;

  /** Creates the command (picocli does). */
  public Kserve4jCommand() {}

  @Override
  public void run() {
    if (spec != null) {
      spec.commandLine().usage(System.out);
    }
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The command line, with errors of specs and inference printed as one message. */
  public static CommandLine commandLine() {
    return new CommandLine(new Kserve4jCommand())
        .setExecutionExceptionHandler(
            (e, cli, parsed) -> {
              // Spec and inference errors are for a person: their message, not a stack trace.
              if (e instanceof io.kserve4j.core.spec.SpecValidationException
                  || e instanceof io.kserve4j.protocol.InferenceException
                  || e instanceof java.io.IOException
                  || e instanceof java.io.UncheckedIOException) {
                cli.getErr().println("kserve4j: " + e.getMessage());
                return 1;
              }
              throw e;
            });
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
