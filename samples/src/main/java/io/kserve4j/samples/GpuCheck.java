package io.kserve4j.samples;

import io.kserve4j.core.InferenceService;
import io.kserve4j.core.gpu.GpuDevice;
import io.kserve4j.core.gpu.GpuInventory;
import io.kserve4j.core.gpu.Gpus;
import io.kserve4j.core.runtime.CudaOptions;
import io.kserve4j.core.runtime.GpuSupport;
import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.KServeYaml;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.runtime.onnxruntime.OnnxRuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The device check: serves the shared ONNX models through {@code InferenceService.predict()} on
 * CUDA and on the CPU, and compares them. Every GPU session is built with {@code
 * session.disable_cpu_ep_fallback=1}, so that a session that builds has every node on CUDA.
 *
 * <p>Tolerances: batch 1 within 1e-4 (absolute) of the CPU; batch 64 within 5e-3 with ONNX
 * Runtime's CUDA default (TF32 allowed: matrix products round their inputs to a 10-bit mantissa,
 * about 1e-3 relative), and within 1e-4 with {@code use_tf32=0}, which shows both that TF32 is the
 * cause and that CUDA options reach the provider. Then it checks placement on the real device: two
 * replicas land on it, and a replica whose memory limit exceeds the free memory is refused.
 *
 * <p>Prints one line per check and ends with {@code N passed, N failed}; exits 1 if any failed, 2
 * if there is no GPU. {@code --allow-no-gpu} runs what a machine without GPU can (the refusal and
 * the CPU fallback) and exits 0. {@code --models <dir>} names the test models folder (by default
 * {@code $KSERVE4J_MODELS}, else {@code testdata/models}).
 */
public final class GpuCheck {
  private static final double ATOL = 1e-4;
  private static final double ATOL_TF32 = 5e-3;
  private static final int WARMUP = 10;
  private static final int RUNS = 50;

  /** Models with FP32 inputs, and whether their first dimension is a free batch dimension. */
  private static final List<String> MODELS =
      List.of(
          "handmade_mlp",
          "torchscript_mlp",
          "torchscript_cnn",
          "mnist_lenet1",
          "onnx_light_squeezenet",
          "onnx_pytorch_converted_conv2d",
          "onnx_simple_single_relu");

  private final Path models;
  private int passed;
  private int failed;

  private GpuCheck(Path models) {
    this.models = models;
  }

  /** Runs the check and exits with its code; see the class documentation for the arguments. */
  public static void main(String[] args) {
    System.exit(check(args));
  }

