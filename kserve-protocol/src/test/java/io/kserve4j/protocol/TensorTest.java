package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TensorTest {

  // ------------------------------------------------------------------------------ fixtures

  /** Sample storage arrays per datatype, with the edge values of each type. */
  static Object sample(DataType type) {
    return switch (type) {
      case BOOL -> new boolean[] {true, false, true, true};
      case INT8 -> new byte[] {Byte.MIN_VALUE, -1, 0, Byte.MAX_VALUE};
      case UINT8 -> new byte[] {0, 1, (byte) 128, (byte) 255};
      case INT16 -> new short[] {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE};
      case UINT16 -> new short[] {0, 1, (short) 0x8000, (short) 0xFFFF};
      case INT32 -> new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
      case UINT32 -> new int[] {0, 1, Integer.MIN_VALUE, -1};
      case INT64 -> new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
      case UINT64 -> new long[] {0, 1, Long.MIN_VALUE, -1};
      case FP16 -> new short[] {0x3C00, (short) 0xC000, 0x7BFF, 0x0001}; // 1, -2, 65504, 2^-24
      case BF16 ->
          new short[] {0x3F80, (short) 0xC000, 0x4049, (short) 0xFF80}; // 1, -2, 3.140625, -inf
      case FP32 -> new float[] {1.5f, -2.25f, Float.MAX_VALUE, Float.MIN_VALUE};
      case FP64 -> new double[] {1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE};
      case BYTES ->
          new byte[][] {
            "a".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            "héllo".getBytes(StandardCharsets.UTF_8),
            new byte[] {0, (byte) 0xFF}
          };
    };
  }

  /** The sample of {@code type} as raw little-endian bytes, encoded by the JDK. */
  static ByteBuffer littleEndian(DataType type, Object array, boolean direct) {
    int n = java.lang.reflect.Array.getLength(array);
    ByteBuffer b =
        (direct
                ? ByteBuffer.allocateDirect(n * type.byteSize())
                : ByteBuffer.allocate(n * type.byteSize()))
            .order(ByteOrder.LITTLE_ENDIAN);
    if (array instanceof boolean[]) {
      for (boolean v : (boolean[]) array) {
        b.put(v ? (byte) 1 : (byte) 0);
      }
    } else if (array instanceof byte[]) {
      b.put((byte[]) array);
    } else if (array instanceof short[]) {
      for (short v : (short[]) array) {
        b.putShort(v);
      }
    } else if (array instanceof int[]) {
      for (int v : (int[]) array) {
        b.putInt(v);
      }
    } else if (array instanceof long[]) {
      for (long v : (long[]) array) {
        b.putLong(v);
      }
    } else if (array instanceof float[]) {
      for (float v : (float[]) array) {
        b.putFloat(v);
      }
    } else if (array instanceof double[]) {
      for (double v : (double[]) array) {
        b.putDouble(v);
      }
    }
    return b.flip();
  }

  static Tensor arrayBacked(DataType type) {
    return Tensor.of("x", type, sample(type), 2, 2);
  }

  static Tensor bufferBacked(DataType type) {
    return Tensor.of("x", type, littleEndian(type, sample(type), true), 2, 2);
  }

  static Stream<DataType> fixedWidthTypes() {
    return Stream.of(DataType.values()).filter(DataType::isFixedWidth);
  }

  /** Every read accessor, with the datatypes it serves. */
  enum Accessor {
    AS_FLOATS(
        "asFloats()", Tensor::asFloats, EnumSet.of(DataType.FP32, DataType.FP16, DataType.BF16)),
    AS_DOUBLES(
        "asDoubles()",
        Tensor::asDoubles,
        EnumSet.complementOf(EnumSet.of(DataType.BOOL, DataType.BYTES))),
    AS_LONGS(
        "asLongs()",
        Tensor::asLongs,
        EnumSet.of(
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.UINT16,
            DataType.INT32,
            DataType.UINT32,
            DataType.INT64,
            DataType.UINT64)),
    AS_INTS(
        "asInts()",
        Tensor::asInts,
        EnumSet.of(
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.UINT16,
            DataType.INT32,
            DataType.UINT32)),
    AS_SHORTS(
        "asShorts()",
        Tensor::asShorts,
        EnumSet.of(DataType.INT16, DataType.UINT16, DataType.FP16, DataType.BF16)),
    AS_BYTES("asBytes()", Tensor::asBytes, EnumSet.of(DataType.INT8, DataType.UINT8)),
    AS_BOOLEANS("asBooleans()", Tensor::asBooleans, EnumSet.of(DataType.BOOL)),
    AS_STRINGS("asStrings()", Tensor::asStrings, EnumSet.of(DataType.BYTES)),
    AS_BYTE_ARRAYS("asByteArrays()", Tensor::asByteArrays, EnumSet.of(DataType.BYTES)),
    AS_BYTE_BUFFER(
        "asByteBuffer()", Tensor::asByteBuffer, EnumSet.complementOf(EnumSet.of(DataType.BYTES)));

    final String call;
    final Function<Tensor, Object> read;
    final Set<DataType> serves;

    Accessor(String call, Function<Tensor, Object> read, Set<DataType> serves) {
      this.call = call;
      this.read = read;
      this.serves = serves;
    }
  }

  static Stream<Arguments> fixedWidthTypeAndServingAccessor() {
    return fixedWidthTypes()
        .flatMap(
            t ->
                Stream.of(Accessor.values())
                    .filter(a -> a.serves.contains(t))
                    .map(a -> Arguments.of(t, a)));
  }

  static Stream<Arguments> everyTypeAndAccessor() {
    return Stream.of(DataType.values())
        .flatMap(t -> Stream.of(Accessor.values()).map(a -> Arguments.of(t, a)));
  }

  // ------------------------------------------------------------------------------ zero copy

  @Nested
  class ZeroCopy {

    @Test
    void of_floatArray_keepsTheVeryArray() {
      float[] floats = {1f, 2f, 3f, 4f};

      Tensor t = Tensor.of("x", floats, 1, 4);

      assertThat(t.asFloats()).isSameAs(floats);
      assertThat(t.datatype()).isEqualTo(DataType.FP32);
      assertThat(t.shape()).containsExactly(1, 4);
      assertThat(t.isDirect()).isFalse();
      assertThat(t.isBufferBacked()).isFalse();
    }

    @Test
    void typedFactories_keepTheVeryArray() {
      double[] doubles = {1, 2};
      long[] longs = {1, 2};
      int[] ints = {1, 2};
      short[] shorts = {1, 2};
      byte[] bytes = {1, 2};
      boolean[] booleans = {true, false};

      assertThat(Tensor.of("d", doubles).asDoubles()).isSameAs(doubles);
      assertThat(Tensor.of("l", longs).asLongs()).isSameAs(longs);
      assertThat(Tensor.of("i", ints).asInts()).isSameAs(ints);
      assertThat(Tensor.of("s", shorts).asShorts()).isSameAs(shorts);
      assertThat(Tensor.of("b", bytes).asBytes()).isSameAs(bytes);
      assertThat(Tensor.of("z", booleans).asBooleans()).isSameAs(booleans);
      assertThat(Tensor.of("d", doubles).datatype()).isEqualTo(DataType.FP64);
      assertThat(Tensor.of("l", longs).datatype()).isEqualTo(DataType.INT64);
      assertThat(Tensor.of("i", ints).datatype()).isEqualTo(DataType.INT32);
      assertThat(Tensor.of("s", shorts).datatype()).isEqualTo(DataType.INT16);
      assertThat(Tensor.of("b", bytes).datatype()).isEqualTo(DataType.INT8);
      assertThat(Tensor.of("z", booleans).datatype()).isEqualTo(DataType.BOOL);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void of_datatypeAndArray_keepsTheVeryArray(DataType type) {
      Object array = sample(type);

      Tensor t = Tensor.of("x", type, array, 2, 2);

      Object held =
          switch (type) {
            case BOOL -> t.asBooleans();
            case INT8, UINT8 -> t.asBytes();
            case INT16, UINT16, FP16, BF16 -> t.asShorts();
            case INT32, UINT32 -> t.asInts();
            case INT64, UINT64 -> t.asLongs();
            case FP32 -> t.asFloats();
            case FP64 -> t.asDoubles();
            case BYTES -> t.asByteArrays();
          };
      assertThat(held).isSameAs(array);
      assertThat(t.datatype()).isEqualTo(type);
      assertThat(t.isBufferBacked()).isFalse();
    }

    @Test
    void of_strings_encodesOnceAndKeepsTheByteArrays() {
      Tensor t = Tensor.of("s", new String[] {"a", "b"});

      assertThat(t.asByteArrays()).isSameAs(t.asByteArrays());
      assertThat(t.datatype()).isEqualTo(DataType.BYTES);
    }

    @Test
    void directBuffer_isReadInPlace() {
      ByteBuffer buffer = littleEndian(DataType.FP32, new float[] {1f, 2f, 3f, 4f}, true);

      Tensor t = Tensor.of("x", DataType.FP32, buffer, 1, 4);
      ByteBuffer view = t.asByteBuffer();
      buffer.putFloat(4, 42f); // write through the original after construction

      assertThat(t.isDirect()).isTrue();
      assertThat(t.isBufferBacked()).isTrue();
      assertThat(view.isDirect()).isTrue();
      assertThat(view.isReadOnly()).isTrue();
      assertThat(view.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
      assertThat(view.remaining()).isEqualTo(16);
      assertThat(view.getFloat(4)).isEqualTo(42f);
      assertThat(t.asByteBuffer().getFloat(4)).isEqualTo(42f);
      assertThat(t.asFloats()).containsExactly(1f, 42f, 3f, 4f);
    }

    @Test
    void directBuffer_laterPositionAndLimitChanges_doNotAffectTheTensor() {
      ByteBuffer buffer = littleEndian(DataType.INT32, new int[] {7, 8, 9}, true);
      Tensor t = Tensor.of("x", DataType.INT32, buffer, 3);

      buffer.position(8);
      buffer.limit(10);

      assertThat(t.asInts()).containsExactly(7, 8, 9);
      assertThat(t.asByteBuffer().remaining()).isEqualTo(12);
      assertThat(t.asByteBuffer().position()).isZero();
    }

    @Test
    void buffer_onlyTheBytesBetweenPositionAndLimitAreTheData() {
      ByteBuffer buffer = ByteBuffer.allocateDirect(24).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 6; i++) {
        buffer.putInt(i * 4, 100 + i);
      }
      buffer.position(4).limit(16);

      Tensor t = Tensor.of("x", DataType.INT32, buffer, 3);

      assertThat(t.asInts()).containsExactly(101, 102, 103);
      assertThat(buffer.position()).as("the caller's buffer is left alone").isEqualTo(4);
      buffer.putInt(8, -5); // second element of the tensor
      assertThat(t.asInts()).containsExactly(101, -5, 103);
    }

    @Test
    void buffer_isReadLittleEndianWhateverItsOwnOrder() {
      ByteBuffer bigEndian = ByteBuffer.allocateDirect(4); // BIG_ENDIAN by default
      bigEndian.put(new byte[] {1, 0, 0, 0}).flip();

      Tensor t = Tensor.of("x", DataType.INT32, bigEndian, 1);

      assertThat(t.asInts()).containsExactly(1);
      assertThat(t.asByteBuffer().order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void heapBuffer_isBufferBackedButNotDirect() {
      Tensor t =
          Tensor.of("x", DataType.FP64, littleEndian(DataType.FP64, new double[] {1}, false), 1);

      assertThat(t.isBufferBacked()).isTrue();
      assertThat(t.isDirect()).isFalse();
      assertThat(t.asDoubles()).containsExactly(1.0);
    }

    @Test
    void withNameAndWithParameters_keepTheSameMemory() {
      float[] floats = {1f, 2f};
      Tensor t = Tensor.of("x", floats, 2);

      Tensor renamed = t.withName("y");
      Tensor annotated = t.withParameters(Map.of("binary_data", true));

      assertThat(renamed.name()).isEqualTo("y");
      assertThat(renamed.asFloats()).isSameAs(floats);
      assertThat(annotated.asFloats()).isSameAs(floats);
      assertThat(annotated.parameters()).containsExactly(Map.entry("binary_data", true));
      assertThat(annotated.name()).isEqualTo("x");
      assertThat(t.name()).isEqualTo("x");
      assertThat(t.parameters()).isEmpty();
    }

    @Test
    void withName_onDirectBuffer_staysDirect() {
      ByteBuffer buffer = littleEndian(DataType.FP32, new float[] {1f}, true);
      Tensor t = Tensor.of("x", DataType.FP32, buffer, 1).withName("y");

      buffer.putFloat(0, 5f);

      assertThat(t.isDirect()).isTrue();
      assertThat(t.asFloats()).containsExactly(5f);
    }
  }

  // --------------------------------------------------------------------------- description

  @Nested
  class Description {

    @Test
    void noShape_meansFlat() {
      Tensor t = Tensor.of("x", new float[] {1, 2, 3});

      assertThat(t.shape()).containsExactly(3);
      assertThat(t.rank()).isEqualTo(1);
      assertThat(t.elementCount()).isEqualTo(3);
    }

    @Test
    void shapeRankDimAndCount() {
      Tensor t = Tensor.of("x", new int[24], 2, 3, 4);

      assertThat(t.shape()).containsExactly(2, 3, 4);
      assertThat(t.rank()).isEqualTo(3);
      assertThat(t.dim(0)).isEqualTo(2);
      assertThat(t.dim(2)).isEqualTo(4);
      assertThat(t.elementCount()).isEqualTo(24);
      assertThat(t.name()).isEqualTo("x");
      assertThat(t.parameters()).isEmpty();
    }

    @Test
    void shape_isDefensivelyCopiedBothWays() {
      long[] shape = {2, 2};
      Tensor t = Tensor.of("x", new float[4], shape);

      shape[0] = 4;
      t.shape()[1] = 9;

      assertThat(t.shape()).containsExactly(2, 2);
    }

    @Test
    void zeroDimension_meansNoElements() {
      Tensor t = Tensor.of("x", new float[0], 0, 4);
      Tensor b = Tensor.of("y", DataType.FP32, ByteBuffer.allocateDirect(0), 3, 0);

      assertThat(t.elementCount()).isZero();
      assertThat(t.asFloats()).isEmpty();
      assertThat(b.elementCount()).isZero();
      assertThat(b.asFloats()).isEmpty();
    }

    @Test
    void parameters_areCheckedCopiedAndImmutable() {
      Map<String, Object> params = new HashMap<>();
      params.put("content_type", "str");
      Tensor t = Tensor.of("x", new float[1]).withParameters(params);

      params.put("later", 1);

      assertThat(t.parameters()).containsExactly(Map.entry("content_type", "str"));
      assertThatThrownBy(() -> t.parameters().put("k", "v"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parameters_rejectOtherValueTypes_namingTheKey() {
      Tensor t = Tensor.of("x", new float[1]);

      assertThatThrownBy(() -> t.withParameters(Map.of("shape", List.of(1, 2))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "parameter 'shape' = [1, 2]: parameter values must be a string, a boolean or a"
                  + " number");
    }

    @Test
    void toString_namesTensorTypeAndShape() {
      assertThat(Tensor.of("x", new float[4], 1, 4)).hasToString("Tensor{x FP32[1, 4]}");
    }
  }

  // ---------------------------------------------------------------- nested-array factories

  @Nested
  class NestedArrays {

    @Test
    void floats_copyOnceRowMajor() {
      float[][] rows = {{1f, 2f, 3f}, {4f, 5f, 6f}};

      Tensor t = Tensor.of("x", rows);
      rows[0][0] = 99f;

      assertThat(t.datatype()).isEqualTo(DataType.FP32);
      assertThat(t.shape()).containsExactly(2, 3);
      assertThat(t.asFloats()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
    }

    @Test
    void doubles_copyOnceRowMajor() {
      Tensor t = Tensor.of("x", new double[][] {{1, 2}, {3, 4}, {5, 6}});

      assertThat(t.datatype()).isEqualTo(DataType.FP64);
      assertThat(t.shape()).containsExactly(3, 2);
      assertThat(t.asDoubles()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void longs_copyOnceRowMajor() {
      Tensor t = Tensor.of("x", new long[][] {{1, 2, 3}});

      assertThat(t.datatype()).isEqualTo(DataType.INT64);
      assertThat(t.shape()).containsExactly(1, 3);
      assertThat(t.asLongs()).containsExactly(1, 2, 3);
    }

    @Test
    void ints_copyOnceRowMajor() {
      Tensor t = Tensor.of("x", new int[][] {{1}, {2}});

      assertThat(t.datatype()).isEqualTo(DataType.INT32);
      assertThat(t.shape()).containsExactly(2, 1);
      assertThat(t.asInts()).containsExactly(1, 2);
    }

    @Test
    void booleans_copyOnceRowMajor() {
      Tensor t = Tensor.of("x", new boolean[][] {{true, false}, {false, true}});

      assertThat(t.datatype()).isEqualTo(DataType.BOOL);
      assertThat(t.shape()).containsExactly(2, 2);
      assertThat(t.asBooleans()).containsExactly(true, false, false, true);
    }

    @Test
    void strings_encodeUtf8RowMajor() {
      Tensor t = Tensor.of("x", new String[][] {{"a", "ü"}, {"日本", ""}});

      assertThat(t.datatype()).isEqualTo(DataType.BYTES);
      assertThat(t.shape()).containsExactly(2, 2);
      assertThat(t.asStrings()).containsExactly("a", "ü", "日本", "");
    }

    @Test
    void noRows_isShapeZeroByZero() {
      Tensor t = Tensor.of("x", new float[0][]);

      assertThat(t.shape()).containsExactly(0, 0);
      assertThat(t.elementCount()).isZero();
    }

    @Test
    void raggedRows_areRejected_namingTensorAndRow() {
      String longer =
          "tensor 'x': row 1 has 3 values but row 0 has 2 (nested arrays must be rectangular)";
      String shorter =
          "tensor 'x': row 2 has 1 values but row 0 has 2 (nested arrays must be rectangular)";

      assertThatThrownBy(() -> Tensor.of("x", new float[][] {{1, 2}, {3, 4, 5}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(longer);
      assertThatThrownBy(() -> Tensor.of("x", new double[][] {{1, 2}, {3, 4}, {5}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(shorter);
      assertThatThrownBy(() -> Tensor.of("x", new long[][] {{1, 2}, {3, 4, 5}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(longer);
      assertThatThrownBy(() -> Tensor.of("x", new int[][] {{1, 2}, {3, 4}, {5}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(shorter);
      assertThatThrownBy(() -> Tensor.of("x", new boolean[][] {{true, true}, {true, true, true}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(longer);
      assertThatThrownBy(() -> Tensor.of("x", new String[][] {{"a", "b"}, {"c", "d"}, {"e"}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(shorter);
    }
  }

  // ------------------------------------------------------------------ build-time checks

  @Nested
  class BuildChecks {

    @Test
    void shapeNotMatchingLength_isRejected() {
      assertThatThrownBy(() -> Tensor.of("x", new float[4], 1, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tensor 'x': shape [1, 3] has 3 elements but the data has 4 elements");
      assertThatThrownBy(() -> Tensor.of("s", new String[] {"a"}, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tensor 's': shape [2] has 2 elements but the data has 1 elements");
    }

    @Test
    void negativeDimension_isRejected() {
      assertThatThrownBy(() -> Tensor.of("x", new float[4], -1, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'x': shape [-1, 4] has a negative dimension (every dimension must be >= 0)");
      assertThatThrownBy(() -> Tensor.of("b", DataType.FP32, ByteBuffer.allocateDirect(16), 4, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'b': shape [4, -1] has a negative dimension (every dimension must be >= 0)");
    }

    @Test
    void overflowingShape_isRejected() {
      assertThatThrownBy(() -> Tensor.of("x", new float[4], Long.MAX_VALUE, Long.MAX_VALUE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'x': shape [9223372036854775807, 9223372036854775807] overflows a long")
          .hasCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void moreElementsThanAJavaArrayHolds_isRejected() {
      assertThatThrownBy(() -> Tensor.of("x", new float[0], Long.MAX_VALUE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'x': shape [9223372036854775807] has 9223372036854775807 elements, more"
                  + " than one Java array holds (at most 2^31 - 9)");
      assertThatThrownBy(() -> Tensor.of("x", new float[0], 65536, 32768))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'x': shape [65536, 32768] has 2147483648 elements, more than one Java"
                  + " array holds (at most 2^31 - 9)");
    }

    @Test
    void elementLimit_isExactly2pow31minus9() {
      long limit = Integer.MAX_VALUE - 8;

      assertThatThrownBy(() -> Tensor.of("x", new float[0], limit + 1))
          .hasMessage(
              "tensor 'x': shape [2147483640] has 2147483640 elements, more than one Java array"
                  + " holds (at most 2^31 - 9)");
      // At the limit the count is allowed; only the (empty) data does not match.
      assertThatThrownBy(() -> Tensor.of("x", new float[0], limit))
          .hasMessage(
              "tensor 'x': shape [2147483639] has 2147483639 elements but the data has 0 elements");
    }

    @Test
    void bufferByteCountMismatch_isRejected() {
      assertThatThrownBy(() -> Tensor.of("x", DataType.FP32, ByteBuffer.allocateDirect(12), 1, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'x': shape [1, 4] of FP32 needs 16 bytes (4 elements) but the buffer holds"
                  + " 12");
      assertThatThrownBy(() -> Tensor.of("y", DataType.INT64, ByteBuffer.allocate(17), 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'y': shape [2] of INT64 needs 16 bytes (2 elements) but the buffer holds"
                  + " 17");
    }

    @Test
    void bufferByteCount_countsOnlyTheRemainingBytes() {
      ByteBuffer buffer = ByteBuffer.allocateDirect(16);
      buffer.position(8);

      assertThatThrownBy(() -> Tensor.of("x", DataType.FP32, buffer, 4))
          .hasMessage(
              "tensor 'x': shape [4] of FP32 needs 16 bytes (4 elements) but the buffer holds 8");
      assertThatCode(() -> Tensor.of("x", DataType.FP32, buffer, 2)).doesNotThrowAnyException();
    }

    @Test
    void bytesOverARawBuffer_isRejected() {
      assertThatThrownBy(() -> Tensor.of("t", DataType.BYTES, ByteBuffer.allocate(8), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 't': BYTES tensors cannot be built over a raw buffer (use Tensor.of(name,"
                  + " String[] or byte[][] ...))");
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void wrongArrayTypeForDatatype_isRejected(DataType type) {
      String expected = sample(type).getClass().getSimpleName();
      Object wrong = type == DataType.FP32 ? new double[4] : new float[4];
      String wrongName = wrong.getClass().getSimpleName();

      assertThatThrownBy(() -> Tensor.of("x", type, wrong, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tensor 'x': " + type + " data must be a " + expected + ", not a " + wrongName);
    }

    @Test
    void wrongArrayType_namesBothTypes() {
      assertThatThrownBy(() -> Tensor.of("x", DataType.FP16, new float[] {1f}))
          .hasMessage("tensor 'x': FP16 data must be a short[], not a float[]");
      assertThatThrownBy(() -> Tensor.of("x", DataType.BYTES, new String[] {"a"}))
          .hasMessage("tensor 'x': BYTES data must be a byte[][], not a String[]");
      assertThatThrownBy(() -> Tensor.of("x", DataType.UINT64, new int[] {1}))
          .hasMessage("tensor 'x': UINT64 data must be a long[], not a int[]");
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void datatypeAndArray_checksShapeToo(DataType type) {
      assertThatThrownBy(() -> Tensor.of("x", type, sample(type), 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tensor 'x': shape [5] has 5 elements but the data has 4 elements");
    }
  }

  // ------------------------------------------------------------------------- accessors

  @Nested
  class Accessors {

    @ParameterizedTest
    @MethodSource("io.kserve4j.protocol.TensorTest#everyTypeAndAccessor")
    void everyAccessorOnEveryType_readsOrNamesTensorTypeAndAccessor(
        DataType type, Accessor accessor) {
      List<Tensor> tensors =
          type.isFixedWidth()
              ? List.of(arrayBacked(type), bufferBacked(type))
              : List.of(arrayBacked(type));
      for (Tensor t : tensors) {
        if (accessor.serves.contains(type)) {
          Object read = accessor.read.apply(t);
          int elements =
              read instanceof java.nio.ByteBuffer b
                  ? b.remaining() / type.byteSize()
                  : java.lang.reflect.Array.getLength(read);
          assertThat(elements).as("%s on %s reads every element", accessor, type).isEqualTo(4);
        } else {
          assertThatThrownBy(() -> accessor.read.apply(t))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageStartingWith("tensor 'x' is " + type + ": " + accessor.call + " reads ")
              .hasMessageEndingWith("(use the accessor for " + type + ")");
        }
      }
    }

    @ParameterizedTest
    @MethodSource("io.kserve4j.protocol.TensorTest#fixedWidthTypeAndServingAccessor")
    void bufferBacked_readsTheSameAsArrayBacked(DataType type, Accessor accessor) {
      Object fromArray = accessor.read.apply(arrayBacked(type));
      Object fromBuffer = accessor.read.apply(bufferBacked(type));

      if (accessor == Accessor.AS_BYTE_BUFFER) {
        assertThat((ByteBuffer) fromBuffer).isEqualTo((ByteBuffer) fromArray);
      } else {
        assertThat(fromBuffer).isEqualTo(fromArray);
      }
    }

    @Test
    void wrongAccessor_messageIsSpecific() {
      Tensor t = Tensor.of("pixels", new float[] {1f});

      assertThatThrownBy(t::asLongs)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "tensor 'pixels' is FP32: asLongs() reads an integer type (use the accessor for"
                  + " FP32)");
      assertThatThrownBy(t::asStrings)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "tensor 'pixels' is FP32: asStrings() reads BYTES (use the accessor for FP32)");
      assertThatThrownBy(Tensor.of("s", new String[] {"a"})::asByteBuffer)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "tensor 's' is BYTES: asByteBuffer() reads a fixed-width type (use the accessor for"
                  + " BYTES)");
    }

    @Test
    void bool_readsAsBooleans_andOneByteEach() {
      Tensor t = arrayBacked(DataType.BOOL);

      assertThat(t.asBooleans()).containsExactly(true, false, true, true);
      assertThat(bytesOf(t.asByteBuffer())).containsExactly(1, 0, 1, 1);
      assertThat(bufferBacked(DataType.BOOL).asBooleans()).containsExactly(true, false, true, true);
    }

    @Test
    void bool_overBuffer_anyNonZeroByteIsTrue() {
      ByteBuffer b = ByteBuffer.allocateDirect(3).put(new byte[] {0, 2, (byte) 0xFF}).flip();

      assertThat(Tensor.of("x", DataType.BOOL, b, 3).asBooleans())
          .containsExactly(false, true, true);
    }

    @Test
    void int8_widensSigned() {
      for (Tensor t : List.of(arrayBacked(DataType.INT8), bufferBacked(DataType.INT8))) {
        assertThat(t.asBytes()).containsExactly(-128, -1, 0, 127);
        assertThat(t.asInts()).containsExactly(-128, -1, 0, 127);
        assertThat(t.asLongs()).containsExactly(-128, -1, 0, 127);
        assertThat(t.asDoubles()).containsExactly(-128, -1, 0, 127);
      }
    }

    @Test
    void uint8_widensUnsigned() {
      for (Tensor t : List.of(arrayBacked(DataType.UINT8), bufferBacked(DataType.UINT8))) {
        assertThat(t.asBytes()).containsExactly(0, 1, -128, -1); // raw Java bytes
        assertThat(t.asInts()).containsExactly(0, 1, 128, 255);
        assertThat(t.asLongs()).containsExactly(0, 1, 128, 255);
        assertThat(t.asDoubles()).containsExactly(0, 1, 128, 255);
      }
    }

    @Test
    void int16_widensSigned() {
      for (Tensor t : List.of(arrayBacked(DataType.INT16), bufferBacked(DataType.INT16))) {
        assertThat(t.asShorts())
            .containsExactly(Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE);
        assertThat(t.asInts()).containsExactly(-32768, -1, 0, 32767);
        assertThat(t.asLongs()).containsExactly(-32768, -1, 0, 32767);
        assertThat(t.asDoubles()).containsExactly(-32768, -1, 0, 32767);
      }
    }

    @Test
    void uint16_widensUnsigned() {
      for (Tensor t : List.of(arrayBacked(DataType.UINT16), bufferBacked(DataType.UINT16))) {
        assertThat(t.asShorts()).containsExactly((short) 0, (short) 1, Short.MIN_VALUE, (short) -1);
        assertThat(t.asInts()).containsExactly(0, 1, 32768, 65535);
        assertThat(t.asLongs()).containsExactly(0, 1, 32768, 65535);
        assertThat(t.asDoubles()).containsExactly(0, 1, 32768, 65535);
      }
    }

    @Test
    void int32_widensSigned() {
      for (Tensor t : List.of(arrayBacked(DataType.INT32), bufferBacked(DataType.INT32))) {
        assertThat(t.asInts()).containsExactly(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
        assertThat(t.asLongs()).containsExactly(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
        assertThat(t.asDoubles()).containsExactly(Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
      }
    }

    @Test
    void uint32_widensUnsigned() {
      for (Tensor t : List.of(arrayBacked(DataType.UINT32), bufferBacked(DataType.UINT32))) {
        assertThat(t.asInts()).containsExactly(0, 1, Integer.MIN_VALUE, -1); // raw bits
        assertThat(t.asLongs()).containsExactly(0L, 1L, 2147483648L, 4294967295L);
        assertThat(t.asDoubles()).containsExactly(0, 1, 2147483648.0, 4294967295.0);
      }
    }

    @Test
    void int64_reads() {
      for (Tensor t : List.of(arrayBacked(DataType.INT64), bufferBacked(DataType.INT64))) {
        assertThat(t.asLongs()).containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE);
        assertThat(t.asDoubles()).containsExactly(-0x1p63, -1, 0, 0x1p63);
      }
    }

    @Test
    void uint64_readsRawBits_andDoublesUnsigned() {
      for (Tensor t : List.of(arrayBacked(DataType.UINT64), bufferBacked(DataType.UINT64))) {
        assertThat(t.asLongs()).containsExactly(0, 1, Long.MIN_VALUE, -1);
        assertThat(t.asDoubles()).containsExactly(0, 1, 0x1p63, 0x1p64);
      }
    }

    @Test
    void uint64_asDoubles_roundsOnceToNearest() {
      // 2^63 + 2^10 + 1 is just above the midpoint of 2^63 and 2^63 + 2^11: it must round up.
      // Halving first and rounding twice would land on 2^63.
      long justAboveTie = Long.MIN_VALUE + (1L << 10) + 1;
      long[] values = {
        justAboveTie,
        Long.MIN_VALUE + (1L << 10), // exact tie: to even, 2^63
        Long.MIN_VALUE + (3L << 10), // exact tie: to even, 2^63 + 2^12
        Long.MIN_VALUE + 1,
        -1L,
        -2L,
        -2049L,
        -(1L << 11) - 1,
      };
      double[] read = Tensor.of("x", DataType.UINT64, values).asDoubles();

      assertThat(read[0]).isEqualTo(0x1p63 + 0x1p11);
      for (int i = 0; i < values.length; i++) {
        assertThat(read[i])
            .as(Long.toUnsignedString(values[i]))
            .isEqualTo(unsignedToDouble(values[i]));
      }
    }

    @Test
    void uint64_asDoubles_matchesBigDecimalForRandomValues() {
      Random random = new Random(42);
      long[] values = new long[10_000];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextLong() | (random.nextBoolean() ? Long.MIN_VALUE : 0);
      }
      double[] read = Tensor.of("x", DataType.UINT64, values).asDoubles();

      for (int i = 0; i < values.length; i++) {
        assertThat(read[i])
            .as(Long.toUnsignedString(values[i]))
            .isEqualTo(unsignedToDouble(values[i]));
      }
    }

    @Test
    void fp16_readsAsFloats_andRawShorts() {
      for (Tensor t : List.of(arrayBacked(DataType.FP16), bufferBacked(DataType.FP16))) {
        assertThat(t.asFloats()).containsExactly(1f, -2f, 65504f, 0x1p-24f);
        assertThat(t.asDoubles()).containsExactly(1, -2, 65504, 0x1p-24);
        assertThat(t.asShorts())
            .containsExactly((short) 0x3C00, (short) 0xC000, (short) 0x7BFF, (short) 0x0001);
      }
    }

    @Test
    void bf16_readsAsFloats_andRawShorts() {
      for (Tensor t : List.of(arrayBacked(DataType.BF16), bufferBacked(DataType.BF16))) {
        assertThat(t.asFloats()).containsExactly(1f, -2f, 3.140625f, Float.NEGATIVE_INFINITY);
        assertThat(t.asDoubles()).containsExactly(1, -2, 3.140625, Double.NEGATIVE_INFINITY);
        assertThat(t.asShorts())
            .containsExactly((short) 0x3F80, (short) 0xC000, (short) 0x4049, (short) 0xFF80);
      }
    }

    @Test
    void fp32_reads_andWidensToDouble() {
      for (Tensor t : List.of(arrayBacked(DataType.FP32), bufferBacked(DataType.FP32))) {
        assertThat(t.asFloats()).containsExactly(1.5f, -2.25f, Float.MAX_VALUE, Float.MIN_VALUE);
        assertThat(t.asDoubles())
            .containsExactly(1.5, -2.25, (double) Float.MAX_VALUE, (double) Float.MIN_VALUE);
      }
    }

    @Test
    void fp64_reads() {
      for (Tensor t : List.of(arrayBacked(DataType.FP64), bufferBacked(DataType.FP64))) {
        assertThat(t.asDoubles()).containsExactly(1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE);
      }
    }

    @Test
    void bufferBackedAccessors_copy() {
      Tensor t = bufferBacked(DataType.FP32);

      assertThat(t.asFloats()).isNotSameAs(t.asFloats());
      t.asFloats()[0] = 100f;
      assertThat(t.asFloats()[0]).isEqualTo(1.5f);
    }

    @Test
    void strings_decodeUtf8() {
      String[] text = {"hello", "héllo wörld", "日本語", "😀", "", "नमस्ते"};

      Tensor t = Tensor.of("text", text);

      assertThat(t.asStrings()).containsExactly(text);
      assertThat(t.asByteArrays()[1]).isEqualTo("héllo wörld".getBytes(StandardCharsets.UTF_8));
      assertThat(t.asByteArrays()[1]).hasSize(13);
      assertThat(t.asByteArrays()[3]).containsExactly(0xF0, 0x9F, 0x98, 0x80);
      assertThat(t.shape()).containsExactly(6);
    }

    @Test
    void byteArrays_areRawElements() {
      byte[][] raw = (byte[][]) sample(DataType.BYTES);
      Tensor t = Tensor.of("x", DataType.BYTES, raw, 4);

      assertThat(t.asByteArrays()).isSameAs(raw);
      assertThat(t.asByteArrays()[3]).containsExactly(0, 0xFF);
      assertThat(t.asStrings()[2]).isEqualTo("héllo");
      assertThat(t.asStrings()[1]).isEmpty();
    }
  }

  // --------------------------------------------------------------------------- raw bytes

  @Nested
  class RawBytes {

    @Test
    void arrayBacked_asByteBuffer_isLittleEndianRowMajor() {
      ByteBuffer b = Tensor.of("x", new float[] {1f, -2f}, 2).asByteBuffer();

      assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
      assertThat(b.position()).isZero();
      assertThat(bytesOf(b)).containsExactly(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0);
    }

    @Test
    void eachType_asByteBuffer_layout() {
      assertThat(bytesOf(Tensor.of("x", new int[] {1, -2}).asByteBuffer()))
          .containsExactly(1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF);
      assertThat(bytesOf(Tensor.of("x", new long[] {0x0102030405060708L}).asByteBuffer()))
          .containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
      assertThat(bytesOf(Tensor.of("x", new short[] {0x0102}).asByteBuffer()))
          .containsExactly(2, 1);
      assertThat(bytesOf(Tensor.of("x", new byte[] {5, -1}).asByteBuffer()))
          .containsExactly(5, 0xFF);
      assertThat(bytesOf(Tensor.of("x", new double[] {1.0}).asByteBuffer()))
          .containsExactly(0, 0, 0, 0, 0, 0, 0xF0, 0x3F);
      assertThat(bytesOf(Tensor.of("x", DataType.FP16, new short[] {0x3C00}).asByteBuffer()))
          .containsExactly(0x00, 0x3C);
    }

    @ParameterizedTest
    @MethodSource("io.kserve4j.protocol.TensorTest#fixedWidthTypes")
    void asByteBuffer_equalsTheJdkLittleEndianEncoding(DataType type) {
      ByteBuffer expected = littleEndian(type, sample(type), false);

      ByteBuffer fromArray = arrayBacked(type).asByteBuffer();
      ByteBuffer fromBuffer = bufferBacked(type).asByteBuffer();

      assertThat(fromArray.remaining()).isEqualTo(4 * type.byteSize());
      assertThat(fromArray).isEqualTo(expected);
      assertThat(fromBuffer).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("io.kserve4j.protocol.TensorTest#fixedWidthTypes")
    void rawBytes_roundTripThroughABufferTensor(DataType type) {
      Tensor original = arrayBacked(type);
      ByteBuffer direct = ByteBuffer.allocateDirect(4 * type.byteSize());
      direct.put(original.asByteBuffer()).flip();

      Tensor copy = Tensor.of("x", type, direct, 2, 2);

      assertThat(copy.asByteBuffer()).isEqualTo(original.asByteBuffer());
      assertThat(copy.shape()).containsExactly(2, 2);
      assertThat(copy.datatype()).isEqualTo(type);
    }
  }

  // ------------------------------------------------------------------------------ helpers

  static int[] bytesOf(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    int[] out = new int[b.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get() & 0xFF;
    }
    return out;
  }

  static double unsignedToDouble(long bits) {
    return new BigDecimal(Long.toUnsignedString(bits)).doubleValue();
  }
}
