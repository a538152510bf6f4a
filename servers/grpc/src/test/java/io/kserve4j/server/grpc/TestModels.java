package io.kserve4j.server.grpc;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The handler the gRPC tests serve:
 *
 * <ul>
 *   <li>{@code doubler}: FP32 input {@code x} to {@code y = 2x} (same shape) and {@code sum} (the
 *       sum of x, shape [1]); any other input is invalid.
 *   <li>{@code echo}: every input back as an output of the same name, datatype, shape and values.
 *   <li>{@code half}: FP32 {@code x} back as {@code x}, plus an FP16 output {@code h} = [1.0].
 *   <li>{@code failing}: throws {@link ModelFailureException}, as a model that fails does.
 *   <li>{@code crashing}: throws an {@link IllegalStateException}, a bug rather than a failure.
 *   <li>{@code sleepy}: not ready; infer says so.
 *   <li>{@code blocking}: waits until {@link #release()} (for deadline tests; never sleeps).
 *   <li>{@code huge}: answers 2.2 GB of BYTES held in 1 MiB (2,100 elements over one array).
 * </ul>
 */
final class TestModels implements InferenceHandler {
  static final List<String> MODELS =
      List.of("blocking", "crashing", "doubler", "echo", "failing", "half", "huge", "sleepy");

  /** What {@code huge} answers: 2,100 elements of 1 MiB, all one array. */
  static final Tensor HUGE = huge();

  private volatile Map<String, String> lastHeaders = Map.of();
  private volatile InferRequest lastRequest = InferRequest.of();
  private final CountDownLatch released = new CountDownLatch(1);

  /** The headers of the last inference call. */
  Map<String, String> lastHeaders() {
    return lastHeaders;
  }

  /** The last inference request, as the handler saw it. */
  InferRequest lastRequest() {
    return lastRequest;
  }

  void release() {
    released.countDown();
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public ServerMetadata serverMetadata() {
    return new ServerMetadata("kserve4j-test", "0.1.0", List.of("model_repository_extension"));
  }

  @Override
  public List<String> modelNames() {
    return MODELS;
  }

  @Override
  public ModelMetadata modelMetadata(String model) {
    check(model);
    if (model.equals("doubler")) {
      return new ModelMetadata(
          "doubler",
          List.of("1"),
          "java",
          List.of(TensorMetadata.of("x", DataType.FP32, -1, -1)),
          List.of(
              TensorMetadata.of("y", DataType.FP32, -1, -1),
              TensorMetadata.of("sum", DataType.FP32, 1)),
          Map.of("ignored", "on the wire"));
    }
    return new ModelMetadata(model, List.of(), "java", List.of(), List.of(), Map.of());
  }

  @Override
  public boolean isModelReady(String model) {
    check(model);
    return !model.equals("sleepy");
  }

  /** Tagged calls answer {@code tag = [the tag]} from the echo model: the server passed the tag. */
  @Override
  public InferResponse infer(
      String model, String tag, InferRequest request, Map<String, String> headers) {
    check(model);
    lastRequest = request;
    return InferResponse.of(model, List.of(Tensor.of("tag", new String[] {tag}, 1)));
  }

  @Override
  public InferResponse infer(String model, InferRequest request, Map<String, String> headers) {
    check(model);
    lastHeaders = headers;
    lastRequest = request;
    switch (model) {
      case "doubler":
        return doubler(request);
      case "echo":
        return InferResponse.builder("echo")
            .modelVersion("7")
            .outputs(request.inputs())
            .parameters(request.parameters())
            .build();
      case "half":
        return InferResponse.of(
            "half",
            List.of(request.input("x"), Tensor.of("h", DataType.FP16, new short[] {0x3C00}, 1)));
      case "huge":
        return InferResponse.of("huge", List.of(HUGE));
      case "failing":
        throw new ModelFailureException("failing", "the model ran out of luck");
      case "crashing":
        throw new IllegalStateException("a bug in the model");
      case "sleepy":
        throw new ModelNotReadyException("sleepy", "still loading");
      case "blocking":
        try {
          released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return InferResponse.of("blocking", List.of());
      default:
        throw new AssertionError(model);
    }
  }

  private static Tensor huge() {
    byte[][] elements = new byte[2100][];
    java.util.Arrays.fill(elements, new byte[1 << 20]);
    return Tensor.of("y", DataType.BYTES, elements, elements.length);
  }

  private static InferResponse doubler(InferRequest request) {
    Tensor x = request.input("x");
    if (x.datatype() != DataType.FP32) {
      throw new InvalidInputException(
          "doubler", "input 'x' must be FP32, not " + x.datatype() + " (send FP32)");
    }
    float[] in = x.asFloats();
    float[] out = new float[in.length];
    float sum = 0;
    for (int i = 0; i < in.length; i++) {
      out[i] = 2 * in[i];
      sum += in[i];
    }
    List<Tensor> outputs = new ArrayList<>();
    outputs.add(Tensor.of("y", out, x.shape()));
    outputs.add(Tensor.of("sum", new float[] {sum}, 1));
    return InferResponse.of("doubler", outputs);
  }

  private static void check(String model) {
    if (!MODELS.contains(model)) {
      throw new ModelNotFoundException(model, "no such model (this server has " + MODELS + ")");
    }
  }
}
