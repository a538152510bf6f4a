package io.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line serves XGBoost and LightGBM models from KServe YAML as it is: the jar carries
 * kserve4j-xgboost and kserve4j-lightgbm beside the ONNX runtime.
 */
class TreeModelsCommandTest {
  @TempDir Path dir;

  private static Path model(String name, String file) {
    Path shared = Path.of(System.getProperty("kserve4j.shared.dir", "../../testdata"));
    return shared.resolve("models").resolve(name).resolve(file).toAbsolutePath();
  }

  private String predict(String predictor, String input) throws IOException {
    Path yaml = dir.resolve("isvc.yaml");
    Files.writeString(
        yaml,
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: trees\n"
            + "spec:\n  predictor:\n"
            + predictor);
    Path request = dir.resolve("request.json");
    Files.writeString(request, input);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Kserve4jCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("predict", yaml.toString(), "--input", request.toString());
    assertThat(exit).as("exit; stderr: %s", err).isZero();
    return out.toString();
  }

  @Test
  void predict_kserveXgbserver() throws IOException {
    String out =
        predict(
            "    model:\n      modelFormat:\n        name: xgboost\n      runtime: kserve-xgbserver\n"
                + "      storageUri: "
                + model("xgboost_iris_multinomial", "model.json")
                + "\n",
            "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[5.1,3.5,1.4,0.2]}]}");
    assertThat(out).contains("\"name\":\"output-0\",\"datatype\":\"FP32\",\"shape\":[1,3]");
  }

  @Test
  void predict_lightgbmShortcut_withAMissingValue() throws IOException {
    String out =
        predict(
            "    lightgbm:\n      storageUri: "
                + model("lightgbm_iris_classification_na", "model.txt")
                + "\n",
            "{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,4],\"datatype\":\"FP64\","
                + "\"data\":[1.4,0.2,\"NaN\",3.5]}]}");
    assertThat(out).contains("\"name\":\"output-0\",\"datatype\":\"FP64\",\"shape\":[1,3]");
  }
}
