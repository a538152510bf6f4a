package io.kserve4j.runtime.xgboost.internal;

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
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the XGBoost model in a model's storage as KServe's xgbserver does: the one {@code .json},
 * {@code .ubj} or {@code .bst} file in the folder (not in subfolders), or the file itself. A {@code
 * .json} file must be an XGBoost model (it has a {@code "learner"}), and a {@code .bst} file that
 * is LightGBM text (KServe's lgbserver reads LightGBM models saved as {@code model.bst}) is not
 * one.
 */
final class XgboostArtifacts {
  static final String FIELD = "spec.predictor.model.storageUri";

  private static final int HEAD = 4096;

  private XgboostArtifacts() {}

  /** Whether {@code path} is, or is a folder holding, an XGBoost model file. Never throws. */
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
   * The model file at {@code path}: the file itself, or the one model file in the folder.
   *
   * @param subject the service, for messages
   * @param storageUri what the user wrote, for messages; {@code null} to show the path
   * @throws SpecValidationException if there is no model file, several, or the file is in the old
   *     binary format XGBoost 3.1 and later cannot read; the message says how to fix it
   */
  static Path locate(String subject, @Nullable String storageUri, Path path) {
    Object shown = storageUri != null ? storageUri : path;
    Path file;
    if (Files.isRegularFile(path)) {
      if (!isModel(path)) {
        throw invalid(
            subject,
            shown,
            "is " + path.getFileName() + ", not an XGBoost model",
            "point storageUri at XGBoost's model.json, model.ubj or model.bst (booster.save_model)");
      }
      file = path;
    } else if (Files.isDirectory(path)) {
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
            "holds " + models.size() + " XGBoost models " + names(models) + ", which one to serve?",
            "point storageUri at one file, e.g. "
                + models.get(0).getFileName()
                + " (KServe's xgbserver allows one model file per folder too)");
      }
      if (models.isEmpty()) {
        throw invalid(
            subject,
            shown,
            all.isEmpty()
                ? "is an empty folder (" + path + ")"
                : "holds no XGBoost model (found " + names(all) + ")",
            "save the booster there with booster.save_model(\"model.json\") (or model.ubj), or"
                + " point storageUri at the model file");
      }
      file = models.get(0);
    } else {
      throw invalid(
          subject,
          shown,
          "resolves to " + path + ", which does not exist",
          "point storageUri at XGBoost's model.json, model.ubj or model.bst, or a folder holding"
              + " one");
    }
    byte[] head = head(file, 4);
    if (head.length == 0 || head[0] != '{') {
      String start =
          head.length >= 4 && new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals("binf")
              ? "it starts with 'binf': "
              : "";
      throw invalid(
          subject,
          shown,
          file.getFileName()
              + " is not a JSON or UBJSON model ("
              + start
              + "XGBoost's old binary format, which XGBoost 3.1 and later cannot read)",
          "load it with XGBoost 2.x or 3.0 and save it again with booster.save_model(\"model.ubj\")"
              + " or booster.save_model(\"model.json\")");
    }
    return file;
  }

  /** Whether a file is an XGBoost model by its name and first bytes. */
  static boolean isModel(Path file) {
    String name = lowerName(file);
    if (name.endsWith(".ubj")) {
      return true;
    }
    if (name.endsWith(".json")) {
      return new String(head(file, HEAD), StandardCharsets.ISO_8859_1).contains("\"learner\"");
    }
    if (name.endsWith(".bst")) {
      return !isLightGbmText(file);
    }
    return false;
  }

  private static boolean isLightGbmText(Path file) {
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

  private static String lowerName(Path file) {
    Path name = file.getFileName();
    return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
  }

  private static SpecValidationException invalid(
      String subject, Object value, String rule, String fix) {
    return new SpecValidationException(subject, List.of(new Violation(FIELD, value, rule, fix)));
  }
}
