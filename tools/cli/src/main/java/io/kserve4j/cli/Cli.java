package io.kserve4j.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** Small helpers the commands share. */
final class Cli {
  private Cli() {}

  /** The command's output stream. */
  static PrintWriter out(CommandLine.Model.@Nullable CommandSpec spec) {
    return spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
  }

  /** A value picocli guarantees for a required option or parameter. */
  static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(new Kserve4jCommand()), name + " is required");
    }
    return value;
  }
}
