package io.kserve4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java and YAML snippet of the README and docs/architecture.md runs as written: each is in a
 * sample of this module (compiled, and run by its test), imports included. A snippet's imports must
 * all be imports of the sample, and its other lines must stand in the sample in the same order, one
 * after another (indentation and runs of spaces aside). Edit the sample, then copy it into the
 * docs.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\\n(.*?)```", Pattern.DOTALL);

  static Stream<Arguments> snippets() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (String doc : List.of("README.md", "docs/architecture.md")) {
      String text = Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8);
      Matcher m = BLOCK.matcher(text);
      int n = 0;
      while (m.find()) {
        n++;
        all.add(Arguments.of(doc + " #" + n + " (" + m.group(1) + ")", m.group(1), m.group(2)));
      }
    }
    assertThat(all).as("snippets found").hasSizeGreaterThan(5);
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void eachSnippet_isInASample(String where, String language, String snippet) throws IOException {
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : snippet.split("\\n")) {
      String l = normal(line);
      if (l.isEmpty() || (language.equals("yaml") && l.startsWith("#"))) {
        continue;
      }
      (l.startsWith("import ") ? imports : body).add(l);
    }
    String ext = language.equals("java") ? ".java" : ".yaml";
    List<Path> candidates;
    try (Stream<Path> files = Files.walk(ROOT.resolve("samples/src"))) {
      candidates = files.filter(f -> f.toString().endsWith(ext)).sorted().toList();
    }
    for (Path f : candidates) {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String l = normal(line);
        if (!l.isEmpty() && !(language.equals("yaml") && l.startsWith("#"))) {
          lines.add(l);
        }
      }
      if (lines.containsAll(imports) && indexOf(lines, body) >= 0) {
        return;
      }
    }
    throw new AssertionError(
        where
            + " is in no sample under samples/src: edit a sample so that it holds these lines"
            + " (imports anywhere, the rest in order):\n"
            + String.join("\n", imports)
            + "\n"
            + String.join("\n", body));
  }

  /** Where {@code part} starts in {@code lines}, or -1. */
  private static int indexOf(List<String> lines, List<String> part) {
    return part.isEmpty() ? 0 : java.util.Collections.indexOfSubList(lines, part);
  }

  /** The line trimmed, runs of spaces made one. */
  private static String normal(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }
}
