package io.kserve4j.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.server.grpc.internal.WireMessages;
import io.kserve4j.server.grpc.internal.proto.GRPCInferenceServiceGrpc;
import io.kserve4j.server.grpc.internal.proto.InferParameter;
import io.kserve4j.server.grpc.internal.proto.InferTensorContents;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferInputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferRequest.InferRequestedOutputTensor;
import io.kserve4j.server.grpc.internal.proto.ModelInferResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sends 10,000 mutated ModelInferRequests (fixed seed) to a real {@link GrpcServer}: random model
 * names, datatypes, shapes, contents in any field, raw entries of any length, both at once,
 * duplicate inputs, requested outputs, parameters; and a quarter of them as corrupted bytes through
 * a byte[] marshaller. None may end INTERNAL or UNKNOWN (no test model here fails on purpose), hang
 * past its deadline, or get a reply that does not decode; a normal request succeeds after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcFuzzTest {
  private static final long SEED = 0x6b73657276653441L;
  private static final int CASES = 10_000;

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> RAW_INFER =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName())
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();

  private static final String[] MODELS = {"doubler", "echo", "half", "nope", "", "Echo", "échø"};
  private static final String[] DATATYPES = {
    "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16",
    "FP32", "FP64", "BF16", "BYTES", "fp32", "FP8", "", "BYTES ", "INT128", "💥"
  };
  private static final long[] DIMS = {
    -1, 0, 1, 1, 2, 2, 3, 4, 7, 1L << 31, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40
  };

  private final TestModels models = new TestModels();
  private GrpcServer server;
  private ManagedChannel channel;

  @BeforeAll
  void start() {
    server = GrpcServer.builder().host("127.0.0.1").port(0).handler(models).build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  void stop() {
    channel.shutdownNow();
    server.close();
  }

  @Test
  void mutatedRequests_getOkOrAClientError_neverInternalNorAHang() throws Exception {
    Random rnd = new Random(SEED);
    Map<Status.Code, Integer> seen = new EnumMap<>(Status.Code.class);
    int corrupted = 0;
    for (int i = 0; i < CASES; i++) {
      ModelInferRequest request = mutate(base(rnd), rnd);
      byte[] bytes = request.toByteArray();
      if (rnd.nextInt(4) == 0) {
        bytes = corrupt(bytes, rnd);
        corrupted++;
      }
      Status.Code code = Status.Code.OK;
      String description = "";
      byte[] reply = null;
      try {
        reply =
            ClientCalls.blockingUnaryCall(
                channel,
                RAW_INFER,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                bytes);
      } catch (StatusRuntimeException e) {
        code = e.getStatus().getCode();
        description = String.valueOf(e.getStatus().getDescription());
      }
      assertThat(code)
          .as("case %d: %s -> %s", i, request, description)
          .isIn(Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);
      if (reply != null) {
        InferResponse decoded = WireMessages.toInferResponse(ModelInferResponse.parseFrom(reply));
        assertThat(decoded.modelName()).as("case %d", i).isIn((Object[]) MODELS);
      }
      seen.merge(code, 1, Integer::sum);
    }
    System.out.println("fuzz: " + CASES + " cases, " + corrupted + " corrupted, answers " + seen);
    // The mutations reach every branch: plenty of each answer.
    assertThat(seen.getOrDefault(Status.Code.OK, 0)).as("%s", seen).isGreaterThan(500);
    assertThat(seen.getOrDefault(Status.Code.INVALID_ARGUMENT, 0))
        .as("%s", seen)
        .isGreaterThan(3000);
    assertThat(seen.getOrDefault(Status.Code.NOT_FOUND, 0)).as("%s", seen).isGreaterThan(200);
    assertThat(corrupted).isGreaterThan(2000);

    try (GrpcClient client = GrpcClient.create("127.0.0.1", server.port())) {
      assertThat(
              client
                  .infer("doubler", InferRequest.of("x", new float[] {1, 2}, 2))
                  .output("y")
                  .asFloats())
          .containsExactly(2, 4);
    }
  }

  // ------------------------------------------------------------------------- base requests

  private static ModelInferRequest base(Random rnd) {
    boolean raw = rnd.nextBoolean();
    return switch (rnd.nextInt(3)) {
      case 0 -> {
        int rows = 1 + rnd.nextInt(3);
        int cols = 1 + rnd.nextInt(4);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
          x[i] = rnd.nextFloat() * 100 - 50;
        }
        yield WireMessages.toProto("doubler", InferRequest.of("x", x, rows, cols), raw);
      }
      case 1 -> {
        List<Tensor> inputs = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          inputs.add(randomTensor("in" + i, DataType.values()[rnd.nextInt(14)], rnd));
        }
        yield WireMessages.toProto("echo", InferRequest.of(inputs.toArray(new Tensor[0])), raw);
      }
      default ->
          WireMessages.toProto("half", InferRequest.of("x", new float[] {rnd.nextFloat()}, 1), raw);
    };
  }

  private static Tensor randomTensor(String name, DataType type, Random rnd) {
    int n = rnd.nextInt(7);
    Object data =
        switch (type) {
          case BOOL -> {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) {
              a[i] = rnd.nextBoolean();
            }
            yield a;
          }
          case INT8, UINT8 -> {
            byte[] a = new byte[n];
            rnd.nextBytes(a);
            yield a;
          }
          case INT16, UINT16, FP16, BF16 -> {
            short[] a = new short[n];
            for (int i = 0; i < n; i++) {
              a[i] = (short) rnd.nextInt();
            }
            yield a;
          }
          case INT32, UINT32 -> rnd.ints(n).toArray();
          case INT64, UINT64 -> rnd.longs(n).toArray();
          case FP32 -> {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
              a[i] = Float.intBitsToFloat(rnd.nextInt());
            }
            yield a;
          }
          case FP64 -> rnd.doubles(n).toArray();
          case BYTES -> {
            byte[][] a = new byte[n][];
            for (int i = 0; i < n; i++) {
              a[i] = new byte[rnd.nextInt(6)];
              rnd.nextBytes(a[i]);
            }
            yield a;
          }
        };
    return Tensor.of(name, type, data, n);
  }

  // ----------------------------------------------------------------------------- mutations

  private static ModelInferRequest mutate(ModelInferRequest request, Random rnd) {
    ModelInferRequest.Builder b = request.toBuilder();
    int mutations = 1 + rnd.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int inputs = b.getInputsCount();
      int at = inputs == 0 ? -1 : rnd.nextInt(inputs);
      switch (rnd.nextInt(16)) {
        case 0 -> b.setModelName(MODELS[rnd.nextInt(MODELS.length)]);
        case 1 -> {
          if (at >= 0) {
            b.getInputsBuilder(at).setDatatype(DATATYPES[rnd.nextInt(DATATYPES.length)]);
          }
        }
        case 2 -> {
          if (at >= 0) {
            InferInputTensor.Builder in = b.getInputsBuilder(at).clearShape();
            int rank = rnd.nextInt(5);
            for (int d = 0; d < rank; d++) {
              in.addShape(rnd.nextInt(5) == 0 ? rnd.nextLong() : DIMS[rnd.nextInt(DIMS.length)]);
            }
          }
        }
        case 3 -> {
          if (at >= 0) {
            addValues(b.getInputsBuilder(at).getContentsBuilder(), rnd);
          }
        }
        case 4 -> {
          if (at >= 0) {
            b.getInputsBuilder(at).clearContents();
          }
        }
        case 5 -> b.addRawInputContents(randomBytes(rnd, 40));
        case 6 -> {
          if (b.getRawInputContentsCount() > 0) {
            List<ByteString> raw = new ArrayList<>(b.getRawInputContentsList());
            raw.remove(rnd.nextInt(raw.size()));
            b.clearRawInputContents().addAllRawInputContents(raw);
          }
        }
        case 7 -> {
          if (b.getRawInputContentsCount() > 0) {
            b.setRawInputContents(rnd.nextInt(b.getRawInputContentsCount()), randomBytes(rnd, 64));
          }
        }
        case 8 -> {
          if (at >= 0) {
            b.getInputsBuilder(at).setContents(InferTensorContents.newBuilder().addFp32Contents(1));
          }
        }
        case 9 -> {
          if (at >= 0) {
            b.addInputs(b.getInputs(at));
          }
        }
        case 10 -> b.clearInputs();
        case 11 ->
            b.addOutputs(
                InferRequestedOutputTensor.newBuilder()
                    .setName(new String[] {"y", "sum", "x", "h", "in0", "zz", ""}[rnd.nextInt(7)]));
        case 12 -> {
          InferParameter.Builder p = InferParameter.newBuilder();
          switch (rnd.nextInt(4)) {
            case 0 -> p.setBoolParam(rnd.nextBoolean());
            case 1 -> p.setInt64Param(rnd.nextLong());
            case 2 -> p.setStringParam("s" + rnd.nextInt());
            default -> {}
          }
          if (at >= 0 && rnd.nextBoolean()) {
            b.getInputsBuilder(at).putParameters("p" + rnd.nextInt(3), p.build());
          } else {
            b.putParameters("p" + rnd.nextInt(3), p.build());
          }
        }
        case 13 -> b.setId(rnd.nextBoolean() ? "" : "id-" + rnd.nextLong() + "-ü");
        case 14 -> {
          if (at >= 0) {
            b.getInputsBuilder(at).setName(rnd.nextBoolean() ? "" : "x");
          }
        }
        default -> {
          // A BYTES entry whose length prefixes lie.
          if (at >= 0) {
            b.getInputsBuilder(at).setDatatype("BYTES").clearContents();
            byte[] lie = {
              (byte) rnd.nextInt(),
              (byte) rnd.nextInt(),
              (byte) rnd.nextInt(),
              (byte) rnd.nextInt(),
              1,
              2
            };
            if (b.getRawInputContentsCount() == inputs) {
              b.setRawInputContents(at, ByteString.copyFrom(lie));
            } else {
              b.getInputsBuilder(at).setContents(InferTensorContents.newBuilder());
            }
          }
        }
      }
    }
    return b.build();
  }

  private static void addValues(InferTensorContents.Builder c, Random rnd) {
    int n = 1 + rnd.nextInt(5);
    int field = rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      switch (field) {
        case 0 -> c.addBoolContents(rnd.nextBoolean());
        case 1 -> c.addIntContents(rnd.nextInt());
        case 2 -> c.addInt64Contents(rnd.nextLong());
        case 3 -> c.addUintContents(rnd.nextInt());
        case 4 -> c.addUint64Contents(rnd.nextLong());
        case 5 -> c.addFp32Contents(rnd.nextFloat());
        case 6 -> c.addFp64Contents(rnd.nextDouble());
        default -> c.addBytesContents(randomBytes(rnd, 8));
      }
    }
  }

  private static ByteString randomBytes(Random rnd, int max) {
    byte[] b = new byte[rnd.nextInt(max + 1)];
    rnd.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static byte[] corrupt(byte[] bytes, Random rnd) {
    switch (rnd.nextInt(5)) {
      case 0 -> {
        byte[] out = bytes.clone();
        int flips = 1 + rnd.nextInt(5);
        for (int i = 0; i < flips && out.length > 0; i++) {
          out[rnd.nextInt(out.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
        return out;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : rnd.nextInt(bytes.length));
      }
      case 2 -> {
        byte[] tail = randomBytes(rnd, 32).toByteArray();
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
        System.arraycopy(tail, 0, out, bytes.length, tail.length);
        return out;
      }
      case 3 -> {
        return randomBytes(rnd, 100).toByteArray();
      }
      default -> {
        // A length-delimited field that claims far more bytes than follow.
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 6);
        byte[] lie = {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        System.arraycopy(lie, 0, out, bytes.length, lie.length);
        return out;
      }
    }
  }

  @Test
  void corruptedBytes_areInvalidArgument_withTheParsersReason()
      throws InvalidProtocolBufferException {
    StatusRuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    channel,
                    RAW_INFER,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    new byte[] {0x0a, 0x7f, 'a'}));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).startsWith("the message does not parse: ");
  }
}
