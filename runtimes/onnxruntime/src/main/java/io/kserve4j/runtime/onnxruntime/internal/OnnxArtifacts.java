package io.kserve4j.runtime.onnxruntime.internal;

import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.Violation;
import java.io.BufferedReader;
import java.io.IOException;
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
 * Finds the ONNX file in a model's storage, and explains what to do when there is none: pickles,
 * XGBoost, LightGBM and PyTorch files cannot run in the JVM as they are, but each converts to ONNX
 * with one call.
 */
final class OnnxArtifacts {
  /** How deep below the storage folder {@code .onnx} files are looked for. */
  static final int MAX_DEPTH = 4;

  static final String FIELD = "spec.predictor.model.storageUri";

  static final String SKLEARN_FIX =
      "sklearn pickles (.pkl, .joblib, .pickle) cannot run in the JVM; export the model to ONNX"
          + " with skl2onnx: onx = convert_sklearn(model, initial_types=[(\"float_input\","
          + " FloatTensorType([None, n]))]) with n the number of features, then"
          + " open(\"model.onnx\", \"wb\").write(onx.SerializeToString()), and point storageUri at"
          + " model.onnx";

  static final String XGBOOST_FIX =
      "XGBoost models (.json, .ubj, .bst) do not run in ONNX Runtime as they are; add the artifact"
          + " io.kserve4j:kserve4j-xgboost to serve them as they are, or convert the booster with"
          + " onnxmltools: onx = onnxmltools.convert_xgboost(booster, initial_types=[(\"input\","
          + " FloatTensorType([None, n]))]), save it as model.onnx and point storageUri at it";

  static final String LIGHTGBM_FIX =
      "LightGBM text models (.txt) do not run in ONNX Runtime as they are; add the artifact"
          + " io.kserve4j:kserve4j-lightgbm to serve them as they are, or convert the model with"
          + " onnxmltools: onx = onnxmltools.convert_lightgbm(model, initial_types=[(\"input\","
          + " FloatTensorType([None, n]))]), save it as model.onnx and point storageUri at it";

  static final String PYTORCH_FIX =
      "PyTorch files (.pt, .pth) do not run in ONNX Runtime; export the model with"
          + " torch.onnx.export(model, example_input, \"model.onnx\", input_names=[\"input\"],"
          + " output_names=[\"output\"], dynamic_axes={\"input\": {0: \"N\"}, \"output\": {0:"
          + " \"N\"}}) and point storageUri at model.onnx";

  private OnnxArtifacts() {}

  /**
   * The ONNX file to load from {@code path}: the file itself, or the one {@code .onnx} file in the
   * folder and its subfolders.
   *
   * @param subject the service, for messages, e.g. {@code InferenceService 'iris'}
   * @param storageUri what the user wrote, for messages; {@code null} to show the path
   * @throws SpecValidationException if there is no ONNX file, several, or only files of other
   *     frameworks; the message says how to fix it
   */
  static Path locate(String subject, @Nullable String storageUri, Path path) {
    Object shown = storageUri != null ? storageUri : path;
    if (Files.isRegularFile(path)) {
      String fix = guidance(path);
      if (fix != null) {
        throw invalid(subject, shown, "is " + path.getFileName() + ", not an ONNX model", fix);
      }
      return path;
    }
    if (!Files.isDirectory(path)) {
      throw invalid(
          subject,
          shown,
          "resolves to " + path + ", which does not exist",
          "point storageUri at a .onnx file or a folder holding exactly one");
    }
    List<Path> files = list(subject, shown, path);
    List<Path> onnx = new ArrayList<>();
    for (Path f : files) {
      if (lowerName(f).endsWith(".onnx")) {
        onnx.add(f);
      }
    }
    if (onnx.size() == 1) {
      return onnx.get(0);
    }
    if (onnx.size() > 1) {
      throw invalid(
          subject,
          shown,
          "holds " + onnx.size() + " ONNX models " + relative(path, onnx) + ", which one to serve?",
          "point storageUri at one file, e.g. " + path.relativize(onnx.get(0)));
    }
    List<String> fixes = new ArrayList<>();
    for (Path f : files) {
      String fix = guidance(f);
      if (fix != null && !fixes.contains(fix)) {
        fixes.add(fix);
      }
    }
    if (!fixes.isEmpty()) {
      throw invalid(
          subject,
          shown,
          "holds no .onnx file, only " + relative(path, files),
          String.join("; ", fixes));
    }
    throw invalid(
        subject,
        shown,
        files.isEmpty()
            ? "is an empty folder (" + path + ")"
            : "holds no .onnx file (found " + relative(path, files) + ")",
        "put the model there as model.onnx, or point storageUri at a .onnx file");
  }

  /**
   * Whether {@code path} holds an ONNX model: a file that is no other framework's, or a folder with
   * a {@code .onnx} file (at most {@link #MAX_DEPTH} levels down). Never throws.
   */
  static boolean holdsOnnx(Path path) {
    if (Files.isRegularFile(path)) {
      return lowerName(path).endsWith(".onnx") || guidance(path) == null;
    }
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(path, MAX_DEPTH)) {
      return walk.anyMatch(f -> Files.isRegularFile(f) && lowerName(f).endsWith(".onnx"));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** What to do with a file of another framework, or {@code null} when it may be ONNX. */
  static @Nullable String guidance(Path file) {
    String name = lowerName(file);
    if (name.endsWith(".pkl") || name.endsWith(".joblib") || name.endsWith(".pickle")) {
      return SKLEARN_FIX;
    }
    if (name.endsWith(".bst") && isLightGbm(file)) {
      return LIGHTGBM_FIX; // KServe's lgbserver loads LightGBM text models saved as model.bst
    }
    if (name.endsWith(".ubj") || name.endsWith(".bst")) {
      return XGBOOST_FIX;
    }
    if (name.endsWith(".json") && headContains(file, "\"learner\"", 4096)) {
      return XGBOOST_FIX;
    }
    if (name.endsWith(".pt") || name.endsWith(".pth")) {
      return PYTORCH_FIX;
    }
    if (name.endsWith(".txt") && isLightGbm(file)) {
      return LIGHTGBM_FIX;
    }
    return null;
  }

  /** Whether the first {@code limit} characters of a text file contain {@code text}. */
  private static boolean headContains(Path file, String text, int limit) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      char[] head = new char[limit];
      int n = reader.read(head, 0, limit);
      return n > 0 && new String(head, 0, n).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isLightGbm(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String first = reader.readLine();
      return first != null && first.strip().equals("tree");
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> list(String subject, Object shown, Path dir) {
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      List<Path> files = new ArrayList<>();
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      return files;
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

  private static String relative(Path dir, List<Path> files) {
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      if (names.size() == 20) {
        names.add("... " + (files.size() - 20) + " more");
        break;
      }
      names.add(dir.relativize(f).toString());
    }
    return names.toString();
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
