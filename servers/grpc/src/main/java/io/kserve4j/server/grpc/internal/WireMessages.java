package io.kserve4j.server.grpc.internal;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.ModelMetadata;
import io.kserve4j.protocol.RequestLimits;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.ServerMetadata;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import io.kserve4j.protocol.internal.wire.Echo;
import io.kserve4j.protocol.internal.wire.RequestChecks;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferInputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferRequestedOutputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse.InferOutputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelMetadataResponse;
import io.kserve4j.server.grpc.internal.proto.ServerMetadataResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests, responses and metadata between kserve4j's protocol objects and the generated messages,
 * for the server (request in, response out) and the client (request out, response in).
 */
public final class WireMessages {
  private WireMessages() {}

  // --------------------------------------------------------------------------------- server

  /** The request a {@code ModelInferRequest} carries, within the default limits. */
  public static InferRequest toInferRequest(ModelInferRequest r) {
    return toInferRequest(r, RequestLimits.ofDefaults());
  }

  /**
   * The request a {@code ModelInferRequest} carries. The counts and the id are checked against
   * {@code limits} before any tensor is built.
   *
   * @throws InvalidInputException if the request has more inputs or names more outputs than the
   *     limits allow, its id is too long or holds a control character, raw contents do not match
   *     the inputs one to one, an input sets contents as well as raw contents, an input's datatype,
   *     shape or values are wrong, two inputs share a name or an output is asked for twice
   */
  public static InferRequest toInferRequest(ModelInferRequest r, RequestLimits limits) {
    String model = r.getModelName();
    try {
      RequestChecks.inputCount(r.getInputsCount(), limits);
      RequestChecks.outputCount(r.getOutputsCount(), limits);
      RequestChecks.requestId(r.getId(), limits, "'id'");
    } catch (InvalidInputException e) {
      throw new InvalidInputException(model, String.valueOf(e.getMessage()), e);
    }
    int rawCount = r.getRawInputContentsCount();
    boolean raw = rawCount > 0;
    if (raw && rawCount != r.getInputsCount()) {
      throw new InvalidInputException(
          model,
          "raw_input_contents has "
              + rawCount
              + " entries but the request has "
              + r.getInputsCount()
              + " inputs (send one entry per input, in the order of inputs)");
    }
    List<Tensor> inputs = new ArrayList<>(r.getInputsCount());
    for (int i = 0; i < r.getInputsCount(); i++) {
      InferInputTensor in = r.getInputs(i);
      String name = in.getName();
      DataType datatype = WireTensors.datatype(model, "input", name, in.getDatatype());
      long[] shape = shape(in.getShapeList());
      Tensor t;
      if (raw) {
        if (in.hasContents()) {
          throw new InvalidInputException(
              model,
              "input '"
                  + Echo.cut(name)
                  + "' sets contents but the request carries raw_input_contents (send each"
                  + " input either way, not both)");
        }
        t = WireTensors.fromRaw(model, "input", name, datatype, shape, r.getRawInputContents(i));
      } else {
        t = WireTensors.fromContents(model, "input", name, datatype, shape, in.getContents());
      }
      if (in.getParametersCount() > 0) {
        t = t.withParameters(WireTensors.fromProto(in.getParametersMap()));
      }
      inputs.add(t);
    }
    InferRequest.Builder b = InferRequest.builder().inputs(inputs);
    if (!r.getId().isEmpty()) {
      b.id(r.getId());
    }
    if (r.getParametersCount() > 0) {
      b.parameters(WireTensors.fromProto(r.getParametersMap()));
    }
    for (InferRequestedOutputTensor o : r.getOutputsList()) {
      b.output(new RequestedOutput(o.getName(), WireTensors.fromProto(o.getParametersMap())));
    }
    try {
      return b.build();
    } catch (InvalidInputException e) {
      // Duplicate input or output names: name the model.
      throw new InvalidInputException(model, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The reply to {@code request}: the outputs it asked for (all when it asked for none), in raw
   * contents when the request was raw or an output is FP16 or BF16, else in typed contents; the
   * request's id echoed.
   *
   * @param maxMessageSize the largest reply; checked against a lower bound of the reply's size
   *     (long arithmetic, nothing copied) before the reply is built
   * @throws InvalidInputException if the request asked for an output the model did not give
   * @throws InferenceException with {@link InferenceStatus#PAYLOAD_TOO_LARGE} if the reply would be
   *     larger than {@code maxMessageSize}
   */
  public static ModelInferResponse toProto(
      String model,
      ModelInferRequest request,
      InferRequest decoded,
      InferResponse response,
      int maxMessageSize) {
    List<Tensor> outputs = selectOutputs(model, decoded.outputs(), response.outputs());
    boolean raw = request.getRawInputContentsCount() > 0 || needsRaw(outputs);
    long least = minimumBytes(outputs, raw);
    if (least > maxMessageSize) {
      throw tooLarge(model, "at least " + least, maxMessageSize);
    }
    ModelInferResponse.Builder b =
        ModelInferResponse.newBuilder()
            .setModelName(response.modelName())
            .setId(
                decoded.id() != null
                    ? decoded.id()
                    : response.id() != null
                        ? response.id()
                        : java.util.UUID.randomUUID().toString())
            .putAllParameters(WireTensors.toProto(response.parameters()));
    if (response.modelVersion() != null) {
      b.setModelVersion(response.modelVersion());
    }
    for (Tensor t : outputs) {
      InferOutputTensor.Builder o =
          InferOutputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().protocolName())
              .putAllParameters(WireTensors.toProto(t.parameters()));
      for (long d : t.shape()) {
        o.addShape(d);
      }
      if (raw) {
        b.addRawOutputContents(WireTensors.toRaw(t));
      } else {
        o.setContents(WireTensors.toContents(t));
      }
      b.addOutputs(o);
    }
    return b.build();
  }

  /**
   * The failure for a reply over the server's max message size: RESOURCE_EXHAUSTED, as KServe
   * answers a message over its limit.
   */
  public static InferenceException tooLarge(String model, String size, int maxMessageSize) {
    return new InferenceException(
        InferenceStatus.PAYLOAD_TOO_LARGE,
        model.isEmpty() ? null : model,
        "the reply is "
            + size
            + " bytes, more than the server's max message size of "
            + maxMessageSize
            + " (ask for fewer or smaller outputs; or raise GrpcServer.Builder.maxMessageSize)",
        null);
  }

  /**
   * A lower bound of the serialized size of these outputs' data, in long arithmetic: raw bytes
   * exactly; typed contents at one byte per varint, four per float, eight per double, and each
   * BYTES element's bytes plus its tag and length.
   */
  static long minimumBytes(List<Tensor> outputs, boolean raw) {
    long total = 0;
    for (Tensor t : outputs) {
      total += t.name().length();
      long n = t.elementCount();
      DataType type = t.datatype();
      if (type == DataType.BYTES) {
        for (byte[] e : t.asByteArrays()) {
          total += (raw ? 4L : 2L) + e.length;
        }
      } else if (raw) {
        total += n * type.byteSize();
      } else {
        total +=
            switch (type) {
              case FP32 -> 4 * n;
              case FP64 -> 8 * n;
              default -> n; // BOOL and varints: at least one byte each
            };
      }
    }
    return total;
  }

  private static List<Tensor> selectOutputs(
      String model, List<RequestedOutput> requested, List<Tensor> outputs) {
    if (requested.isEmpty()) {
      return outputs;
    }
    Map<String, Tensor> byName = new HashMap<>(outputs.size() * 2);
    for (Tensor t : outputs) {
      byName.putIfAbsent(t.name(), t);
    }
    List<Tensor> selected = new ArrayList<>(requested.size());
    for (RequestedOutput want : requested) {
      Tensor found = byName.get(want.name());
      if (found == null) {
        List<String> names = new ArrayList<>();
        for (Tensor t : outputs) {
          names.add(t.name());
        }
        throw new InvalidInputException(
            model,
            "the request asks for output '"
                + Echo.cut(want.name())
                + "' but the model gives "
                + Echo.message(names.toString())
                + " (ask for one of those, or for none to get all)");
      }
      selected.add(found);
    }
    return selected;
  }

  private static boolean needsRaw(List<Tensor> tensors) {
    for (Tensor t : tensors) {
      if (t.datatype() == DataType.FP16 || t.datatype() == DataType.BF16) {
        return true;
      }
    }
    return false;
  }

  /** Server metadata as its message. */
  public static ServerMetadataResponse toProto(ServerMetadata m) {
    return ServerMetadataResponse.newBuilder()
        .setName(m.name())
        .setVersion(m.version())
        .addAllExtensions(m.extensions())
        .build();
  }

  /** Model metadata as its message (its parameters have no field there and are left out). */
  public static ModelMetadataResponse toProto(ModelMetadata m) {
    ModelMetadataResponse.Builder b =
        ModelMetadataResponse.newBuilder()
            .setName(m.name())
            .addAllVersions(m.versions())
            .setPlatform(m.platform());
    for (TensorMetadata t : m.inputs()) {
      b.addInputs(toProto(t));
    }
    for (TensorMetadata t : m.outputs()) {
      b.addOutputs(toProto(t));
    }
    return b.build();
  }

  private static ModelMetadataResponse.TensorMetadata toProto(TensorMetadata t) {
    return ModelMetadataResponse.TensorMetadata.newBuilder()
        .setName(t.name())
        .setDatatype(t.datatype().protocolName())
        .addAllShape(t.shape())
        .build();
  }

  // --------------------------------------------------------------------------------- client

  /**
   * The message for {@code request} to {@code model}: inputs in typed contents, or all in raw
   * contents when {@code raw} is set or an input is FP16 or BF16.
   */
  public static ModelInferRequest toProto(String model, InferRequest request, boolean raw) {
    boolean asRaw = raw || needsRaw(request.inputs());
    ModelInferRequest.Builder b =
        ModelInferRequest.newBuilder()
            .setModelName(model)
            .putAllParameters(WireTensors.toProto(request.parameters()));
    if (request.id() != null) {
      b.setId(request.id());
    }
    for (Tensor t : request.inputs()) {
      InferInputTensor.Builder in =
          InferInputTensor.newBuilder()
              .setName(t.name())
              .setDatatype(t.datatype().protocolName())
              .putAllParameters(WireTensors.toProto(t.parameters()));
      for (long d : t.shape()) {
        in.addShape(d);
      }
      if (asRaw) {
        b.addRawInputContents(WireTensors.toRaw(t));
      } else {
        in.setContents(WireTensors.toContents(t));
      }
      b.addInputs(in);
    }
    for (RequestedOutput o : request.outputs()) {
      b.addOutputs(
          InferRequestedOutputTensor.newBuilder()
              .setName(o.name())
              .putAllParameters(WireTensors.toProto(o.parameters())));
    }
    return b.build();
  }

  /**
   * The response a {@code ModelInferResponse} carries.
   *
   * @throws InvalidInputException if the server's reply is malformed (raw contents that do not
   *     match the outputs, a wrong shape or datatype)
   */
  public static InferResponse toInferResponse(ModelInferResponse r) {
    String model = r.getModelName();
    int rawCount = r.getRawOutputContentsCount();
    boolean raw = rawCount > 0;
    if (raw && rawCount != r.getOutputsCount()) {
      throw new InvalidInputException(
          model,
          "the server's reply has "
              + rawCount
              + " raw_output_contents entries for "
              + r.getOutputsCount()
              + " outputs");
    }
    InferResponse.Builder b = InferResponse.builder(model);
    for (int i = 0; i < r.getOutputsCount(); i++) {
      InferOutputTensor out = r.getOutputs(i);
      String name = out.getName();
      DataType datatype = WireTensors.datatype(model, "output", name, out.getDatatype());
      long[] shape = shape(out.getShapeList());
      Tensor t =
          raw
              ? WireTensors.fromRaw(
                  model, "output", name, datatype, shape, r.getRawOutputContents(i))
              : WireTensors.fromContents(model, "output", name, datatype, shape, out.getContents());
      if (out.getParametersCount() > 0) {
        t = t.withParameters(WireTensors.fromProto(out.getParametersMap()));
      }
      b.output(t);
    }
    if (!r.getModelVersion().isEmpty()) {
      b.modelVersion(r.getModelVersion());
    }
    if (!r.getId().isEmpty()) {
      b.id(r.getId());
    }
    if (r.getParametersCount() > 0) {
      b.parameters(WireTensors.fromProto(r.getParametersMap()));
    }
    return b.build();
  }

  /** Server metadata from its message. */
  public static ServerMetadata fromProto(ServerMetadataResponse m) {
    return new ServerMetadata(m.getName(), m.getVersion(), m.getExtensionsList());
  }

  /**
   * Model metadata from its message.
   *
   * @throws InvalidInputException if a tensor's datatype is not a protocol datatype
   */
  public static ModelMetadata fromProto(ModelMetadataResponse m) {
    List<TensorMetadata> inputs = new ArrayList<>();
    for (ModelMetadataResponse.TensorMetadata t : m.getInputsList()) {
      inputs.add(fromProto(m.getName(), "input", t));
    }
    List<TensorMetadata> outputs = new ArrayList<>();
    for (ModelMetadataResponse.TensorMetadata t : m.getOutputsList()) {
      outputs.add(fromProto(m.getName(), "output", t));
    }
    return new ModelMetadata(
        m.getName(), m.getVersionsList(), m.getPlatform(), inputs, outputs, Map.of());
  }

  private static TensorMetadata fromProto(
      String model, String role, ModelMetadataResponse.TensorMetadata t) {
    return new TensorMetadata(
        t.getName(),
        WireTensors.datatype(model, role, t.getName(), t.getDatatype()),
        t.getShapeList());
  }

  private static long[] shape(List<Long> dims) {
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i);
    }
    return shape;
  }

  /**
   * The revision tag a request's {@code model_version} names ({@code latest}, {@code prev}, a
   * revision's name), or {@code null} for none: empty, or a number as clients such as Triton's send
   * by habit (KServe ignores {@code model_version}; kserve4j serves the default split then).
   */
  public static @org.jspecify.annotations.Nullable String revisionTag(String version) {
    if (version.isEmpty() || version.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return version;
  }
}
