package io.kserve4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeTest {

  @ParameterizedTest
  @CsvSource({
    "BOOL, 1",
    "UINT8, 1",
    "UINT16, 2",
    "UINT32, 4",
    "UINT64, 8",
    "INT8, 1",
    "INT16, 2",
    "INT32, 4",
    "INT64, 8",
    "FP16, 2",
    "FP32, 4",
    "FP64, 8",
    "BF16, 2",
  })
  void fixedWidthTypes_haveProtocolNameAndByteWidth(String protocolName, int bytes) {
    DataType type = DataType.of(protocolName);

    assertThat(type.protocolName()).isEqualTo(protocolName);
    assertThat(type.byteSize()).isEqualTo(bytes);
    assertThat(type.isFixedWidth()).isTrue();
  }

  @Test
  void bytes_hasNoFixedWidth() {
    assertThat(DataType.BYTES.protocolName()).isEqualTo("BYTES");
    assertThat(DataType.BYTES.byteSize()).isEqualTo(-1);
    assertThat(DataType.BYTES.isFixedWidth()).isFalse();
  }

  @Test
  void values_areExactlyTheProtocolTypes() {
    assertThat(Arrays.stream(DataType.values()).map(DataType::protocolName))
        .containsExactlyInAnyOrder(
            "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64",
            "FP16", "FP32", "FP64", "BF16", "BYTES");
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void of_protocolName_roundTrips(DataType type) {
    assertThat(DataType.of(type.protocolName())).isSameAs(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fp32", "Fp32", "fP32", "FP32"})
  void of_ignoresCase(String name) {
    assertThat(DataType.of(name)).isSameAs(DataType.FP32);
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void of_lowerCase_findsEveryType(DataType type) {
    assertThat(DataType.of(type.protocolName().toLowerCase(Locale.ROOT))).isSameAs(type);
  }

  @Test
  void of_lowerCaseWithDottedI_worksUnderTurkishDefaultLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat(DataType.of("int8")).isSameAs(DataType.INT8);
      assertThat(DataType.of("uint64")).isSameAs(DataType.UINT64);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void of_unknownName_isInvalidInputListingEveryName() {
    assertThatThrownBy(() -> DataType.of("FLOAT32"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "unknown datatype 'FLOAT32' (use one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8,"
                + " INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES)")
        .satisfies(
            e -> {
              InvalidInputException ex = (InvalidInputException) e;
              assertThat(ex.status()).isEqualTo(InferenceStatus.INVALID_INPUT);
              assertThat(ex.httpStatus()).isEqualTo(400);
              assertThat(ex.modelName()).isNull();
              for (DataType type : DataType.values()) {
                assertThat(ex.getMessage()).contains(type.protocolName());
              }
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " FP32", "FP32 ", "STRING", "FLOAT", "INT128", "BF32"})
  void of_nearMisses_areRejected(String name) {
    assertThatThrownBy(() -> DataType.of(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("unknown datatype '" + name + "' (use one of BOOL,");
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void classification_matchesTheProtocol(DataType type) {
    Set<DataType> unsigned =
        EnumSet.of(DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.UINT64);
    Set<DataType> signed =
        EnumSet.of(DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64);
    Set<DataType> floating = EnumSet.of(DataType.FP16, DataType.FP32, DataType.FP64, DataType.BF16);

    assertThat(type.isUnsigned()).as("isUnsigned").isEqualTo(unsigned.contains(type));
    assertThat(type.isInteger())
        .as("isInteger")
        .isEqualTo(unsigned.contains(type) || signed.contains(type));
    assertThat(type.isFloatingPoint()).as("isFloatingPoint").isEqualTo(floating.contains(type));
  }

  @Test
  void boolAndBytes_areNeitherIntegerNorFloatingPoint() {
    for (DataType type : new DataType[] {DataType.BOOL, DataType.BYTES}) {
      assertThat(type.isInteger()).isFalse();
      assertThat(type.isUnsigned()).isFalse();
      assertThat(type.isFloatingPoint()).isFalse();
    }
  }
}
