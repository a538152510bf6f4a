package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.kserve4j.protocol.DataType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Builds UINT16, UINT32 and UINT64 input tensors, which ONNX Runtime's Java API (1.28) reads but
 * has no factory for: {@code OnnxJavaType} has no unsigned 16-, 32- or 64-bit constant.
 *
 * <p>It calls the same native function {@code OnnxTensor.createTensor(env, ByteBuffer, shape,
 * type)} ends in, with the unsigned ONNX element type, through private method handles: the ONNX
 * Runtime jar is an automatic module (all packages open) or sits on the class path. The tensor is a
 * plain {@link OnnxTensor} over the caller's direct buffer, closed as usual. Where the handles
 * cannot be had (a future ONNX Runtime, a security manager), {@link #unavailableReason()} says why
 * and callers answer with a clear error.
 */
final class UnsignedTensors {
  private static final @Nullable Handles HANDLES;
  private static final String UNAVAILABLE_REASON;

  static {
    Handles handles = null;
    String reason = "";
    try {
      handles = new Handles();
    } catch (ReflectiveOperationException | RuntimeException e) {
      reason = e.toString();
    }
    HANDLES = handles;
    UNAVAILABLE_REASON = reason;
  }

  private UnsignedTensors() {}

  /** Why unsigned tensors cannot be built here, or {@code ""} when they can. */
  static String unavailableReason() {
    return UNAVAILABLE_REASON;
  }

  /**
   * A tensor of {@code type} (UINT16, UINT32 or UINT64) over {@code direct}, whose remaining bytes
   * hold the elements in native byte order.
   *
   * @throws OrtException if ONNX Runtime rejects the tensor
   * @throws IllegalStateException if the workaround is unavailable
   */
  static OnnxTensor create(OrtEnvironment env, ByteBuffer direct, long[] shape, DataType type)
      throws OrtException {
    Handles h = HANDLES;
    if (h == null) {
      throw new IllegalStateException(
          "ONNX Runtime's Java API cannot build " + type + " tensors: " + UNAVAILABLE_REASON);
    }
    OnnxTensorType onnxType;
    OnnxJavaType javaType;
    switch (type) {
      case UINT16 -> {
        onnxType = OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16;
        javaType = OnnxJavaType.INT16;
      }
      case UINT32 -> {
        onnxType = OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32;
        javaType = OnnxJavaType.INT32;
      }
      case UINT64 -> {
        onnxType = OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64;
        javaType = OnnxJavaType.INT64;
      }
      default -> throw new IllegalArgumentException(type + " is not UINT16, UINT32 or UINT64");
    }
    try {
      long api = (long) h.apiHandle.invokeExact();
      long allocator = (long) h.allocatorHandle.invokeExact(env);
      long handle =
          (long)
              h.createTensorFromBuffer.invokeExact(
                  api,
                  allocator,
                  (Buffer) direct,
                  direct.position(),
                  (long) direct.remaining(),
                  shape,
                  onnxType.value);
      TensorInfo info = (TensorInfo) h.newTensorInfo.invokeExact(shape.clone(), javaType, onnxType);
      return (OnnxTensor) h.newTensor.invokeExact(handle, allocator, info, (Buffer) direct, false);
    } catch (OrtException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not build a " + type + " tensor: " + e, e);
    }
  }

  /** The private parts of ONNX Runtime's Java API this class needs. */
  private static final class Handles {
    final MethodHandle apiHandle;
    final MethodHandle allocatorHandle;
    final MethodHandle createTensorFromBuffer;
    final MethodHandle newTensorInfo;
    final MethodHandle newTensor;

    Handles() throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      Class<?> runtime = Class.forName("ai.onnxruntime.OnnxRuntime");
      Class<?> allocator = Class.forName("ai.onnxruntime.OrtAllocator");
      MethodHandles.Lookup inOrt = MethodHandles.privateLookupIn(OnnxTensor.class, lookup);
      apiHandle = inOrt.findStaticGetter(runtime, "ortApiHandle", long.class);
      allocatorHandle =
          MethodHandles.filterReturnValue(
                  inOrt.findGetter(OrtEnvironment.class, "defaultAllocator", allocator),
                  inOrt.findGetter(allocator, "handle", long.class))
              .asType(MethodType.methodType(long.class, OrtEnvironment.class));
      createTensorFromBuffer =
          inOrt.findStatic(
              OnnxTensor.class,
              "createTensorFromBuffer",
              MethodType.methodType(
                  long.class,
                  long.class,
                  long.class,
                  Buffer.class,
                  int.class,
                  long.class,
                  long[].class,
                  int.class));
      newTensorInfo =
          inOrt.findConstructor(
              TensorInfo.class,
              MethodType.methodType(
                  void.class, long[].class, OnnxJavaType.class, OnnxTensorType.class));
      newTensor =
          inOrt.findConstructor(
              OnnxTensor.class,
              MethodType.methodType(
                  void.class,
                  long.class,
                  long.class,
                  TensorInfo.class,
                  Buffer.class,
                  boolean.class));
    }
  }
}
