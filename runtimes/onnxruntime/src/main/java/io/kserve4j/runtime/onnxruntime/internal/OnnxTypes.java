package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.kserve4j.protocol.DataType;
import org.jspecify.annotations.Nullable;

/** The mapping between ONNX element types and Open Inference Protocol datatypes. */
final class OnnxTypes {
  private OnnxTypes() {}

  /** The protocol datatype of an ONNX element type, or {@code null} when the protocol has none. */
  static @Nullable DataType dataType(OnnxTensorType type) {
    return switch (type) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FP32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FP64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FP16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BF16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DataType.INT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> DataType.UINT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> DataType.UINT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> DataType.UINT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DataType.BYTES;
      default -> null;
    };
  }

  /**
   * The protocol datatype of a Java-side ONNX Runtime type (the element type of sequences and map
   * values, where ONNX Runtime reports no signedness), or {@code null} when the protocol has none.
   */
  static @Nullable DataType dataType(OnnxJavaType type) {
    return switch (type) {
      case FLOAT -> DataType.FP32;
      case DOUBLE -> DataType.FP64;
      case FLOAT16 -> DataType.FP16;
      case BFLOAT16 -> DataType.BF16;
      case INT8 -> DataType.INT8;
      case UINT8 -> DataType.UINT8;
      case INT16 -> DataType.INT16;
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case BOOL -> DataType.BOOL;
      case STRING -> DataType.BYTES;
      default -> null;
    };
  }

  /**
   * The ONNX Runtime Java type to build a tensor of this datatype over a byte buffer, or {@code
   * null} for the types ONNX Runtime's Java API has no factory for (UINT16, UINT32, UINT64; see
   * {@link UnsignedTensors}) and for BYTES, which is built from strings.
   */
  static @Nullable OnnxJavaType bufferType(DataType type) {
    return switch (type) {
      case FP32 -> OnnxJavaType.FLOAT;
      case FP64 -> OnnxJavaType.DOUBLE;
      case FP16 -> OnnxJavaType.FLOAT16;
      case BF16 -> OnnxJavaType.BFLOAT16;
      case INT8 -> OnnxJavaType.INT8;
      case UINT8 -> OnnxJavaType.UINT8;
      case INT16 -> OnnxJavaType.INT16;
      case INT32 -> OnnxJavaType.INT32;
      case INT64 -> OnnxJavaType.INT64;
      case BOOL -> OnnxJavaType.BOOL;
      default -> null;
    };
  }

  /** The ONNX type name as ONNX writes it, e.g. {@code tensor(float)}, for messages. */
  static String onnxName(OnnxTensorType type) {
    String name = type.name();
    String prefix = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";
    String element = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return "tensor(" + element.toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
