package io.minimind.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor as stored in a safetensors file: element type, shape and the raw little-endian
 * bytes ({@code data.length == numel(shape) * dtype.byteSize()}). Arrays are held, not copied.
 *
 * @param name tensor name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param dtype element type on disk
 * @param shape dimensions, outermost first; {@code []} is a scalar
 * @param data raw little-endian element bytes, row-major
 */
public record TensorData(String name, SafeDType dtype, long[] shape, byte[] data) {

  public TensorData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype of " + name);
    Objects.requireNonNull(shape, "shape of " + name);
    Objects.requireNonNull(data, "data of " + name);
    long expected = numel(shape) * dtype.byteSize();
    if (expected != data.length) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': shape " + Arrays.toString(shape) + " of " + dtype + " needs "
              + expected + " bytes, got " + data.length);
    }
  }

  /** Number of elements of a shape (1 for a scalar); rejects negative dimensions. */
  public static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  public long numel() {
    return numel(shape);
  }

  /**
   * Copies into a new NDArray of type {@code target} owned by {@code manager}. F16/BF16 are widened
   * to float32 here in Java (exactly), then cast to {@code target} if it is not FLOAT32.
   *
   * @throws IllegalArgumentException for a BFLOAT16 target: a bfloat16 cast in DJL 0.35.1's
   *     PyTorch engine aborts the JVM (seen on CPU), so keep bf16 weights as FLOAT32 in memory
   */
  public NDArray toNDArray(NDManager manager, DataType target) {
    if (target == DataType.BFLOAT16) {
      throw new IllegalArgumentException(
          "tensor '" + name + "': BFLOAT16 NDArrays crash DJL's PyTorch engine; load as FLOAT32");
    }
    Shape s = new Shape(shape);
    NDArray raw =
        switch (dtype) {
          case F32, F16, BF16 -> manager.create(toFloats(), s);
          case F64 -> manager.create(doubles(), s);
          case I64 -> manager.create(longs(), s);
        };
    if (raw.getDataType() == target) {
      return raw;
    }
    try (raw) {
      return raw.toType(target, true);
    }
  }

  /** The elements widened to float32 (F32, F16, BF16 only). */
  public float[] toFloats() {
    int n = Math.toIntExact(numel());
    float[] out = new float[n];
    ByteBuffer b = le();
    switch (dtype) {
      case F32 -> b.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = HalfFloats.halfToFloat(b.getShort(2 * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = HalfFloats.bf16ToFloat(b.getShort(2 * i));
        }
      }
      default -> throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not float");
    }
    return out;
  }

  /**
   * Converts an NDArray into {@code dtype} bytes. Float targets go through float32; narrowing to
   * F16/BF16 rounds to nearest even like {@code torch.Tensor.to}.
   */
  public static TensorData fromNDArray(String name, NDArray array, SafeDType dtype) {
    long[] shape = array.getShape().getShape();
    return switch (dtype) {
      case F32, F16, BF16 -> fromFloats(name, dtype, shape, floats(array));
      case F64 -> {
        double[] v;
        try (Converted c = new Converted(array, DataType.FLOAT64)) {
          v = c.array.toDoubleArray();
        }
        ByteBuffer b = allocate(v.length * 8L);
        b.asDoubleBuffer().put(v);
        yield new TensorData(name, dtype, shape, b.array());
      }
      case I64 -> {
        long[] v;
        try (Converted c = new Converted(array, DataType.INT64)) {
          v = c.array.toLongArray();
        }
        ByteBuffer b = allocate(v.length * 8L);
        b.asLongBuffer().put(v);
        yield new TensorData(name, dtype, shape, b.array());
      }
    };
  }

  /** Encodes float32 values as {@code dtype} (F32, F16 or BF16), rounding to nearest even. */
  public static TensorData fromFloats(String name, SafeDType dtype, long[] shape, float[] v) {
    ByteBuffer b = allocate((long) v.length * dtype.byteSize());
    switch (dtype) {
      case F32 -> b.asFloatBuffer().put(v);
      case F16 -> {
        for (int i = 0; i < v.length; i++) {
          b.putShort(2 * i, HalfFloats.floatToHalf(v[i]));
        }
      }
      case BF16 -> {
        for (int i = 0; i < v.length; i++) {
          b.putShort(2 * i, HalfFloats.floatToBf16(v[i]));
        }
      }
      default -> throw new IllegalArgumentException("tensor '" + name + "': " + dtype + " is not float");
    }
    return new TensorData(name, dtype, shape.clone(), b.array());
  }

  private static float[] floats(NDArray array) {
    try (Converted c = new Converted(array, DataType.FLOAT32)) {
      return c.array.toFloatArray();
    }
  }

  /** {@code source} viewed as {@code type}: the array itself, or a cast copy closed afterwards. */
  private static final class Converted implements AutoCloseable {
    final NDArray array;
    private final boolean owned;

    Converted(NDArray source, DataType type) {
      owned = source.getDataType() != type;
      array = owned ? source.toType(type, true) : source;
    }

    @Override
    public void close() {
      if (owned) {
        array.close();
      }
    }
  }

  private double[] doubles() {
    double[] out = new double[Math.toIntExact(numel())];
    le().asDoubleBuffer().get(out);
    return out;
  }

  private long[] longs() {
    long[] out = new long[Math.toIntExact(numel())];
    le().asLongBuffer().get(out);
    return out;
  }

  private ByteBuffer le() {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer allocate(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorData t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "TensorData[" + name + ", " + dtype + ", " + Arrays.toString(shape) + ", "
        + data.length + " bytes]";
  }
}
