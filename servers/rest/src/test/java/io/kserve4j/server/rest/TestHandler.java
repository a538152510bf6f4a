package io.kserve4j.server.rest;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceHandler;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotFoundException;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Models for the REST tests: {@code double} (FP32 x -> y = 2x, checks its input), {@code echo}
 * (returns its inputs, any datatype; has an explainer), {@code fail} (the model fails), {@code
 * crash} (an unexpected exception), {@code cold} (never ready), {@code slow} (blocks until
 * released), {@code huge} (answers 2.2 GB of BYTES held in 1 MiB: 2,100 elements over one array).
 */
final class TestHandler implements InferenceHandler {
  static final List<String> MODELS =
      List.of("cold", "crash", "double", "echo", "fail", "huge", "slow");

  /** What {@code huge} answers: 2,100 elements of 1 MiB, all one array. */
  static final Tensor HUGE = huge();

  final AtomicReference<Map<String, String>> lastHeaders = new AtomicReference<>(Map.of());
  final AtomicReference<InferRequest> lastRequest = new AtomicReference<>();
  volatile CountDownLatch slowStarted = new CountDownLatch(1);
  volatile CountDownLatch slowRelease = new CountDownLatch(1);

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public ServerMetadata serverMetadata() {
    return new ServerMetadata("kserve4j", "test", List.of("model_repository_extension"));
  }

  @Override
  public List<String> modelNames() {
    return MODELS;
  }

  @Override
  public ModelMetadata modelMetadata(String model) {
    return switch (model) {
      case "double" ->
          new ModelMetadata(
              "double",
              List.of(),
              "java",
              List.of(TensorMetadata.of("x", DataType.FP32, -1, -1)),
              List.of(TensorMetadata.of("y", DataType.FP32, -1, -1)),
              Map.of());
      case "echo", "fail", "crash", "cold", "slow", "huge" ->
          new ModelMetadata(model, List.of(), "java", List.of(), List.of(), Map.of());
      default -> throw unknown(model);
    };
  }

  @Override
  public boolean isModelReady(String model) {
    modelMetadata(model);
    return !model.equals("cold");
  }

  @Override
  public InferResponse infer(String model, InferRequest request, Map<String, String> headers) {
    lastHeaders.set(headers);
    lastRequest.set(request);
    switch (model) {
      case "double" -> {
        for (Tensor t : request.inputs()) {
          if (!t.name().equals("x")) {
            throw new InvalidInputException(
                model, "unknown input '" + t.name() + "' (the model's inputs are [x])");
          }
          if (t.datatype() != DataType.FP32) {
            throw new InvalidInputException(
                model, "input 'x' is " + t.datatype() + " but the model takes FP32");
          }
        }
        Tensor x = request.input("x");
        float[] in = x.asFloats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
          out[i] = in[i] * 2;
        }
        return InferResponse.of(model, List.of(Tensor.of("y", out, x.shape())));
      }
      case "echo" -> {
        return InferResponse.builder(model)
            .parameters(Map.of("echoed", request.inputs().size()))
            .outputs(copies(request.inputs()))
            .build();
      }
      case "huge" -> {
        return InferResponse.of(model, List.of(HUGE));
      }
      case "fail" -> throw new ModelFailureException(model, "the model failed on purpose");
      case "crash" -> throw new IllegalStateException("boom");
      case "slow" -> {
        slowStarted.countDown();
        try {
          slowRelease.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return InferResponse.of(model, copies(request.inputs()));
      }
      default -> throw unknown(model);
    }
  }

  @Override
  public InferResponse explain(String model, InferRequest request, Map<String, String> headers) {
    if (model.equals("echo")) {
      return InferResponse.of(model, copies(request.inputs()));
    }
    return InferenceHandler.super.explain(model, request, headers);
  }

  private static Tensor huge() {
    byte[][] elements = new byte[2100][];
    java.util.Arrays.fill(elements, new byte[1 << 20]);
    return Tensor.of("y", DataType.BYTES, elements, elements.length);
  }

  /** The inputs as outputs over the same memory (named as they came). */
  private static List<Tensor> copies(List<Tensor> inputs) {
    return new ArrayList<>(inputs);
  }

  private static ModelNotFoundException unknown(String model) {
    return new ModelNotFoundException(
        model, "Model with name " + model + " does not exist (the models are " + MODELS + ")");
  }
}
