package io.kserve4j.protocol;

import java.util.List;

/**
 * The name, datatype and shape of one model input or output, as v2 model metadata reports it;
 * {@code -1} marks a dimension of any size.
 *
 * @param name the tensor's name
 * @param datatype its datatype
 * @param shape its shape, {@code -1} for dynamic dimensions
 */
public record TensorMetadata(String name, DataType datatype, List<Long> shape) {
  /** Copies the shape. */
  public TensorMetadata {
    shape = List.copyOf(shape);
  }

  /** Metadata with the shape given as an array. */
  public static TensorMetadata of(String name, DataType datatype, long... shape) {
    Long[] boxed = new Long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      boxed[i] = shape[i];
    }
    return new TensorMetadata(name, datatype, List.of(boxed));
  }

  /** Whether a tensor of {@code actual} shape fits this one (same rank, -1 matches anything). */
  public boolean accepts(long[] actual) {
    if (actual.length != shape.size()) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      long want = shape.get(i);
      if (want >= 0 && want != actual[i]) {
        return false;
      }
    }
    return true;
  }
}