  /**
   * Runs the check, printing to standard output.
   *
   * @return 0 if every check passed, 1 if some failed, 2 if there is no usable GPU (0 then with
   *     {@code --allow-no-gpu} when what could run passed)
   */
  public static int check(String... args) {
    boolean allowNoGpu = false;
    String dir = System.getenv().getOrDefault("KSERVE4J_MODELS", "testdata/models");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--allow-no-gpu")) {
        allowNoGpu = true;
      } else if (args[i].equals("--models") && i + 1 < args.length) {
        dir = args[++i];
      }
    }
    GpuCheck check = new GpuCheck(Path.of(dir).toAbsolutePath().normalize());
    int code = check.run(allowNoGpu);
    System.out.println(check.passed + " passed, " + check.failed + " failed");
    return code;
  }

  private int run(boolean allowNoGpu) {
    System.out.println(
        "kserve4j GPU check: Java "
            + System.getProperty("java.version")
            + ", "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + ", models in "
            + models);
    GpuInventory inventory = Gpus.inventory();
    if (inventory.isEmpty()) {
      System.out.println("GPU: none: " + inventory.absentReason());
    }
    for (GpuDevice d : inventory.devices()) {
      System.out.println("GPU: " + d.describe());
    }
    GpuSupport support = onnxRuntime().gpuSupport();
    System.out.println(
        "ONNX Runtime: " + (support.available() ? "" : "no CUDA: ") + support.description());
    if (inventory.isEmpty() || !support.available()) {
      withoutGpu();
      return allowNoGpu ? (failed == 0 ? 0 : 1) : 2;
    }
    for (String model : MODELS) {
      Path file = models.resolve(model).resolve("model.onnx");
      if (!Files.exists(file)) {
        report(false, model + ": " + file + " is missing");
        continue;
      }
      compare(model, file);
    }
    placement();
    return failed == 0 ? 0 : 1;
  }

  private static ServingRuntime onnxRuntime() {
    for (ServingRuntime r : ServiceLoader.load(ServingRuntime.class)) {
      if (r.name().equals("kserve4j-onnxruntime")) {
        return r;
      }
    }
    throw new IllegalStateException("kserve4j-onnxruntime is not on the class path");
  }

  /** What a machine without GPU shows: the refusal, and the CPU fallback. */
  private void withoutGpu() {
    Path file = models.resolve("handmade_mlp/model.onnx");
    try (InferenceService s =
        InferenceService.builder().resource(spec("mlp", file, 1, "")).build()) {
      report(false, "a GPU spec was built without a GPU: " + s.status());
    } catch (RuntimeException e) {
      report(
          e.getMessage() != null && e.getMessage().contains("asks for a GPU, but"),
          "without GPU the GPU spec is refused: " + e.getMessage());
    }
    try (InferenceService s =
        InferenceService.builder()
            .resource(spec("mlp", file, 1, "serving.kserve4j.io/gpu-fallback: cpu"))
            .build()) {
      InferResponse r = s.predict(InferRequest.of(input(s.metadata().inputs().get(0), 1)));
      report(
          s.status().replicaDevices().equals(List.of("cpu")),
          "CPU fallback serves on "
              + s.status().replicaDevices()
              + ": "
              + Arrays.toString(r.outputs().get(0).asFloats()));
    }
  }

  /** One model on CUDA against the CPU, at batch 1 and (where the batch is free) 64. */
  private void compare(String model, Path file) {
    OnnxRuntimeOptions strict =
        OnnxRuntimeOptions.builder()
            .customizer(o -> o.addConfigEntry("session.disable_cpu_ep_fallback", "1"))
            .build();
    try (InferenceService cpu =
            InferenceService.builder().resource(spec(model, file, 0, "")).build();
        InferenceService cuda =
            InferenceService.builder()
                .resource(spec(model, file, 1, ""))
                .runtimeOptions(strict)
                .build();
        InferenceService cudaNoTf32 =
            InferenceService.builder()
                .resource(spec(model, file, 1, ""))
                .runtimeOptions(strict)
                .runtimeOptions(CudaOptions.builder().tf32(false).build())
                .build()) {
      List<TensorMetadata> inputs = cuda.metadata().inputs();
      boolean freeBatch =
          inputs.stream().allMatch(t -> !t.shape().isEmpty() && t.shape().get(0) < 0);
      for (int batch : freeBatch ? new int[] {1, 64} : new int[] {1}) {
        InferRequest request = request(inputs, batch);
        double onCuda = maxDiff(cpu.predict(request), cuda.predict(request));
        double noTf32 = maxDiff(cpu.predict(request), cudaNoTf32.predict(request));
        double allowed = batch == 1 ? ATOL : ATOL_TF32;
        report(
            onCuda <= allowed && noTf32 <= ATOL,
            String.format(
                Locale.ROOT,
                "%s batch %d on %s (every node on CUDA): max |cuda-cpu| %.1e (allowed %.0e),"
                    + " with use_tf32=0 %.1e (allowed %.0e); predict() median cpu %.3f ms,"
                    + " cuda %.3f ms",
                model,
                batch,
                cuda.metadata().parameters().get("device"),
                onCuda,
                allowed,
                noTf32,
                ATOL,
                medianMillis(cpu, request),
                medianMillis(cuda, request)));
      }
    } catch (RuntimeException e) {
      report(false, model + ": " + e);
    }
  }

  /** Placement on the real device: two replicas on it; a limit above its free memory refused. */
  private void placement() {
    Path file = models.resolve("handmade_mlp/model.onnx");
    String twoReplicas =
        "serving.kserve.io/deploymentMode: Standard, serving.kserve.io/autoscalerClass: none,"
            + " serving.kserve4j.io/cuda-memory-limit: 1Gi";
    try (InferenceService s =
        InferenceService.builder().resource(spec("mlp-two", file, 1, twoReplicas, 2)).build()) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (s.status().readyReplicas() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      report(
          s.status().replicaDevices().equals(List.of("cuda:0", "cuda:0")),
          "two replicas with a 1 GiB limit: status "
              + s.status().replicaDevices()
              + ", metadata device "
              + s.metadata().parameters().get("device"));
    } catch (RuntimeException e) {
      report(false, "two replicas: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (InferenceService s =
        InferenceService.builder()
            .resource(spec("mlp-huge", file, 1, "serving.kserve4j.io/cuda-memory-limit: 64Ti"))
            .build()) {
      report(false, "a replica asking for 64 TiB was started: " + s.status());
    } catch (RuntimeException e) {
      report(
          String.valueOf(e.getMessage()).contains("the replica is not started"),
          "a replica asking for 64 TiB is refused: " + e.getMessage());
    }
  }

  private static InferenceServiceResource spec(
      String name, Path file, int gpus, String annotations) {
    return spec(name, file, gpus, annotations, 1);
  }

  private static InferenceServiceResource spec(
      String name, Path file, int gpus, String annotations, int replicas) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: %s
          annotations: {%s}
        spec:
          predictor:
            minReplicas: %d
            model:
              modelFormat: {name: onnx}
              storageUri: %s
              resources:
                limits: {nvidia.com/gpu: %d}
        """
            .formatted(
                name.replace('_', '-') + (gpus > 0 ? "-cuda" : "-cpu"),
                annotations,
                replicas,
                file.toUri(),
                gpus);
    return KServeYaml.read(yaml, name + ".yaml").inferenceServices().get(0);
  }

  private static InferRequest request(List<TensorMetadata> inputs, int batch) {
    List<Tensor> tensors = new ArrayList<>();
    for (TensorMetadata t : inputs) {
      tensors.add(input(t, batch));
    }
    return InferRequest.of(tensors.toArray(new Tensor[0]));
  }

  /** A deterministic FP32 input in [0, 1) of the input's shape, free dimensions set to batch. */
  private static Tensor input(TensorMetadata t, int batch) {
    if (t.datatype() != DataType.FP32) {
      throw new IllegalArgumentException(t.name() + " is " + t.datatype() + ", not FP32");
    }
    long[] shape = new long[t.shape().size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = t.shape().get(i);
    }
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        shape[i] = i == 0 ? batch : 1;
      }
      n *= shape[i];
    }
    float[] data = new float[Math.toIntExact(n)];
    long seed = 42;
    for (int i = 0; i < data.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      data[i] = (seed >>> 40) / (float) (1L << 24);
    }
    return Tensor.of(t.name(), data, shape);
  }

  private static double maxDiff(InferResponse expected, InferResponse actual) {
    double max = 0;
    for (Tensor e : expected.outputs()) {
      float[] a = actual.output(e.name()).asFloats();
      float[] x = e.asFloats();
      if (a.length != x.length) {
        return Double.POSITIVE_INFINITY;
      }
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs((double) a[i] - x[i]));
      }
    }
    return max;
  }

  private static double medianMillis(InferenceService s, InferRequest request) {
    for (int i = 0; i < WARMUP; i++) {
      s.predict(request);
    }
    long[] times = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      s.predict(request);
      times[i] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[RUNS / 2] / 1e6;
  }

  private void report(boolean ok, String line) {
    if (ok) {
      passed++;
    } else {
      failed++;
    }
    System.out.println((ok ? "PASS " : "FAIL ") + line);
  }
}
