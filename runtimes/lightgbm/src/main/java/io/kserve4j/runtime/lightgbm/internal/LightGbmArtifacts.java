package io.kserve4j.runtime.lightgbm.internal;

import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the LightGBM model in a model's storage: the one LightGBM text model in the folder (not in
 * subfolders), or the file itself. A LightGBM text model is a file whose first line is {@code tree}
 * (what {@code booster.save_model} writes), whatever its name: {@code model.txt} as LightGBM names
 * it, {@code model.bst} as KServe's lgbserver looks for it.
 */
final class LightGbmArtifacts {
  static final String FIELD = "spec.predictor.model.storageUri";

  private LightGbmArtifacts() {}

  /** Whether {@code path} is, or is a folder holding, a LightGBM text model. Never throws. */
  static boolean holdsModel(Path path) {
    if (Files.isRegularFile(path)) {
      return isModel(path);
    }
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.anyMatch(f -> Files.isRegularFile(f) && isModel(f));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * The model file at {@code path}: the file itself, or the one LightGBM text model in the folder.
   *
   * @param subject the service, for messages
   * @param storageUri what the user wrote, for messages; {@code null} to show the path
   * @throws SpecValidationException if there is no LightGBM model or several; the message says how
   *     to fix it
   */
  static Path locate(String subject, @Nullable String storageUri, Path path) {
    Object shown = storageUri != null ? storageUri : path;
    if (Files.isRegularFile(path)) {
      if (!isModel(path)) {
        throw invalid(
            subject,
            shown,
            "is "
                + path.getFileName()
                + ", not a LightGBM text model (its first line is not 'tree')",
            "point storageUri at the file booster.save_model(\"model.txt\") wrote");
      }
      return path;
    }
    if (!Files.isDirectory(path)) {
      throw invalid(
          subject,
          shown,
          "resolves to " + path + ", which does not exist",
          "point storageUri at LightGBM's model.txt, or a folder holding one");
    }
    List<Path> all = list(subject, shown, path);
    List<Path> models = new ArrayList<>();
    for (Path f : all) {
      if (isModel(f)) {
        models.add(f);
      }
    }
    if (models.size() > 1) {
      throw invalid(
          subject,
          shown,
          "holds " + models.size() + " LightGBM models " + names(models) + ", which one to serve?",
          "point storageUri at one file, e.g. "
              + models.get(0).getFileName()
              + " (KServe's lgbserver allows one model file per folder too)");
    }
    if (models.isEmpty()) {
      throw invalid(
          subject,
          shown,
          all.isEmpty()
              ? "is an empty folder (" + path + ")"
              : "holds no LightGBM text model (found " + names(all) + ")",
          "save the model there with booster.save_model(\"model.txt\"), or point storageUri at"
              + " the model file");
    }
    return models.get(0);
  }

  /** Whether a file is LightGBM text: its first line is {@code tree}. */
  static boolean isModel(Path file) {
    String head = new String(head(file, 16), StandardCharsets.ISO_8859_1);
    return head.startsWith("tree\n") || head.startsWith("tree\r\n");
  }

  private static byte[] head(Path file, int limit) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(limit);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static List<Path> list(String subject, Object shown, Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      files.filter(Files::isRegularFile).sorted().forEach(out::add);
      return out;
    } catch (IOException | UncheckedIOException e) {
      throw new SpecValidationException(
          subject,
          new Violation(
              FIELD,
              shown,
              "resolves to " + dir + ", which cannot be listed: " + e.getMessage(),
              "check that the folder is readable"),
          e);
    }
  }

  private static List<String> names(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      Path name = f.getFileName();
      out.add(name == null ? f.toString() : name.toString());
    }
    return out;
  }

  private static SpecValidationException invalid(
      String subject, Object value, String rule, String fix) {
    return new SpecValidationException(subject, List.of(new Violation(FIELD, value, rule, fix)));
  }
}
