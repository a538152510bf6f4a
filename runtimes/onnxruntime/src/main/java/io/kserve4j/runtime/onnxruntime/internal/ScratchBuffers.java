package io.kserve4j.runtime.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import io.kserve4j.protocol.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code predict} call needs besides its request, reused from call to call so that the hot
 * path allocates nothing of its own: one {@link Scratch} per call in flight, holding per model
 * input a direct buffer that array-backed inputs are copied into, a shape array and the slot for
 * the input's native tensor.
 *
 * <p>ONNX Runtime reads only native memory, so a {@code float[]} must be copied once. Copying into
 * a buffer kept here costs one bulk copy and no allocation, where {@code
 * OnnxTensor.createTensor(env, FloatBuffer.wrap(array), shape)} allocates a fresh direct buffer on
 * every call. The pool is a fixed array of slots taken and returned with compare-and-set, so it
 * works the same for platform and virtual threads; a call that finds no free set makes one, and a
 * set returned to a full pool is left to the garbage collector. Inputs larger than {@link
 * #MAX_RETAINED_BYTES} get a one-off buffer.
 */
final class ScratchBuffers {
  /** Inputs above this size get a buffer that is not kept after the call. */
  static final int MAX_RETAINED_BYTES = 4 << 20;

  private final int[] ranks;
  private final AtomicReferenceArray<@Nullable Scratch> slots;
  private final int mask;

  /**
   * Creates the pool.
   *
   * @param ranks the rank of each model input, in the model's order
   * @param slots how many sets are kept (rounded up to a power of two, 2 to 64): as many as calls
   *     are usually in flight at once
   */
  ScratchBuffers(int[] ranks, int slots) {
    this.ranks = ranks.clone();
    int size = Integer.highestOneBit(Math.max(2, Math.min(64, slots)) * 2 - 1);
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /**
   * Slots for the calls a model usually has in flight: four per core, at least 16 and at most 64.
   * Request threads often outnumber cores; a call that finds the pool empty costs what ONNX
   * Runtime's own copy costs (one direct allocation), never more.
   */
  static int defaultSlots() {
    return Math.max(16, Math.min(64, 4 * Runtime.getRuntime().availableProcessors()));
  }

  /** A set of buffers for one call; give it back with {@link #release}. */
  Scratch take() {
    int start = (int) Thread.currentThread().getId();
    for (int k = 0; k <= mask; k++) {
      int i = (start + k) & mask;
      Scratch s = slots.get(i);
      if (s != null && slots.compareAndSet(i, s, null)) {
        return s;
      }
    }
    return new Scratch(ranks);
  }

  /** Returns a set taken with {@link #take}, once ONNX Runtime no longer reads its buffers. */
  void release(Scratch set) {
    int start = (int) Thread.currentThread().getId();
    for (int k = 0; k <= mask; k++) {
      int i = (start + k) & mask;
      if (slots.get(i) == null && slots.compareAndSet(i, null, set)) {
        return;
      }
    }
  }

  /**
   * Per model input: the native tensor of the call in flight, a shape array and a direct buffer
   * with typed views made once.
   */
  static final class Scratch {
    /** The call's native tensors by model input; closed and cleared by {@link #closeTensors}. */
    final @Nullable OnnxTensor[] tensors;

    private final long[][] shapes;
    private final @Nullable ByteBuffer[] bytes;
    private final @Nullable FloatBuffer[] floats;
    private final @Nullable DoubleBuffer[] doubles;
    private final @Nullable LongBuffer[] longs;
    private final @Nullable IntBuffer[] ints;
    private final @Nullable ShortBuffer[] shorts;

    Scratch(int[] ranks) {
      int inputs = ranks.length;
      tensors = new OnnxTensor[inputs];
      shapes = new long[inputs][];
      for (int i = 0; i < inputs; i++) {
        shapes[i] = new long[ranks[i]];
      }
      bytes = new ByteBuffer[inputs];
      floats = new FloatBuffer[inputs];
      doubles = new DoubleBuffer[inputs];
      longs = new LongBuffer[inputs];
      ints = new IntBuffer[inputs];
      shorts = new ShortBuffer[inputs];
    }

    /**
     * The shape of {@code t}, which has input {@code input}'s rank, in this call's array for it.
     * ONNX Runtime copies shapes when it makes a tensor, so the array is free again at once.
     */
    long[] shape(int input, Tensor t) {
      long[] shape = shapes[input];
      if (shape.length != t.rank()) {
        return t.shape(); // an input declared without dimensions takes any rank
      }
      for (int d = 0; d < shape.length; d++) {
        shape[d] = t.dim(d);
      }
      return shape;
    }

    /** Closes the call's native tensors and forgets them. */
    void closeTensors() {
      for (int i = 0; i < tensors.length; i++) {
        OnnxTensor t = tensors[i];
        if (t != null) {
          tensors[i] = null;
          t.close();
        }
      }
    }

    /**
     * The buffer for input {@code input}, at least {@code size} bytes, its position 0 and limit
     * {@code size}. Its typed views (below) see the same memory from index 0.
     */
    ByteBuffer bytes(int input, int size) {
      ByteBuffer b = bytes[input];
      if (b == null || b.capacity() < size) {
        if (size > MAX_RETAINED_BYTES) {
          return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        }
        int capacity = Math.max(64, Integer.highestOneBit(Math.max(1, size - 1)) << 1);
        b = ByteBuffer.allocateDirect(Math.min(capacity, MAX_RETAINED_BYTES));
        b.order(ByteOrder.nativeOrder());
        bytes[input] = b;
        floats[input] = null;
        doubles[input] = null;
        longs[input] = null;
        ints[input] = null;
        shorts[input] = null;
      }
      b.limit(size).position(0);
      return b;
    }

    /** The FP32 view of {@code buffer}, made once when it is the input's kept buffer. */
    FloatBuffer floats(int input, ByteBuffer buffer) {
      FloatBuffer v = floats[input];
      if (v == null || bytes[input] != buffer) {
        v = buffer.duplicate().clear().order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (bytes[input] == buffer) {
          floats[input] = v;
        }
      }
      return v;
    }

    /** The FP64 view of {@code buffer}. */
    DoubleBuffer doubles(int input, ByteBuffer buffer) {
      DoubleBuffer v = doubles[input];
      if (v == null || bytes[input] != buffer) {
        v = buffer.duplicate().clear().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        if (bytes[input] == buffer) {
          doubles[input] = v;
        }
      }
      return v;
    }

    /** The 64-bit integer view of {@code buffer}. */
    LongBuffer longs(int input, ByteBuffer buffer) {
      LongBuffer v = longs[input];
      if (v == null || bytes[input] != buffer) {
        v = buffer.duplicate().clear().order(ByteOrder.nativeOrder()).asLongBuffer();
        if (bytes[input] == buffer) {
          longs[input] = v;
        }
      }
      return v;
    }

    /** The 32-bit integer view of {@code buffer}. */
    IntBuffer ints(int input, ByteBuffer buffer) {
      IntBuffer v = ints[input];
      if (v == null || bytes[input] != buffer) {
        v = buffer.duplicate().clear().order(ByteOrder.nativeOrder()).asIntBuffer();
        if (bytes[input] == buffer) {
          ints[input] = v;
        }
      }
      return v;
    }

    /** The 16-bit view of {@code buffer}. */
    ShortBuffer shorts(int input, ByteBuffer buffer) {
      ShortBuffer v = shorts[input];
      if (v == null || bytes[input] != buffer) {
        v = buffer.duplicate().clear().order(ByteOrder.nativeOrder()).asShortBuffer();
        if (bytes[input] == buffer) {
          shorts[input] = v;
        }
      }
      return v;
    }
  }
}
