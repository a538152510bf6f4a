package io.kserve4j.core.internal;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.RequestedOutput;
import io.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stacks requests along their first dimension into one request, and splits the response back: what
 * the batcher does with tensors. Requests stack when their inputs have the same names, datatypes
 * and trailing dimensions, and they ask for the same outputs ({@link #key}).
 */
public final class TensorBatching {
  private TensorBatching() {}

  /** Equal for requests that can be stacked together. */
  public static Object key(InferRequest r) {
    StringBuilder sb = new StringBuilder();
    for (Tensor t : r.inputs()) {
      long[] shape = t.shape();
      sb.append(t.name()).append(':').append(t.datatype());
      for (int i = 1; i < shape.length; i++) {
        sb.append(',').append(shape[i]);
      }
      sb.append(shape.length == 0 ? ";scalar" : "").append('|');
    }
    sb.append("->");
    for (RequestedOutput o : r.outputs()) {
      sb.append(o.name()).append('|');
    }
    return sb.toString();
  }

  /** The rows (first dimension) of a request: of its first input, 1 for a scalar. */
  public static int rows(InferRequest r) {
    if (r.inputs().isEmpty() || r.inputs().get(0).rank() == 0) {
      return 1;
    }
    return (int) r.inputs().get(0).dim(0);
  }

  /** One request holding every input of {@code requests} stacked along dimension 0. */
  public static InferRequest stack(List<InferRequest> requests) {
    InferRequest first = requests.get(0);
    if (requests.size() == 1) {
      return first;
    }
    List<Tensor> inputs = new ArrayList<>(first.inputs().size());
    for (Tensor template : first.inputs()) {
      List<Tensor> parts = new ArrayList<>(requests.size());
      for (InferRequest r : requests) {
        parts.add(r.input(template.name()));
      }
      inputs.add(concat(template, parts));
    }
    return InferRequest.builder()
        .inputs(inputs)
        .outputs(first.outputs())
        .parameters(first.parameters())
        .build();
  }

  private static Tensor concat(Tensor template, List<Tensor> parts) {
    long rows = 0;
    for (Tensor p : parts) {
      rows += p.dim(0);
    }
    long[] shape = template.shape();
    shape[0] = rows;
    if (template.datatype() == DataType.BYTES) {
      List<byte[]> all = new ArrayList<>();
      for (Tensor p : parts) {
        all.addAll(Arrays.asList(p.asByteArrays()));
      }
      return Tensor.of(template.name(), DataType.BYTES, all.toArray(new byte[0][]), shape);
    }
    int bytes = 0;
    for (Tensor p : parts) {
      bytes += p.asByteBuffer().remaining();
    }
    // A heap buffer: the runtime copies it once into its own direct scratch, which costs less than
    // allocating (and later freeing) a direct buffer per batch.
    ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor p : parts) {
      out.put(p.asByteBuffer());
    }
    out.flip();
    return Tensor.of(template.name(), template.datatype(), out, shape);
  }

  /**
   * The batched response split back into one response per request: outputs whose first dimension is
   * the batch's rows are sliced; other outputs (such as class labels) go to every caller whole.
   */
  public static List<InferResponse> split(InferResponse batched, List<InferRequest> requests) {
    if (requests.size() == 1) {
      return List.of(batched);
    }
    int total = 0;
    int[] rows = new int[requests.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = rows(requests.get(i));
      total += rows[i];
    }
    List<List<Tensor>> outs = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      outs.add(new ArrayList<>());
    }
    for (Tensor t : batched.outputs()) {
      if (t.rank() == 0 || t.dim(0) != total) {
        for (List<Tensor> o : outs) {
          o.add(t);
        }
        continue;
      }
      long[] shape = t.shape();
      long per = t.elementCount() / Math.max(1, total);
      int offset = 0;
      for (int i = 0; i < rows.length; i++) {
        shape[0] = rows[i];
        outs.get(i).add(slice(t, offset * per, rows[i] * per, shape.clone()));
        offset += rows[i];
      }
    }
    List<InferResponse> result = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      result.add(batched.toBuilder().id(requests.get(i).id()).outputs(outs.get(i)).build());
    }
    return result;
  }

  private static Tensor slice(Tensor t, long from, long count, long[] shape) {
    if (t.datatype() == DataType.BYTES) {
      byte[][] all = t.asByteArrays();
      return Tensor.of(
              t.name(),
              DataType.BYTES,
              Arrays.copyOfRange(all, (int) from, (int) (from + count)),
              shape)
          .withParameters(t.parameters());
    }
    int width = t.datatype().byteSize();
    ByteBuffer all = t.asByteBuffer();
    ByteBuffer part = ByteBuffer.allocate((int) (count * width)).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer view = all.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.position((int) (from * width)).limit((int) ((from + count) * width));
    part.put(view).flip();
    return Tensor.of(t.name(), t.datatype(), part, shape).withParameters(t.parameters());
  }
}
