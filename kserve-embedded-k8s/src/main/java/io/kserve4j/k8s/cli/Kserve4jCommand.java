package io.kserve4j.k8s.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kserve4j} command: {@code java -jar kserve4j.jar <subcommand>}. */
@Command(
    name = "kserve4j",
    mixinStandardHelpOptions = true,
    version = "kserve4j 0.1.0-SNAPSHOT",
    description = "Serve, run and check KServe InferenceServices in one JVM.",
    subcommands = {ValidateCommand.class})
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
    return new CommandLine(new Kserve4jCommand()).execute(args);
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
