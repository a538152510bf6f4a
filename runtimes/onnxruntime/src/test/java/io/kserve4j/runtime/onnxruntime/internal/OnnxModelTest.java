package io.kserve4j.runtime.onnxruntime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code OnnxModel} answers to bad requests, each rule by its message, and that the next good
 * request still answers; requested outputs, ids and metadata.
 */
class OnnxModelTest {
  private static Model mlp = unset();
  private static Model where = unset();

  @BeforeAll
  static void load() {
    mlp = SharedModels.load("handmade_mlp");
    where = SharedModels.load("handmade_where_bool");
  }

  @AfterAll
  static void close() {
    mlp.close();
    where.close();
  }

  @AfterEach
  void goodRequestsStillAnswer() {
    assertMlpAnswers();
    assertWhereAnswers();
  }

  // ------------------------------------------------------------------------------- metadata

  @Test
  void metadata_comesFromTheSession() {
    ModelMetadata m = mlp.metadata();
    assertThat(m.name()).isEqualTo("handmade_mlp");
    assertThat(m.platform()).isEqualTo("onnxruntime");
    assertThat(m.inputs()).containsExactly(TensorMetadata.of("input", DataType.FP32, -1, 4));
    assertThat(m.outputs())
        .containsExactly(TensorMetadata.of("probabilities", DataType.FP32, -1, 3));
    assertThat(where.metadata().inputs())
        .containsExactly(
            TensorMetadata.of("cond", DataType.BOOL, -1),
            TensorMetadata.of("x", DataType.FP32, -1),
            TensorMetadata.of("y", DataType.FP32, -1));
    assertThat(where.metadata().outputs())
        .containsExactly(
            TensorMetadata.of("selected", DataType.FP32, -1),
            TensorMetadata.of("not_cond", DataType.BOOL, -1));
  }

  // ------------------------------------------------------------------------------- bad input

  @Test
  void unknownInput_is400_namingItAndTheModelsInputs() {
    InvalidInputException e =
        invalid(mlp, InferRequest.of(Tensor.of("inputs", new float[4], 1, 4)));
    assertThat(e.getMessage())
        .isEqualTo(
            "model 'handmade_mlp': input 'inputs' is not an input of this model (its inputs are"
                + " input FP32 [-1, 4])");
  }

  @Test
  void missingInput_is400_namingIt() {
    InferRequest request =
        InferRequest.of(
            Tensor.of("cond", new boolean[] {true}, 1), Tensor.of("x", new float[] {1f}, 1));
    InvalidInputException e = invalid(where, request);
    assertThat(e.getMessage())
        .startsWith(
            "model 'handmade_where_bool': input 'y' (FP32 [-1]) is missing from the request")
        .contains("the model needs cond BOOL [-1], x FP32 [-1], y FP32 [-1]");
  }

  @Test
  void wrongDatatype_is400_sayingWhatWasExpectedAndWhatCame() {
    InvalidInputException e =
        invalid(mlp, InferRequest.of(Tensor.of("input", new double[4], 1, 4)));
    assertThat(e.getMessage())
        .startsWith("model 'handmade_mlp': input 'input': expected FP32 [-1, 4], got FP64 [1, 4]")
        .contains("send the input as FP32");
  }

  @Test
  void wrongDimension_is400() {
    InvalidInputException e = invalid(mlp, InferRequest.of(Tensor.of("input", new float[3], 1, 3)));
    assertThat(e.getMessage())
        .startsWith("model 'handmade_mlp': input 'input': expected FP32 [-1, 4], got FP32 [1, 3]");
  }

  @Test
  void wrongRank_is400() {
    InvalidInputException e = invalid(mlp, InferRequest.of(Tensor.of("input", new float[4], 4)));
    assertThat(e.getMessage())
        .startsWith("model 'handmade_mlp': input 'input': expected FP32 [-1, 4], got FP32 [4]");
  }

  @Test
  void wrongInputAmongGoodOnes_is400_andNothingRuns() {
    InferRequest request =
        InferRequest.of(
            Tensor.of("cond", new boolean[] {true, false}, 2),
            Tensor.of("x", new float[] {1f, 2f}, 2),
            Tensor.of("y", new long[] {3, 4}, 2));
    assertThat(invalid(where, request).getMessage())
        .contains("input 'y': expected FP32 [-1], got INT64 [2]");
  }

