package io.kserve4j.jmh.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Test models of testdata/models and the first rows of their input.csv, for the benchmarks. */
final class IrisRows {
  private IrisRows() {}

  /**
   * A file of a test model: {@code testdata/models/<model>/<file>} (system property {@code
   * kserve4j.shared.dir}, else {@code testdata} or {@code ../testdata}).
   */
  static Path file(String model, String file) {
    for (String dir :
        new String[] {
          System.getProperty("kserve4j.shared.dir", "testdata"), "testdata", "../testdata"
        }) {
      Path p = Path.of(dir, "models", model, file);
      if (Files.exists(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        model + "/" + file + " not found: set -Dkserve4j.shared.dir to the testdata folder");
  }

  /**
   * {@code rows} rows of {@code input.csv} (its rows repeated as needed), flattened, in the column
   * order {@code columns} names ({@code N/A} and {@code NA} are {@code NaN}).
   */
  static double[] rows(String model, int rows, String... columns) {
    return rows(model, rows, Set.of(), columns);
  }

  /**
   * As {@link #rows(String, int, String...)}, with the {@code categorical} columns given as
   * LightGBM's category codes: the index of the value among the column's sorted values.
   */
  static double[] rows(String model, int rows, Set<String> categorical, String... columns) {
    try {
      List<String> lines = Files.readAllLines(file(model, "input.csv"), StandardCharsets.UTF_8);
      List<String> header = List.of(lines.get(0).split(","));
      double[] out = new double[rows * columns.length];
      for (int c = 0; c < columns.length; c++) {
        int column = header.indexOf(columns[c]);
        List<Double> levels = null;
        if (categorical.contains(columns[c])) {
          TreeSet<Double> distinct = new TreeSet<>();
          for (String line : lines.subList(1, lines.size())) {
            distinct.add(number(line.split(",", -1)[column]));
          }
          levels = List.copyOf(distinct);
        }
        for (int r = 0; r < rows; r++) {
          double v = number(lines.get(1 + r % (lines.size() - 1)).split(",", -1)[column]);
          out[r * columns.length + c] = levels == null ? v : levels.indexOf(v);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double number(String cell) {
    return cell.equals("N/A") || cell.equals("NA") ? Double.NaN : Double.parseDouble(cell);
  }
}
