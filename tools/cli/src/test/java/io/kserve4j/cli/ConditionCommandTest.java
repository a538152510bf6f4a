package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConditionCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String json) throws IOException {
    Path f = dir.resolve("body.json");
    Files.writeString(f, json);
    return f;
  }

  private static final String V2 =
      "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"label\",\"shape\":[1],"
          + "\"datatype\":\"BYTES\",\"data\":[\"cat\"]}]}";

  @Test
  void pathExists_printsTheRawJson_andExitsZero() throws IOException {
    Run r = run("condition", "outputs.#(name==\"label\").data.0", write(V2).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("\"cat\"" + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void kserveSampleCondition_onAV1Prediction() throws IOException {
    Run r =
        run(
            "condition",
            "[@this].#(predictions.0==\"dog\")",
            write("{\"predictions\":[\"dog\"]}").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().trim()).isEqualTo("{\"predictions\":[\"dog\"]}");
  }

  @Test
  void pathDoesNotExist_printsNothing_andExitsOne() throws IOException {
    Path f = write(V2);
    Run r = run("condition", "outputs.#(name==\"score\").data.0", f.toString());
    assertThat(r.exit()).isEqualTo(ConditionCommand.NOT_MET).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("kserve4j: 'outputs.#(name==\"score\").data.0' does not exist in " + f);
  }

  @Test
  void pathDoesNotParse_namesThePosition_andExitsTwo() throws IOException {
    Run r = run("condition", "outputs.#(name==\"label\"", write(V2).toString());
    assertThat(r.exit()).isEqualTo(ConditionCommand.ERROR).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("GJSON path 'outputs.#(name==\"label\"' at position 9")
        .contains("the query opened here is not closed (expected ')')")
        .contains("^");
  }

  @Test
  void fileCannotBeRead_exitsTwo() {
    Run r = run("condition", "a", dir.resolve("missing.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("missing.json cannot be read");
  }

  @Test
  void dash_readsStandardInput() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(V2.getBytes(StandardCharsets.UTF_8)));
      Run r = run("condition", "outputs.0.data.0", "-");
      assertThat(r.exit()).isZero();
      assertThat(r.out().trim()).isEqualTo("\"cat\"");
      System.setIn(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
      Run missing = run("condition", "outputs.0.data.0", "-");
      assertThat(missing.exit()).isEqualTo(1);
      assertThat(missing.err()).contains("does not exist in standard input");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void malformedJson_isNotMet() throws IOException {
    Run r = run("condition", "outputs.0", write("{\"outputs\":").toString());
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void workLimit_exitsTwo() throws IOException {
    Path f = dir.resolve("deep.json");
    Files.writeString(f, "[".repeat(1000) + "]".repeat(1000));
    Run r = run("condition", "@pretty", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("@pretty refuses JSON nested deeper than 512");
  }

  @Test
  void help_listsTheCommand() {
    Run r = run("--help");
    assertThat(r.out()).contains("condition");
    Run c = run("condition", "--help");
    assertThat(c.out()).contains("Exit 0 when the path exists");
  }
}
