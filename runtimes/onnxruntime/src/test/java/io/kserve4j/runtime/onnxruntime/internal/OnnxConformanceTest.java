package io.kserve4j.runtime.onnxruntime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every shared ONNX model answers with its reference outputs: the ONNX backend-test sets ({@code
 * test_data_set_0/output_*.pb}), PyTorch's own outputs ({@code test_data.json}), and the iris
 * classifiers' ground-truth labels.
 */
class OnnxConformanceTest {
  private static final double FLOAT_ATOL = 1e-4;

  /** The models with .pb reference outputs; a missing one fails the test rather than skipping. */
  private static final List<String> PB_MODELS =
      List.of(
          "onnx_simple_single_relu",
          "onnx_simple_expand_shape",
          "onnx_simple_strnorm_string",
          "onnx_simple_sequence_double",
          "onnx_pytorch_operator_chunk",
          "onnx_pytorch_converted_conv2d",
          "onnx_pytorch_converted_embedding",
          "onnx_light_squeezenet",
          "mnist_lenet1",
          "handmade_mlp",
          "handmade_where_bool");

  static Stream<String> modelsWithPbOutputs() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(SharedModels.dir())) {
      for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
        Path set = dir.resolve("test_data_set_0");
        if (Files.isRegularFile(dir.resolve("model.onnx"))
            && Files.isRegularFile(set.resolve("output_0.pb"))) {
          found.add(dir.getFileName().toString());
        }
      }
    }
    assertThat(found).as("shared models with output_*.pb").containsAll(PB_MODELS);
    return found.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelsWithPbOutputs")
  void predict_matchesReferenceOutputs(String name) {
    Path set = SharedModels.model(name).resolve("test_data_set_0");
    try (Model model = SharedModels.service(name)) {
      List<TensorMetadata> declared = model.metadata().inputs();
      InferRequest.Builder request = InferRequest.builder();
      for (int i = 0; i < declared.size(); i++) {
        Tensor input = TensorProtoReader.read(set.resolve("input_" + i + ".pb"));
        request.input(input.withName(declared.get(i).name()));
      }
      InferResponse response = model.predict(request.build());
      List<Tensor> outputs = response.outputs();
      int expectedCount = 0;
      while (Files.isRegularFile(set.resolve("output_" + expectedCount + ".pb"))) {
        expectedCount++;
      }
      assertThat(outputs).as("outputs of %s", name).hasSize(expectedCount);
      for (int i = 0; i < expectedCount; i++) {
        Tensor expected = TensorProtoReader.read(set.resolve("output_" + i + ".pb"));
        assertSameTensor(name, outputs.get(i), expected);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"torchscript_mlp", "torchscript_cnn"})
  void predict_matchesPyTorchOutputs(String name) throws IOException {
    JsonNode data =
        new ObjectMapper().readTree(SharedModels.model(name).resolve("test_data.json").toFile());
    Tensor input = jsonTensor(data.get("inputs").get(0));
    Tensor expected = jsonTensor(data.get("outputs").get(0));
    try (Model model = SharedModels.service(name)) {
      InferResponse response = model.predict(InferRequest.of(input));
      assertSameTensor(name, response.output(expected.name()), expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sk_logreg_iris", "sk_rf_iris", "sk_knn_iris"})
  void sklearnIris_labelsMatchGroundTruth_andZipMapProbabilitiesAgree(String name) {
    Path set = SharedModels.model(name).resolve("test_data_set_0");
    long[] truth = TensorProtoReader.read(set.resolve("ground_truth_labels.pb")).asLongs();
    try (Model model = SharedModels.service(name)) {
      Tensor input = TensorProtoReader.read(set.resolve("input_0.pb")).withName("float_input");
      InferResponse response = model.predict(InferRequest.of(input));

      long[] labels = response.output("output_label").asLongs();
      assertThat(labels).as("%s labels vs ground truth", name).containsExactly(truth);
      assertThat(labels).hasSize(38);

      Tensor probabilities = response.output("output_probability");
      Tensor classes = response.output("output_probability_labels");
      assertThat(probabilities.datatype()).isEqualTo(DataType.FP32);
      assertThat(probabilities.shape()).containsExactly(38, 3);
      assertThat(classes.datatype()).isEqualTo(DataType.INT64);
      assertThat(classes.asLongs()).containsExactly(0, 1, 2);
      float[] p = probabilities.asFloats();
      for (int r = 0; r < 38; r++) {
        double sum = 0;
        int argmax = 0;
        for (int c = 0; c < 3; c++) {
          sum += p[r * 3 + c];
          if (p[r * 3 + c] > p[r * 3 + argmax]) {
            argmax = c;
          }
        }
        assertThat(sum).as("%s row %d sums to 1", name, r).isCloseTo(1.0, within(1e-4));
        assertThat(classes.asLongs()[argmax])
            .as("%s row %d: the most probable class is the label", name, r)
            .isEqualTo(labels[r]);
      }
    }
  }

  @Test
  void sklearnIris_metadataDescribesZipMapAsTensors() {
    try (Model model = SharedModels.service("sk_logreg_iris")) {
      assertThat(model.metadata().platform()).isEqualTo("onnxruntime");
      assertThat(model.metadata().inputs())
          .containsExactly(TensorMetadata.of("float_input", DataType.FP32, -1, 4));
      assertThat(model.metadata().outputs())
          .extracting(TensorMetadata::name)
          .containsExactly("output_label", "output_probability", "output_probability_labels");
      assertThat(model.metadata().outputs().get(1))
          .isEqualTo(TensorMetadata.of("output_probability", DataType.FP32, -1, -1));
      assertThat(model.metadata().outputs().get(2))
          .isEqualTo(TensorMetadata.of("output_probability_labels", DataType.INT64, -1));
      assertThat(String.valueOf(model.metadata().parameters().get("output_probability")))
          .contains("seq(map(int64, float))")
          .contains("[N, classes]")
          .contains("output_probability_labels");
    }
  }

  @Test
  void sklearnIris_requestedLabelsOnly_answersOnlyLabels() {
    Path set = SharedModels.model("sk_rf_iris").resolve("test_data_set_0");
    try (Model model = SharedModels.service("sk_rf_iris")) {
      Tensor input = TensorProtoReader.read(set.resolve("input_0.pb")).withName("float_input");
      InferResponse response =
          model.predict(
              InferRequest.builder().input(input).output("output_probability_labels").build());
      assertThat(response.outputs())
          .extracting(Tensor::name)
          .containsExactly("output_probability_labels");
      assertThat(response.outputs().get(0).asLongs()).containsExactly(0, 1, 2);
    }
  }

  // ------------------------------------------------------------------------------- helpers

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  static void assertSameTensor(String model, Tensor actual, Tensor expected) {
    String what = model + " output '" + actual.name() + "'";
    assertThat(actual.datatype()).as("%s datatype", what).isEqualTo(expected.datatype());
    assertThat(actual.shape()).as("%s shape", what).containsExactly(expected.shape());
    DataType type = expected.datatype();
    if (type == DataType.FP32 || type == DataType.FP64) {
      double[] a = actual.asDoubles();
      double[] e = expected.asDoubles();
      double worst = 0;
      for (int i = 0; i < e.length; i++) {
        worst = Math.max(worst, Math.abs(a[i] - e[i]));
      }
      if (worst > FLOAT_ATOL) {
        fail(
            String.format(
                Locale.ROOT, "%s differs by up to %.3g (atol %.0e)", what, worst, FLOAT_ATOL));
      }
    } else if (type == DataType.BYTES) {
      assertThat(actual.asStrings()).as(what).containsExactly(expected.asStrings());
    } else if (type == DataType.BOOL) {
      assertThat(actual.asBooleans()).as(what).containsExactly(expected.asBooleans());
    } else {
      assertThat(actual.asByteBuffer()).as(what).isEqualTo(expected.asByteBuffer());
    }
  }

  private static Tensor jsonTensor(JsonNode node) {
    assertThat(node.get("datatype").asText()).isEqualTo("FP32");
    long[] shape = new long[node.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = node.get("shape").get(i).asLong();
    }
    JsonNode data = node.get("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) data.get(i).asDouble();
    }
    assertThat(values.length).isEqualTo(Arrays.stream(shape).reduce(1, Math::multiplyExact));
    return Tensor.of(node.get("name").asText(), values, shape);
  }
}