  @Test
  void unknownRequestedOutput_is400_listingTheOutputs() {
    InferRequest request =
        InferRequest.builder()
            .input(Tensor.of("input", new float[4], 1, 4))
            .output("probability")
            .build();
    assertThat(invalid(mlp, request).getMessage())
        .isEqualTo(
            "model 'handmade_mlp': requested output 'probability' is not an output of this model"
                + " (its outputs are [probabilities])");
  }

  @Test
  void onnxRuntimeFailure_is500_withTheModelNameAndOrtsMessage() {
    // Where cannot broadcast [2] against [3]: the shapes pass the metadata check (all -1) and
    // ONNX Runtime itself refuses.
    InferRequest request =
        InferRequest.of(
            Tensor.of("cond", new boolean[] {true, false}, 2),
            Tensor.of("x", new float[] {1f, 2f, 3f}, 3),
            Tensor.of("y", new float[] {4f, 5f, 6f}, 3));
    ModelFailureException e =
        catchThrowableOfType(ModelFailureException.class, () -> where.predict(request));
    assertThat(e).isNotNull();
    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.modelName()).isEqualTo("handmade_where_bool");
    assertThat(e.getMessage())
        .startsWith("model 'handmade_where_bool': ONNX Runtime failed to run the model: ")
        .containsIgnoringCase("broadcast");
  }

  @Test
  void emptyBatch_is400_andNeverReachesOnnxRuntime() {
    InvalidInputException e = invalid(mlp, InferRequest.of(Tensor.of("input", new float[0], 0, 4)));
    assertThat(e.getMessage())
        .isEqualTo(
            "model 'handmade_mlp': input 'input' has shape [0, 4], which holds no elements:"
                + " kserve4j does not run an ONNX model on an empty batch (send at least one row;"
                + " skip the call when there is nothing to predict)");
    // A 0-row batch made ONNX Runtime fail on a ZipMap (a 500 that counted against the replica)
    // and divide by zero in a KNN graph, killing the JVM.
    for (String zipMap : new String[] {"sk_logreg_iris", "sk_knn_iris"}) {
      try (Model m = SharedModels.load(zipMap)) {
        invalid(m, InferRequest.of(Tensor.of("float_input", new float[0], 0, 4)));
        assertThat(m.predict(InferRequest.of("float_input", new float[4], 1, 4)).outputs())
            .isNotEmpty();
      }
    }
  }

  @Test
  void bytesThatAreNotUtf8_are400_neverChangedSilently() {
    byte[] notText = {(byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc};
    try (Model strings = SharedModels.load("onnx_simple_strnorm_string")) {
      InferRequest request =
          InferRequest.of(
              Tensor.of("x", DataType.BYTES, new byte[][] {"ok".getBytes(UTF_8), notText}, 2));

      assertThat(invalid(strings, request).getMessage())
          .isEqualTo(
              "model 'onnx_simple_strnorm_string': input 'x' element 1 is not UTF-8 text, and"
                  + " ONNX Runtime's string tensors hold text (send UTF-8; bytes that are not text"
                  + " would reach the model changed)");
      InferRequest text = InferRequest.of(Tensor.of("x", new String[] {"caf\u00e9", "ok"}, 2));
      assertThat(strings.predict(text).output("y").asStrings()).hasSize(2);
    }
  }

  @Test
  void manyBadRequestsInARow_neverBreakTheModel() {
    for (int i = 0; i < 200; i++) {
      invalid(mlp, InferRequest.of(Tensor.of("input", new float[3], 1, 3)));
      assertMlpAnswers();
    }
  }

  @Test
  void inputWithoutDeclaredShape_takesAnyRank_butStillChecksTheDatatype(@TempDir Path tmp)
      throws IOException {
    Path dir =
        OnnxModelWriter.write(tmp, OnnxModelWriter.identityWithoutShape(OnnxModelWriter.FLOAT));
    try (Model any = SharedModels.load("no-shape", dir)) {
      assertThat(any.metadata().inputs()).containsExactly(TensorMetadata.of("x", DataType.FP32));
      float[] values = {1f, 2f, 3f, 4f};
      assertThat(any.predict(InferRequest.of("x", values, 2, 2)).output("y").shape())
          .containsExactly(2, 2);
      assertThat(any.predict(InferRequest.of("x", values, 4)).output("y").asFloats())
          .containsExactly(values);
      assertThat(invalid(any, InferRequest.of(Tensor.of("x", new long[] {1}, 1))).getMessage())
          .contains("input 'x': expected FP32 [], got INT64 [1]");
    }
  }

  // ------------------------------------------------------------------------------- answers

  @Test
  void response_carriesModelNameAndRequestId() {
    InferResponse r =
        mlp.predict(
            InferRequest.builder()
                .id("req-42")
                .input(Tensor.of("input", new float[4], 1, 4))
                .build());
    assertThat(r.modelName()).isEqualTo("handmade_mlp");
    assertThat(r.id()).isEqualTo("req-42");
    assertThat(mlp.predict(InferRequest.of(Tensor.of("input", new float[4], 1, 4))).id()).isNull();
  }

  @Test
  void requestedOutputs_answerOnlyThose_inRequestOrder() {
    InferRequest.Builder b = whereRequest().toBuilder();
    InferResponse onlyNot = where.predict(b.output("not_cond").build());
    assertThat(onlyNot.outputs()).extracting(Tensor::name).containsExactly("not_cond");
    assertThat(onlyNot.outputs().get(0).asBooleans()).containsExactly(false, true, false);

    InferResponse both =
        where.predict(whereRequest().toBuilder().output("not_cond").output("selected").build());
    assertThat(both.outputs()).extracting(Tensor::name).containsExactly("not_cond", "selected");
  }

  @Test
  void inputsInAnotherOrder_areMatchedByName() {
    InferRequest request =
        InferRequest.of(
            Tensor.of("y", new float[] {10f, 20f, 30f}, 3),
            Tensor.of("cond", new boolean[] {true, false, true}, 3),
            Tensor.of("x", new float[] {1f, 2f, 3f}, 3));
    assertThat(where.predict(request).output("selected").asFloats()).containsExactly(1f, 20f, 3f);
  }

  @Test
  void directInput_isReadInPlace_andGivesTheSameAnswer() {
    ByteBuffer direct = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);
    direct.asFloatBuffer().put(new float[] {5.1f, 3.5f, 1.4f, 0.2f});
    float[] viaBuffer =
        mlp.predict(InferRequest.of(Tensor.of("input", DataType.FP32, direct, 1, 4)))
            .output("probabilities")
            .asFloats();
    float[] viaArray =
        mlp.predict(InferRequest.of("input", new float[] {5.1f, 3.5f, 1.4f, 0.2f}, 1, 4))
            .output("probabilities")
            .asFloats();
    assertThat(viaBuffer).containsExactly(viaArray);
  }

  @Test
  void closedModel_is503_andCloseIsIdempotent() {
    Model fresh = SharedModels.load("handmade_mlp");
    fresh.close();
    fresh.close();
    ModelNotReadyException e =
        catchThrowableOfType(
            ModelNotReadyException.class,
            () -> fresh.predict(InferRequest.of("input", new float[4], 1, 4)));
    assertThat(e).isNotNull();
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.getMessage()).contains("handmade_mlp").contains("closed");
  }

  // ------------------------------------------------------------------------------- helpers

  private static InvalidInputException invalid(Model model, InferRequest request) {
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> model.predict(request));
    assertThat(e).as("predict(%s) must throw InvalidInputException", request).isNotNull();
    assertThat(e.httpStatus()).isEqualTo(400);
    return e;
  }

  private static void assertMlpAnswers() {
    float[] p =
        mlp.predict(InferRequest.of("input", new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}}))
            .output("probabilities")
            .asFloats();
    assertThat(p).hasSize(3);
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
  }

  private static InferRequest whereRequest() {
    return InferRequest.of(
        Tensor.of("cond", new boolean[] {true, false, true}, 3),
        Tensor.of("x", new float[] {1f, 2f, 3f}, 3),
        Tensor.of("y", new float[] {10f, 20f, 30f}, 3));
  }

  private static void assertWhereAnswers() {
    InferResponse r = where.predict(whereRequest());
    assertThat(r.output("selected").asFloats()).containsExactly(1f, 20f, 3f);
    assertThat(r.output("not_cond").asBooleans()).containsExactly(false, true, false);
  }

  private static Model unset() {
    return new Model() {
      @Override
      public ModelMetadata metadata() {
        throw new IllegalStateException("not loaded");
      }

      @Override
      public InferResponse predict(InferRequest request) {
        throw new IllegalStateException("not loaded");
      }

      @Override
      public void close() {}
    };
  }
}
