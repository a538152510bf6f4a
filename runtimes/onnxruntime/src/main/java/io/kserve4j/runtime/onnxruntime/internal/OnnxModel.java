package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.kserve4j.core.runtime.Model;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelFailureException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.ModelNotReadyException;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * One ONNX Runtime session serving the Open Inference Protocol: a replica of a model loaded by
 * {@link OnnxServingRuntime}.
 *
 * <p><b>Checks.</b> Every input is checked against the session's metadata before the model runs: an
 * unknown or missing input, a wrong datatype or a wrong rank or dimension is an {@link
 * InvalidInputException} (400) that reads {@code input 'float_input': expected FP32 [-1, 4], got
 * FP32 [1, 3]}, and so is a requested output the model does not have. An input declared without
 * dimensions (ONNX Runtime cannot tell a scalar from an input without shape information) is checked
 * for its datatype only. An input with no elements (an empty batch, shape {@code [0, 4]}) is a 400
 * too: some ONNX Runtime kernels fail on one and some crash the process, so it never reaches ONNX
 * Runtime; and so are BYTES that are not UTF-8, which ONNX Runtime's string tensors cannot hold
 * unchanged. A failure inside ONNX Runtime is a {@link ModelFailureException} (500) with ONNX
 * Runtime's message. Neither leaves anything behind: the next good request answers.
 *
 * <p><b>Memory.</b> A tensor over a direct buffer reaches ONNX Runtime as that very memory. A
 * tensor over a Java array is copied once into a pooled direct buffer ({@link ScratchBuffers}).
 * Outputs are copied out of ONNX Runtime's memory into Java arrays, so that they outlive the run;
 * every native tensor and the run's result are closed before {@code predict} returns or throws.
 *
 * <p><b>Types.</b> Every protocol datatype maps to the ONNX element type of the same meaning (FP32
 * {@code float}, FP16 {@code float16} as raw bits, BF16 {@code bfloat16} as raw bits, UINT64 {@code
 * uint64}, BOOL {@code bool}, BYTES {@code string} as UTF-8, and so on). A tensor must have exactly
 * the input's datatype; nothing is converted silently.
 *
 * <p><b>Maps and sequences.</b> ONNX outputs that are not tensors are answered as tensors. A
 * sequence of maps, such as the {@code output_probability} of a scikit-learn classifier converted
 * by skl2onnx with ZipMap ({@code seq(map(int64, float))}), becomes an FP32 tensor of the same name
 * with shape {@code [N, classes]}, its columns in the order of the class labels (ascending), plus a
 * tensor {@code <name>_labels} (INT64, or BYTES for string labels) of shape {@code [classes]} that
 * holds the class labels in column order. Model metadata lists both, the first as FP32 {@code [-1,
 * -1]}, and explains it in a parameter named after the output. A single map is answered as a
 * sequence of one; a sequence of tensors of one shape is stacked along a new first dimension.
 *
 * <p><b>Device.</b> The metadata parameter {@code device} says where the session runs: {@code cpu},
 * or {@code cuda:<index>} for a replica placed on a GPU.
 *
 * <p>Thread-safe: {@link #predict} may run on many threads at once. {@link #close} waits for the
 * calls in flight, then releases the session; later calls answer with a {@link
 * ModelNotReadyException} (503).
 */
final class OnnxModel implements Model {
  private static final System.Logger LOG = System.getLogger(OnnxModel.class.getName());

  private final String name;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelMetadata metadata;

  // Inputs, in the model's order.
  private final String[] inputNames;
  private final DataType[] inputTypes;
  private final @Nullable OnnxJavaType[] inputBufferTypes;
  private final long[][] inputShapes;
  private final Map<String, Integer> inputIndex;

  // ONNX Runtime outputs, in the model's order.
  private final String[] ortOutputNames;
  private final boolean tensorOutputsOnly;

  // Protocol outputs, in metadata order: each is an ONNX Runtime output, or the labels of one.
  private final String[] outputNames;
  private final int[] outputSource;
  private final boolean[] outputIsLabels;

  private final ScratchBuffers scratch;
  private final StampedLock lock = new StampedLock();
  private volatile boolean closed;

  private OnnxModel(String name, OrtEnvironment env, OrtSession session, String device)
      throws OrtException {
    this.name = name;
    this.env = env;
    this.session = session;

    Map<String, NodeInfo> inputs = session.getInputInfo();
    int n = inputs.size();
    inputNames = new String[n];
    inputTypes = new DataType[n];
    inputBufferTypes = new OnnxJavaType[n];
    inputShapes = new long[n][];
    inputIndex = new HashMap<>();
    List<TensorMetadata> inputMetadata = new ArrayList<>(n);
    int i = 0;
    for (NodeInfo node : inputs.values()) {
      ValueInfo info = node.getInfo();
      if (!(info instanceof TensorInfo tensor)) {
        throw new ModelFailureException(
            name,
            "input '"
                + node.getName()
                + "' is "
                + info
                + ": kserve4j feeds ONNX models tensors only (export the model with tensor inputs)");
      }
      DataType type = OnnxTypes.dataType(tensor.onnxType);
      if (type == null) {
        throw new ModelFailureException(
            name,
            "input '"
                + node.getName()
                + "' is "
                + OnnxTypes.onnxName(tensor.onnxType)
                + ", which the Open Inference Protocol has no datatype for");
      }
      inputNames[i] = node.getName();
      inputTypes[i] = type;
      inputBufferTypes[i] = OnnxTypes.bufferType(type);
      inputShapes[i] = tensor.getShape();
      inputIndex.put(node.getName(), i);
      inputMetadata.add(TensorMetadata.of(node.getName(), type, tensor.getShape()));
      i++;
    }

    Map<String, NodeInfo> outputs = session.getOutputInfo();
    ortOutputNames = new String[outputs.size()];
    List<TensorMetadata> outputMetadata = new ArrayList<>();
    List<Integer> source = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    boolean tensorsOnly = true;
    int o = 0;
    for (NodeInfo node : outputs.values()) {
      String out = node.getName();
      ortOutputNames[o] = out;
      ValueInfo info = node.getInfo();
      if (info instanceof TensorInfo tensor) {
        DataType type = OnnxTypes.dataType(tensor.onnxType);
        if (type == null) {
          throw new ModelFailureException(
              name,
              "output '"
                  + out
                  + "' is "
                  + OnnxTypes.onnxName(tensor.onnxType)
                  + ", which the Open Inference Protocol has no datatype for");
        }
        outputMetadata.add(TensorMetadata.of(out, type, tensor.getShape()));
        source.add(o);
        labels.add(false);
      } else {
        tensorsOnly = false;
        MapInfo map = null;
        OnnxJavaType element = OnnxJavaType.UNKNOWN;
        String onnxType;
        if (info instanceof SequenceInfo seq && seq.isSequenceOfMaps()) {
          map = seq.mapInfo;
          onnxType = "seq(" + mapName(map) + ")";
        } else if (info instanceof MapInfo single) {
          map = single;
          onnxType = mapName(map);
        } else if (info instanceof SequenceInfo seq) {
          element = seq.sequenceType;
          onnxType = "seq(tensor(" + javaName(element) + "))";
        } else {
          throw new ModelFailureException(
              name,
              "output '" + out + "' is " + info + ", which kserve4j cannot answer as tensors");
        }
        if (map != null) {
          DataType values = mapValueType(map.valueType);
          DataType keys = map.keyType == OnnxJavaType.STRING ? DataType.BYTES : DataType.INT64;
          String labelsName = out + OnnxOutputs.LABELS_SUFFIX;
          outputMetadata.add(TensorMetadata.of(out, values, -1, -1));
          source.add(o);
          labels.add(false);
          outputMetadata.add(TensorMetadata.of(labelsName, keys, -1));
          source.add(o);
          labels.add(true);
          parameters.put(
              out,
              onnxType
                  + " (e.g. a ZipMap): answered as "
                  + values
                  + " [N, classes] with columns in class-label order, and the class labels in"
                  + " output '"
                  + labelsName
                  + "'");
        } else {
          DataType stacked = OnnxTypes.dataType(element);
          outputMetadata.add(
              TensorMetadata.of(out, stacked == null ? DataType.BYTES : stacked, -1));
          source.add(o);
          labels.add(false);
          parameters.put(
              out,
              onnxType
                  + ": answered as one tensor, the elements stacked along a new first dimension"
                  + " (they must share one shape)");
        }
      }
      o++;
    }
    parameters.putIfAbsent("device", device);
    tensorOutputsOnly = tensorsOnly;
    outputNames = new String[outputMetadata.size()];
    outputSource = new int[outputNames.length];
    outputIsLabels = new boolean[outputNames.length];
    for (int k = 0; k < outputNames.length; k++) {
      outputNames[k] = outputMetadata.get(k).name();
      outputSource[k] = source.get(k);
      outputIsLabels[k] = labels.get(k);
    }
    metadata =
        new ModelMetadata(
            name, List.of(), "onnxruntime", inputMetadata, outputMetadata, parameters);
    int[] ranks = new int[n];
    for (int k = 0; k < n; k++) {
      ranks[k] = inputShapes[k].length;
    }
    scratch = new ScratchBuffers(ranks, ScratchBuffers.defaultSlots());
  }

  /**
   * A model over an open session; on failure the session is closed.
   *
   * @param device where the session runs, {@code cpu} or {@code cuda:<index>}: the metadata
   *     parameter {@code device}
   * @throws ModelFailureException if the session has inputs or outputs kserve4j cannot serve
   */
  static OnnxModel create(String name, OrtEnvironment env, OrtSession session, String device) {
    try {
      return new OnnxModel(name, env, session, device);
    } catch (OrtException | RuntimeException e) {
      try {
        session.close();
      } catch (OrtException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof InferenceException inference) {
        throw inference;
      }
      throw new ModelFailureException(
          name, "ONNX Runtime could not describe the model: " + e.getMessage(), e);
    }
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * Runs the model on the request's inputs.
   *
   * @throws InvalidInputException if an input is unknown, missing, of another datatype or shape,
   *     holds no elements (an empty batch), or is BYTES that are not UTF-8 text, or a requested
   *     output is unknown; the message names the tensor, what was expected and what came
   * @throws ModelFailureException if ONNX Runtime fails; the message carries ONNX Runtime's
   * @throws ModelNotReadyException if the model has been closed
   * @throws InferenceException with status NOT_IMPLEMENTED if a UINT16, UINT32 or UINT64 input
   *     cannot be built with this ONNX Runtime
   */
  @Override
  public InferResponse predict(InferRequest request) {
    long stamp = lock.tryReadLock();
    if (stamp == 0L) {
      throw closedException();
    }
    try {
      if (closed) {
        throw closedException();
      }
      return run(request);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private InferResponse run(InferRequest request) {
    List<RequestedOutput> wanted = request.outputs();
    int @Nullable [] picks = wanted.isEmpty() ? null : resolveOutputs(wanted);
    List<Tensor> given = request.inputs();
    int count = given.size();
    ScratchBuffers.Scratch call = scratch.take();
    OrtSession.Result result = null;
    try {
      for (int i = 0; i < count; i++) {
        Tensor t = given.get(i);
        int index = indexOf(t.name(), i);
        check(index, t);
        // Names are unique and each is a model input, so every index is filled at most once.
        call.tensors[index] = toOrt(index, t, call);
      }
      if (count != inputNames.length) {
        throw missingInputs(given);
      }
      Map<String, OnnxTensor> feed = feed(call.tensors);
      List<Tensor> outputs;
      if (picks == null) {
        result = session.run(feed);
        outputs = allOutputs(result);
      } else {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (int p : picks) {
          names.add(ortOutputNames[outputSource[p]]);
        }
        result = session.run(feed, names);
        outputs = pickedOutputs(result, picks);
      }
      InferResponse response = InferResponse.of(name, outputs);
      String id = request.id();
      return id == null ? response : response.withId(id);
    } catch (InferenceException e) {
      throw e;
    } catch (OrtException | RuntimeException e) {
      throw new ModelFailureException(
          name, "ONNX Runtime failed to run the model: " + e.getMessage(), e);
    } finally {
      call.closeTensors();
      if (result != null) {
        result.close();
      }
      scratch.release(call);
    }
  }

  /** The index of the model input called {@code inputName}; {@code hint} is tried first. */
  private int indexOf(String inputName, int hint) {
    if (hint < inputNames.length && inputNames[hint].equals(inputName)) {
      return hint;
    }
    Integer index = inputIndex.get(inputName);
    if (index == null) {
      throw new InvalidInputException(
          name,
          "input '"
              + inputName
              + "' is not an input of this model (its inputs are "
              + describe(metadata.inputs())
              + ")");
    }
    return index;
  }

  private void check(int index, Tensor t) {
    long[] want = inputShapes[index];
    // ONNX Runtime reports no dimensions both for a scalar and for an input without shape
    // information, and does not hold scalars to their rank either: check the datatype only.
    boolean fits =
        t.datatype() == inputTypes[index] && (want.length == 0 || t.rank() == want.length);
    for (int d = 0; fits && d < want.length; d++) {
      fits = want[d] < 0 || want[d] == t.dim(d);
    }
    if (!fits) {
      throw new InvalidInputException(
          name,
          "input '"
              + t.name()
              + "': expected "
              + inputTypes[index]
              + " "
              + Arrays.toString(want)
              + ", got "
              + t.datatype()
              + " "
              + Arrays.toString(t.shape())
              + (t.datatype() == inputTypes[index]
                  ? " (-1 is a dimension of any size)"
                  : " (send the input as " + inputTypes[index] + "; nothing is converted)"));
    }
    if (t.elementCount() == 0) {
      // ONNX Runtime's kernels are not all safe on empty tensors: some fail (an empty ZipMap
      // sequence) and some crash the process (SIGFPE in a KNN graph). A client error, never a
      // model failure.
      throw new InvalidInputException(
          name,
          "input '"
              + t.name()
              + "' has shape "
              + Arrays.toString(t.shape())
              + ", which holds no elements: kserve4j does not run an ONNX model on an empty batch"
              + " (send at least one row; skip the call when there is nothing to predict)");
    }
  }

  private InvalidInputException missingInputs(List<Tensor> given) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < inputNames.length; i++) {
      boolean found = false;
      for (Tensor t : given) {
        found |= t.name().equals(inputNames[i]);
      }
      if (!found) {
        missing.add(
            "'"
                + inputNames[i]
                + "' ("
                + inputTypes[i]
                + " "
                + Arrays.toString(inputShapes[i])
                + ")");
      }
    }
    return new InvalidInputException(
        name,
        (missing.size() == 1 ? "input " : "inputs ")
            + String.join(", ", missing)
            + (missing.size() == 1 ? " is" : " are")
            + " missing from the request (the model needs "
            + describe(metadata.inputs())
            + ")");
  }

  private int[] resolveOutputs(List<RequestedOutput> wanted) {
    int[] picks = new int[wanted.size()];
    for (int k = 0; k < picks.length; k++) {
      String out = wanted.get(k).name();
      int index = -1;
      for (int p = 0; p < outputNames.length && index < 0; p++) {
        if (outputNames[p].equals(out)) {
          index = p;
        }
      }
      if (index < 0) {
        throw new InvalidInputException(
            name,
            "requested output '"
                + out
                + "' is not an output of this model (its outputs are "
                + Arrays.toString(outputNames)
                + ")");
      }
      picks[k] = index;
    }
    return picks;
  }

  private OnnxTensor toOrt(int index, Tensor t, ScratchBuffers.Scratch call) throws OrtException {
    DataType type = inputTypes[index];
    long[] shape = call.shape(index, t);
    if (type == DataType.BYTES) {
      byte[][] raw = t.asByteArrays();
      String[] strings = new String[raw.length];
      CharsetDecoder utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      for (int i = 0; i < raw.length; i++) {
        try {
          strings[i] = utf8.decode(ByteBuffer.wrap(raw[i])).toString();
        } catch (CharacterCodingException e) {
          throw new InvalidInputException(
              name,
              "input '"
                  + t.name()
                  + "' element "
                  + i
                  + " is not UTF-8 text, and ONNX Runtime's string tensors hold text (send UTF-8;"
                  + " bytes that are not text would reach the model changed)");
        }
      }
      // ONNX Runtime keeps this shape array in the tensor's info: give it its own.
      return OnnxTensor.createTensor(env, strings, shape.clone());
    }
    ByteBuffer shared = t.isDirect() ? t.sharedBuffer() : null;
    ByteBuffer data = shared != null ? shared : copy(index, t, call);
    OnnxJavaType bufferType = inputBufferTypes[index];
    if (bufferType == null) {
      return unsigned(t, data, shape);
    }
    return OnnxTensor.createTensor(env, data, shape, bufferType);
  }

  private OnnxTensor unsigned(Tensor t, ByteBuffer data, long[] shape) throws OrtException {
    try {
      return UnsignedTensors.create(env, data, shape, t.datatype());
    } catch (IllegalStateException e) {
      throw new InferenceException(
          InferenceStatus.NOT_IMPLEMENTED,
          name,
          "input '"
              + t.name()
              + "' is "
              + t.datatype()
              + ", which ONNX Runtime's Java API cannot build: "
              + e.getMessage(),
          e);
    }
  }

  /** Copies an array- or heap-backed tensor into this call's direct buffer for the input. */
  private static ByteBuffer copy(int index, Tensor t, ScratchBuffers.Scratch buffers) {
    if (t.datatype() == DataType.BYTES) {
      throw new AssertionError("BYTES inputs are not copied");
    }
    DataType type = t.datatype();
    int n = (int) t.elementCount();
    ByteBuffer data = buffers.bytes(index, n * type.byteSize());
    if (t.isBufferBacked()) {
      data.put(0, t.asByteBuffer(), 0, data.limit());
      return data;
    }
    switch (type) {
      case FP32 -> buffers.floats(index, data).put(0, t.asFloats());
      case FP64 -> buffers.doubles(index, data).put(0, t.asDoubles());
      case INT64, UINT64 -> buffers.longs(index, data).put(0, t.asLongs());
      case INT32, UINT32 -> buffers.ints(index, data).put(0, t.asInts());
      case INT16, UINT16, FP16, BF16 -> buffers.shorts(index, data).put(0, t.asShorts());
      case INT8, UINT8 -> data.put(0, t.asBytes());
      case BOOL -> {
        boolean[] values = t.asBooleans();
        for (int i = 0; i < n; i++) {
          data.put(i, values[i] ? (byte) 1 : (byte) 0);
        }
      }
      case BYTES -> throw new AssertionError("BYTES inputs are not copied");
    }
    return data;
  }

  /** The call's tensors by input name; every one is set once the inputs are checked. */
  private Map<String, OnnxTensor> feed(@Nullable OnnxTensor[] tensors) {
    return switch (tensors.length) {
      case 1 -> Map.of(inputNames[0], present(tensors, 0));
      case 2 -> Map.of(inputNames[0], present(tensors, 0), inputNames[1], present(tensors, 1));
      case 3 ->
          Map.of(
              inputNames[0],
              present(tensors, 0),
              inputNames[1],
              present(tensors, 1),
              inputNames[2],
              present(tensors, 2));
      default -> {
        Map<String, OnnxTensor> feed = new HashMap<>();
        for (int i = 0; i < tensors.length; i++) {
          feed.put(inputNames[i], present(tensors, i));
        }
        yield feed;
      }
    };
  }

  private OnnxTensor present(@Nullable OnnxTensor[] tensors, int index) {
    OnnxTensor t = tensors[index];
    if (t == null) {
      throw new IllegalStateException("input '" + inputNames[index] + "' was not bound");
    }
    return t;
  }

  private List<Tensor> allOutputs(OrtSession.Result result) throws OrtException {
    if (tensorOutputsOnly) {
      int n = ortOutputNames.length;
      if (n == 1) {
        return List.of(OnnxOutputs.tensor(ortOutputNames[0], (OnnxTensor) result.get(0)));
      }
      Tensor[] out = new Tensor[n];
      for (int o = 0; o < n; o++) {
        out[o] = OnnxOutputs.tensor(ortOutputNames[o], (OnnxTensor) result.get(o));
      }
      return List.of(out);
    }
    List<Tensor> out = new ArrayList<>(outputNames.length);
    for (int o = 0; o < ortOutputNames.length; o++) {
      out.addAll(Arrays.asList(OnnxOutputs.convert(ortOutputNames[o], result.get(o))));
    }
    return out;
  }

  private List<Tensor> pickedOutputs(OrtSession.Result result, int[] picks) throws OrtException {
    Tensor[][] converted = new Tensor[ortOutputNames.length][];
    boolean[] taken = new boolean[outputNames.length];
    List<Tensor> out = new ArrayList<>(picks.length);
    for (int p : picks) {
      if (taken[p]) {
        continue;
      }
      taken[p] = true;
      int o = outputSource[p];
      Tensor[] parts = converted[o];
      if (parts == null) {
        OnnxValue value =
            result
                .get(ortOutputNames[o])
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "ONNX Runtime returned no output '" + ortOutputNames[o] + "'"));
        parts = OnnxOutputs.convert(ortOutputNames[o], value);
        converted[o] = parts;
      }
      out.add(parts[outputIsLabels[p] ? 1 : 0]);
    }
    return out;
  }

  private ModelNotReadyException closedException() {
    return new ModelNotReadyException(
        name, "the model is closed (its ONNX Runtime session was released; load it again)");
  }

  /**
   * Releases the ONNX Runtime session after the calls in flight finish. Idempotent; later calls to
   * {@link #predict} answer with a {@link ModelNotReadyException}.
   */
  @Override
  public void close() {
    long stamp = lock.writeLock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
      LOG.log(System.Logger.Level.DEBUG, () -> "closed ONNX model '" + name + "'");
    } catch (OrtException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          () -> "model '" + name + "': closing the ONNX Runtime session failed: " + e.getMessage(),
          e);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  @Override
  public String toString() {
    return "OnnxModel{" + name + ", inputs=" + describe(metadata.inputs()) + "}";
  }

  static String describe(List<TensorMetadata> tensors) {
    StringBuilder sb = new StringBuilder();
    for (TensorMetadata t : tensors) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(t.name()).append(' ').append(t.datatype()).append(' ').append(t.shape());
    }
    return sb.toString();
  }

  private static DataType mapValueType(OnnxJavaType type) {
    DataType t = OnnxTypes.dataType(type);
    return t == null ? DataType.FP32 : t;
  }

  private static String mapName(MapInfo map) {
    return "map(" + javaName(map.keyType) + ", " + javaName(map.valueType) + ")";
  }

  private static String javaName(OnnxJavaType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }
}
