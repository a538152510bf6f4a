package io.kserve4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * The tests every {@link io.kserve4j.core.runtime.ServingRuntime} must pass, run against one of its
 * loaded models: extend it, say how to load a model and what a good request is, and JUnit 5 runs
 * the checks below.
 *
 * <pre>{@code
 * class MyRuntimeCompatibilityTest extends RuntimeCompatibilityKit {
 *   @Override
 *   protected Model loadModel() {
 *     return new MyRuntime().load(new ModelContext("mlp", spec, path, Map.of(), List.of()));
 *   }
 *
 *   @Override
 *   protected InferRequest goodRequest() {
 *     return InferRequest.of("input", new float[][] {{1, 2, 3, 4}});
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks:
 *
 * <ul>
 *   <li>the metadata names the inputs and outputs;
 *   <li>the good request answers, with the request's id and outputs the metadata lists;
 *   <li>the good request's first input sent as each datatype of {@link #acceptedDatatypes()}
 *       answers alike (within {@link #tolerance()}), and a datatype outside them is a 400;
 *   <li>a batch of 1 and a batch of N (the good request's rows, and 64 rows made of them) answer
 *       alike, row by row ({@link #batchDimension()});
 *   <li>8 threads calling the one model at once all get the answers one thread gets;
 *   <li>an unknown input, a wrong datatype, a wrong shape, a missing input and an unknown requested
 *       output are each an {@link InvalidInputException} (400) whose message names the tensor;
 *       after each bad request the good one still answers;
 *   <li>{@code close()} is idempotent, and a closed model refuses work with an {@link
 *       InferenceException} rather than crashing;
 *   <li>{@code close()} gives back native memory: rounds of load, predict and close leave the
 *       resident memory ({@code VmRSS} in {@code /proc/self/status}) flat once it has settled (8
 *       MiB over 300 loads: a replica that keeps 28 KB or more after {@code close()} fails).
 * </ul>
 *
 * <p>Run the kit with a fixed, pre-touched heap ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}, the
 * parent POM's {@code kit.heap.args}): otherwise the Java heap touching its pages for the first
 * time grows the resident memory by megabytes per round, and the memory check cannot tell it from a
 * leak.
 *
 * <p>One model is loaded for the class ({@link #loadModel()} is called once, and again by the close
 * tests). The assertions are plain JUnit 5 ones, so a runtime's tests need nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeCompatibilityKit {
  /** The name of an input no model has. */
  protected static final String UNKNOWN_INPUT = "kserve4j_kit_no_such_input";

  /** Threads of the concurrency test. */
  private static final int THREADS = 8;

  /** Rows of the larger batch: the good request's rows repeated. */
  private static final int BATCH_ROWS = 64;

  /** Datatypes tried, in this order, as the wrong datatype of the first input. */
  private static final List<DataType> WRONG_TYPES =
      List.of(
          DataType.FP64,
          DataType.FP32,
          DataType.INT64,
          DataType.INT32,
          DataType.BOOL,
          DataType.BYTES);

  /**
   * Resident memory growth allowed over the {@link #MEASURED_ROUNDS} measured rounds of loads
   * (KiB). With the default {@link #loadsPerRound()} that is 300 loads: a leak of about 28 KB per
   * load (the smallest test booster, XGBoost's iris model, keeps about 54 KB when not freed), or of
   * a few hundred bytes per prediction, grows it by more.
   */
  private static final long MAX_GROWTH_KIB = 8 * 1024;

  private static final int MEASURED_ROUNDS = 3;

  /** Two warm-up readings this close (KiB) mean the resident memory has settled. */
  private static final long SETTLED_KIB = 4 * 1024;

  private static final int MAX_WARM_UP_ROUNDS = 6;
  private static final Path STATUS = Path.of("/proc/self/status");

  private @Nullable Model model;

  /** Creates the kit. */
  protected RuntimeCompatibilityKit() {}

  /**
   * Loads a fresh instance of the model under test. Called once for the class and once more by
   * {@link #close_isIdempotent()}.
   */
  protected abstract Model loadModel();

  /**
   * A request the model answers; its first input must be one whose datatype and shape the model
   * checks. Called for every use, so it may build new tensors each time.
   */
  protected abstract InferRequest goodRequest();

  /**
   * The datatypes the model takes for the good request's first input: each must answer as that
   * input does. By default only the datatype the good request sends.
   */
  protected Set<DataType> acceptedDatatypes() {
    return Set.of(goodRequest().inputs().get(0).datatype());
  }

  /**
   * Whether dimension 0 of the inputs and outputs is the batch: rows answered one by one and
   * together agree. By default {@code true}.
   */
  protected boolean batchDimension() {
    return true;
  }

  /**
   * The absolute difference allowed between two answers that must agree (another batch size,
   * another accepted datatype, another thread). By default {@code 1e-5}.
   */
  protected double tolerance() {
    return 1e-5;
  }

  /**
   * Loads per round of the native memory test: the more, the smaller a leak per load it sees. By
   * default 100; a model that takes long to load may use fewer.
   */
  protected int loadsPerRound() {
    return 100;
  }

  /** The model loaded for this class. */
  protected final Model model() {
    Model m = model;
    if (m == null) {
      throw new IllegalStateException("the model is loaded before the first test");
    }
    return m;
  }

  @BeforeAll
  final void loadModelUnderTest() {
    model = loadModel();
  }

  @AfterAll
  final void closeModelUnderTest() {
    Model m = model;
    if (m != null) {
      m.close();
    }
  }

  @Test
  void metadata_namesInputsAndOutputs() {
    ModelMetadata metadata = model().metadata();
    assertNotNull(metadata, "metadata()");
    assertFalse(metadata.inputs().isEmpty(), "metadata lists no inputs: " + metadata);
    assertFalse(metadata.outputs().isEmpty(), "metadata lists no outputs: " + metadata);
    for (TensorMetadata t : metadata.inputs()) {
      assertFalse(t.name().isBlank(), "an input without a name: " + metadata);
    }
    for (TensorMetadata t : metadata.outputs()) {
      assertFalse(t.name().isBlank(), "an output without a name: " + metadata);
    }
    for (Tensor t : goodRequest().inputs()) {
      assertTrue(
          names(metadata.inputs()).contains(t.name()),
          "the good request's input '" + t.name() + "' is not in the metadata: " + metadata);
    }
  }

  @Test
  void predict_goodRequest_answers() {
    assertAnswers(goodRequest().toBuilder().id("kit-request-1").build(), "kit-request-1");
  }

  @Test
  void predict_unknownInput_is400() {
    InferRequest bad =
        goodRequest().toBuilder().input(Tensor.of(UNKNOWN_INPUT, new float[] {1f}, 1)).build();
    assertInvalid(() -> model().predict(bad), UNKNOWN_INPUT);
    assertGoodStillAnswers();
  }

  @Test
  void predict_wrongDatatype_is400() {
    Tensor first = goodRequest().inputs().get(0);
    Set<DataType> accepted = acceptedDatatypes();
    DataType wrong = null;
    for (DataType t : WRONG_TYPES) {
      if (!accepted.contains(t)) {
        wrong = t;
        break;
      }
    }
    assertNotNull(wrong, "the model accepts every datatype tried: " + WRONG_TYPES);
    Tensor other = zeros(first.name(), wrong, first.shape());
    assertInvalid(() -> model().predict(replaceFirst(other)), first.name());
    assertGoodStillAnswers();
  }

  @Test
  void predict_eachAcceptedDatatype_answersAlike() {
    InferResponse expected = model().predict(goodRequest());
    Tensor first = goodRequest().inputs().get(0);
    for (DataType t : acceptedDatatypes()) {
      InferResponse actual = model().predict(replaceFirst(converted(first, t)));
      assertAlike(expected, actual, "the first input sent as " + t);
    }
  }

  @Test
  void predict_batchOf1_andOfN_agreeRowByRow() {
    Assumptions.assumeTrue(batchDimension(), "the model has no batch dimension");
    InferRequest good = goodRequest();
    int n = rows(good);
    List<InferResponse> singles = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      singles.add(model().predict(slice(good, r)));
    }
    InferResponse batch = model().predict(good);
    for (int r = 0; r < n; r++) {
      assertAlike(singles.get(r), rowOf(batch, r, n), "row " + r + " of a batch of " + n);
    }
    InferResponse tiled = model().predict(tile(good, BATCH_ROWS));
    for (int r = 0; r < BATCH_ROWS; r++) {
      assertAlike(
          singles.get(r % n), rowOf(tiled, r, BATCH_ROWS), "row " + r + " of " + BATCH_ROWS);
    }
  }

  @Test
  void predict_from8Threads_everyAnswerCorrect() throws Exception {
    InferRequest good = goodRequest();
    List<InferRequest> requests = new ArrayList<>();
    requests.add(good);
    if (batchDimension()) {
      for (int r = 0; r < rows(good); r++) {
        requests.add(slice(good, r));
      }
      requests.add(tile(good, BATCH_ROWS));
    }
    List<InferResponse> expected = new ArrayList<>();
    for (InferRequest request : requests) {
      expected.add(model().predict(request));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        Callable<Integer> work =
            () -> {
              int checked = 0;
              for (int i = 0; i < 200; i++) {
                int k = (offset + i) % requests.size();
                String id = "t" + offset + "-" + i;
                InferResponse r = model().predict(requests.get(k).toBuilder().id(id).build());
                assertEquals(id, r.id(), "the id of a concurrent answer");
                assertAlike(expected.get(k), r, "request " + k + " on thread " + offset);
                checked++;
              }
              return checked;
            };
        futures.add(pool.submit(work));
      }
      int total = 0;
      for (Future<Integer> f : futures) {
        total += f.get(50, TimeUnit.SECONDS);
      }
      assertEquals(THREADS * 200, total, "answers checked");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void predict_wrongShape_is400() {
    Tensor first = goodRequest().inputs().get(0);
    long[] shape = first.shape();
    long[] taller = new long[shape.length + 1];
    taller[0] = 1;
    System.arraycopy(shape, 0, taller, 1, shape.length);
    Tensor other = reshaped(first, taller);
    assertInvalid(() -> model().predict(replaceFirst(other)), first.name());
    assertGoodStillAnswers();
  }

  @Test
  void predict_missingInput_is400() {
    InferRequest good = goodRequest();
    String missing = good.inputs().get(0).name();
    InferRequest bad =
        good.toBuilder().inputs(good.inputs().subList(1, good.inputs().size())).build();
    if (bad.inputs().isEmpty()) {
      bad = InferRequest.of(Tensor.of(UNKNOWN_INPUT, new float[] {1f}, 1));
    }
    InferRequest request = bad;
    InvalidInputException e = assertInvalid(() -> model().predict(request), missing);
    assertNotNull(e.getMessage());
    assertGoodStillAnswers();
  }

  @Test
  void predict_unknownRequestedOutput_is400() {
    InferRequest bad = goodRequest().toBuilder().output("kserve4j_kit_no_such_output").build();
    assertInvalid(() -> model().predict(bad), "kserve4j_kit_no_such_output");
    assertGoodStillAnswers();
  }

  @Test
  void predict_requestedOutput_answersOnlyThatOutput() {
    String first = model().metadata().outputs().get(0).name();
    InferResponse response = model().predict(goodRequest().toBuilder().output(first).build());
    assertEquals(List.of(first), names(response.outputs()), "outputs of " + response);
  }

  @Test
  void close_isIdempotent() {
    Model fresh = loadModel();
    assertAnswersOn(fresh, goodRequest(), null);
    assertDoesNotThrow(fresh::close, "first close()");
    assertDoesNotThrow(fresh::close, "second close()");
    assertThrows(
        InferenceException.class,
        () -> fresh.predict(goodRequest()),
        "predict() on a closed model must throw an InferenceException");
  }

  @Test
  void close_releasesNativeMemory_residentMemoryFlatOverRounds() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(STATUS), "no /proc/self/status: VmRSS not measured");
    InferRequest good = goodRequest();
    InferRequest bigger = batchDimension() ? tile(good, BATCH_ROWS) : good;
    int loads = loadsPerRound();
    Callable<Void> round =
        () -> {
          for (int i = 0; i < loads; i++) {
            Model m = loadModel();
            try {
              for (int k = 0; k < 5; k++) {
                assertNotNull(m.predict(good));
                assertNotNull(m.predict(bigger));
              }
            } finally {
              m.close();
            }
          }
          return null;
        };
    List<Long> warmUp = new ArrayList<>();
    long previous = -1;
    for (int i = 0; i < MAX_WARM_UP_ROUNDS; i++) {
      round.call();
      long rss = residentKib();
      warmUp.add(rss);
      if (previous > 0 && Math.abs(rss - previous) < SETTLED_KIB) {
        break;
      }
      previous = rss;
    }
    long warm = warmUp.get(warmUp.size() - 1);
    for (int i = 0; i < MEASURED_ROUNDS; i++) {
      round.call();
    }
    long after = residentKib();
    String report =
        String.format(
            Locale.ROOT,
            "VmRSS after each warm-up round of %d loads %s KiB; after %d more rounds %d KiB:"
                + " growth %d KiB (%.0f bytes per load)",
            loads,
            warmUp,
            MEASURED_ROUNDS,
            after,
            after - warm,
            (after - warm) * 1024.0 / (loads * MEASURED_ROUNDS));
    System.out.println(getClass().getSimpleName() + ": " + report);
    assertTrue(after - warm < MAX_GROWTH_KIB, "close() must free the replica's memory: " + report);
  }

  // ------------------------------------------------------------------------------- helpers

  private void assertGoodStillAnswers() {
    assertAnswers(goodRequest(), null);
  }

  private void assertAnswers(InferRequest request, @Nullable String id) {
    assertAnswersOn(model(), request, id);
  }

  private static void assertAnswersOn(Model m, InferRequest request, @Nullable String id) {
    InferResponse response = m.predict(request);
    assertNotNull(response, "predict() returned null");
    assertEquals(id, response.id(), "the response must echo the request id");
    assertFalse(response.outputs().isEmpty(), "the response has no outputs: " + response);
    List<String> declared = names(m.metadata().outputs());
    for (Tensor t : response.outputs()) {
      assertTrue(
          declared.contains(t.name()),
          "output '" + t.name() + "' is not in the metadata outputs " + declared);
    }
  }

  private static InvalidInputException assertInvalid(Executable call, String named) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, call, "expected an InvalidInputException");
    assertEquals(400, e.httpStatus(), "status of " + e);
    String message = String.valueOf(e.getMessage());
    assertTrue(
        message.contains(named), "the message must name '" + named + "' but reads: " + message);
    return e;
  }

  private InferRequest replaceFirst(Tensor replacement) {
    InferRequest good = goodRequest();
    List<Tensor> inputs = new ArrayList<>(good.inputs());
    inputs.set(0, replacement);
    return good.toBuilder().inputs(inputs).build();
  }

  private static Tensor reshaped(Tensor t, long[] shape) {
    if (t.datatype() == DataType.BYTES) {
      return Tensor.of(t.name(), DataType.BYTES, t.asByteArrays(), shape);
    }
    if (t.datatype() == DataType.BOOL) {
      return Tensor.of(t.name(), DataType.BOOL, t.asBooleans(), shape);
    }
    return Tensor.of(t.name(), t.datatype(), t.asByteBuffer(), shape);
  }

  private static List<String> names(List<?> tensors) {
    List<String> names = new ArrayList<>();
    for (Object t : tensors) {
      names.add(t instanceof Tensor tensor ? tensor.name() : ((TensorMetadata) t).name());
    }
    return names;
  }

  /** The rows of dimension 0 that every input shares. */
  private static int rows(InferRequest request) {
    long n = -1;
    for (Tensor t : request.inputs()) {
      assertTrue(t.rank() > 0, "input '" + t.name() + "' has no batch dimension");
      if (n >= 0) {
        assertEquals(n, t.dim(0), "inputs of the good request differ in dimension 0");
      }
      n = t.dim(0);
    }
    assertTrue(n > 0, "the good request has no rows");
    return (int) n;
  }

  /** The request with row {@code r} of every input, as a batch of 1. */
  private static InferRequest slice(InferRequest request, int r) {
    List<Tensor> inputs = new ArrayList<>();
    for (Tensor t : request.inputs()) {
      inputs.add(rowsOf(t, r, 1));
    }
    return request.toBuilder().inputs(inputs).build();
  }

  /** The request with its rows repeated to {@code n} rows. */
  private static InferRequest tile(InferRequest request, int n) {
    int have = rows(request);
    List<Tensor> inputs = new ArrayList<>();
    for (Tensor t : request.inputs()) {
      List<Tensor> parts = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        parts.add(rowsOf(t, r % have, 1));
      }
      inputs.add(concat(t, parts, n));
    }
    return request.toBuilder().inputs(inputs).build();
  }

  /** Row {@code r} of a response to {@code n} rows: outputs of n rows sliced, others whole. */
  private static InferResponse rowOf(InferResponse response, int r, int n) {
    List<Tensor> outputs = new ArrayList<>();
    for (Tensor t : response.outputs()) {
      outputs.add(t.rank() > 0 && t.dim(0) == n ? rowsOf(t, r, 1) : t);
    }
    return InferResponse.of(response.modelName(), outputs);
  }

  /** Rows {@code [from, from + count)} of dimension 0. */
  private static Tensor rowsOf(Tensor t, int from, int count) {
    long[] shape = t.shape().clone();
    int perRow = (int) (t.elementCount() / shape[0]);
    shape[0] = count;
    if (t.datatype() == DataType.BYTES) {
      byte[][] all = t.asByteArrays();
      byte[][] part = new byte[perRow * count][];
      System.arraycopy(all, from * perRow, part, 0, part.length);
      return Tensor.of(t.name(), DataType.BYTES, part, shape);
    }
    if (t.datatype() == DataType.BOOL) {
      boolean[] all = t.asBooleans();
      boolean[] part = new boolean[perRow * count];
      System.arraycopy(all, from * perRow, part, 0, part.length);
      return Tensor.of(t.name(), DataType.BOOL, part, shape);
    }
    int width = t.datatype().byteSize();
    ByteBuffer all = t.asByteBuffer();
    ByteBuffer part = ByteBuffer.allocate(perRow * count * width).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < part.capacity(); i++) {
      part.put(i, all.get(all.position() + from * perRow * width + i));
    }
    return Tensor.of(t.name(), t.datatype(), part, shape);
  }

  private static Tensor concat(Tensor like, List<Tensor> parts, int n) {
    long[] shape = like.shape().clone();
    shape[0] = n;
    if (like.datatype() == DataType.BYTES) {
      List<byte[]> all = new ArrayList<>();
      for (Tensor p : parts) {
        all.addAll(List.of(p.asByteArrays()));
      }
      return Tensor.of(like.name(), DataType.BYTES, all.toArray(new byte[0][]), shape);
    }
    if (like.datatype() == DataType.BOOL) {
      int perRow = (int) parts.get(0).elementCount();
      boolean[] all = new boolean[perRow * n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(parts.get(i).asBooleans(), 0, all, i * perRow, perRow);
      }
      return Tensor.of(like.name(), DataType.BOOL, all, shape);
    }
    int bytes = (int) parts.get(0).elementCount() * like.datatype().byteSize();
    ByteBuffer all = ByteBuffer.allocate(bytes * n).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor p : parts) {
      ByteBuffer b = p.asByteBuffer();
      for (int i = 0; i < bytes; i++) {
        all.put(b.get(b.position() + i));
      }
    }
    all.flip();
    return Tensor.of(like.name(), like.datatype(), all, shape);
  }

  /** The tensor's values as datatype {@code type}, same name and shape. */
  private static Tensor converted(Tensor t, DataType type) {
    if (t.datatype() == type) {
      return t;
    }
    double[] v = t.asDoubles();
    int n = v.length;
    Object array =
        switch (type) {
          case FP32 -> {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
              a[i] = (float) v[i];
            }
            yield a;
          }
          case FP64 -> v.clone();
          case INT64, UINT64 -> {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
              a[i] = (long) v[i];
            }
            yield a;
          }
          case INT32, UINT32 -> {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
              a[i] = (int) v[i];
            }
            yield a;
          }
          case INT16, UINT16 -> {
            short[] a = new short[n];
            for (int i = 0; i < n; i++) {
              a[i] = (short) v[i];
            }
            yield a;
          }
          case INT8, UINT8 -> {
            byte[] a = new byte[n];
            for (int i = 0; i < n; i++) {
              a[i] = (byte) v[i];
            }
            yield a;
          }
          case BOOL -> {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) {
              a[i] = v[i] != 0;
            }
            yield a;
          }
          case FP16, BF16, BYTES ->
              throw new IllegalArgumentException(
                  "the kit does not convert inputs to "
                      + type
                      + "; leave it out of"
                      + " acceptedDatatypes()");
        };
    return Tensor.of(t.name(), type, array, t.shape());
  }

  /** A tensor of zeros (empty strings for BYTES) of any datatype. */
  private static Tensor zeros(String name, DataType type, long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (type == DataType.BYTES) {
      byte[][] empty = new byte[(int) n][];
      for (int i = 0; i < empty.length; i++) {
        empty[i] = "0".getBytes(StandardCharsets.UTF_8);
      }
      return Tensor.of(name, DataType.BYTES, empty, shape);
    }
    if (type == DataType.BOOL) {
      return Tensor.of(name, DataType.BOOL, new boolean[(int) n], shape);
    }
    ByteBuffer b = ByteBuffer.allocate((int) n * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    return Tensor.of(name, type, b, shape);
  }

  /** Same output names, shapes and values within {@link #tolerance()}. */
  private void assertAlike(InferResponse expected, InferResponse actual, String what) {
    Map<String, Tensor> got = new LinkedHashMap<>();
    for (Tensor t : actual.outputs()) {
      got.put(t.name(), t);
    }
    assertEquals(names(expected.outputs()), names(actual.outputs()), what + ": output names");
    for (Tensor e : expected.outputs()) {
      Tensor a = got.get(e.name());
      assertNotNull(a, what + ": output " + e.name());
      assertEquals(e.datatype(), a.datatype(), what + ": datatype of output " + e.name());
      try {
        TensorAssertions.assertAllClose(e, a, tolerance());
      } catch (AssertionError failure) {
        throw new AssertionError(what + ": output '" + e.name() + "': " + failure.getMessage());
      }
    }
  }

  /**
   * VmRSS in KiB: the least of three readings, each after a full GC and a short pause (what the
   * collector and malloc give back a moment after a burst is not a leak).
   */
  private static long residentKib() throws IOException, InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          least = Math.min(least, Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    }
    return least;
  }
}
