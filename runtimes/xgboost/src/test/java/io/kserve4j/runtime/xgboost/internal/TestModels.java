package io.kserve4j.runtime.xgboost.internal;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.core.runtime.ModelContext;
import io.kserve4j.core.runtime.RuntimeOptions;
import io.kserve4j.core.spec.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test models in {@code testdata/models}, their CSV files, and the one way tests load one. */
final class TestModels {
  private TestModels() {}

  /** The folder of the test model {@code name}. */
  static Path model(String name) {
    String shared = System.getProperty("kserve4j.shared.dir");
    Path root =
        shared != null && !shared.isBlank() ? Paths.get(shared) : Paths.get("../../testdata");
    Path dir = root.resolve("models").resolve(name).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "the test model is missing at " + dir + " (set -Dkserve4j.shared.dir to testdata/)");
    }
    return dir;
  }

  /** Loads the model at {@code path} with the XGBoost runtime. */
  static Model load(Path path, RuntimeOptions... options) {
    return new XgboostServingRuntime()
        .load(
            new ModelContext(
                "xgb",
                ModelSpec.of("xgboost", path.toUri().toString()),
                path,
                Map.of(),
                List.of(options)));
  }

  /** The rows of a CSV file with a header, as column name to text. No quoting. */
  static List<Map<String, String>> csv(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String[] header = lines.get(0).split(",", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV number; {@code NA}, {@code N/A} and empty cells are missing ({@code NaN}). */
  static double number(String cell) {
    String c = cell.trim();
    return c.isEmpty() || c.equals("NA") || c.equals("N/A") ? Double.NaN : Double.parseDouble(c);
  }

  /**
   * The levels of each categorical feature of an XGBoost feature map ({@code features.fmap}):
   * {@code 0 cylinders=3 i} lists level {@code 3} of {@code cylinders}, in the order of the map.
   */
  static Map<String, List<String>> levels(Path fmap) {
    try {
      Map<String, List<String>> levels = new LinkedHashMap<>();
      for (String line : Files.readAllLines(fmap, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t");
        if (parts.length >= 2 && parts[1].contains("=")) {
          String[] kv = parts[1].split("=", 2);
          levels.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
      }
      return levels;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
