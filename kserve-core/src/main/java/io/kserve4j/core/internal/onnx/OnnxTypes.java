package io.kserve4j.core.internal.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.kserve4j.protocol.DataType;
import org.jspecify.annotations.Nullable;

/** The mapping between ONNX element types and Open Inference Protocol datatypes. */
final class OnnxTypes {
  private OnnxTypes() {}

  /** The protocol datatype of an ONNX element type, or {@code null} when the protocol has none. */
  static @Nullable DataType dataType(OnnxTensorType type) {
    switch (type) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT:
        return DataType.FP32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE:
        return DataType.FP64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16:
        return DataType.FP16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16:
        return DataType.BF16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8:
        return DataType.INT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8:
        return DataType.UINT8;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16:
        return DataType.INT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16:
        return DataType.UINT16;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32:
        return DataType.INT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32:
        return DataType.UINT32;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64:
        return DataType.INT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64:
        return DataType.UINT64;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL:
        return DataType.BOOL;
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING:
        return DataType.BYTES;
      default:
        return null;
    }
  }

  /**
   * The protocol datatype of a Java-side ONNX Runtime type (the element type of sequences and map
   * values, where ONNX Runtime reports no signedness), or {@code null} when the protocol has none.
   */
  static @Nullable DataType dataType(OnnxJavaType type) {
    switch (type) {
      case FLOAT:
        return DataType.FP32;
      case DOUBLE:
        return DataType.FP64;
      case FLOAT16:
        return DataType.FP16;
      case BFLOAT16:
        return DataType.BF16;
      case INT8:
        return DataType.INT8;
      case UINT8:
        return DataType.UINT8;
      case INT16:
        return DataType.INT16;
      case INT32:
        return DataType.INT32;
      case INT64:
        return DataType.INT64;
      case BOOL:
        return DataType.BOOL;
      case STRING:
        return DataType.BYTES;
      default:
        return null;
    }
  }

  /**
   * The ONNX Runtime Java type to build a tensor of this datatype over a byte buffer, or {@code
   * null} for the types ONNX Runtime's Java API has no factory for (UINT16, UINT32, UINT64; see
   * {@link UnsignedTensors}) and for BYTES, which is built from strings.
   */
  static @Nullable OnnxJavaType bufferType(DataType type) {
    switch (type) {
      case FP32:
        return OnnxJavaType.FLOAT;
      case FP64:
        return OnnxJavaType.DOUBLE;
      case FP16:
        return OnnxJavaType.FLOAT16;
      case BF16:
        return OnnxJavaType.BFLOAT16;
      case INT8:
        return OnnxJavaType.INT8;
      case UINT8:
        return OnnxJavaType.UINT8;
      case INT16:
        return OnnxJavaType.INT16;
      case INT32:
        return OnnxJavaType.INT32;
      case INT64:
        return OnnxJavaType.INT64;
      case BOOL:
        return OnnxJavaType.BOOL;
      default:
        return null;
    }
  }

  /** The ONNX type name as ONNX writes it, e.g. {@code tensor(float)}, for messages. */
  static String onnxName(OnnxTensorType type) {
    String name = type.name();
    String prefix = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";
    String element = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return "tensor(" + element.toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
