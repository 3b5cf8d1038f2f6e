package io.minimind.core.export;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a GGUF file, encoded in its ggml type.
 *
 * <p>{@code shape} is in PyTorch order (outermost first), e.g. (out, in) for a linear weight. GGUF
 * stores dimensions innermost first ({@code ne[0]} = columns), so the file holds the reversed
 * shape; the bytes are the same row-major data either way.
 *
 * @param name llama.cpp tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param shape dimensions, outermost first
 * @param type element type of {@code data}
 * @param data encoded elements, {@code type.byteSize(numel)} bytes
 */
public record GgufTensor(String name, long[] shape, GgmlType type, byte[] data) {

  public GgufTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type of " + name);
    shape = shape.clone();
    if (shape.length == 0 || shape.length > 4) {
      throw new IllegalArgumentException(name + ": GGUF tensors have 1 to 4 dimensions");
    }
    if (shape[shape.length - 1] % type.blockSize() != 0) {
      throw new IllegalArgumentException(name + ": row length " + shape[shape.length - 1]
          + " is not a multiple of the " + type + " block size " + type.blockSize());
    }
    long expected = type.byteSize(numel(shape));
    if (data.length != expected) {
      throw new IllegalArgumentException(name + ": " + Arrays.toString(shape) + " of " + type
          + " needs " + expected + " bytes, got " + data.length);
    }
  }

  /** Encodes float32 values as {@code type} (see {@link TensorCodec#encode}). */
  public static GgufTensor of(String name, long[] shape, GgmlType type, float[] values) {
    return new GgufTensor(name, shape, type, TensorCodec.encode(values, type));
  }

  /** Number of elements. */
  public static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The values decoded to float32. */
  public float[] toFloats() {
    return TensorCodec.decode(data, type, Math.toIntExact(numel(shape)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufTensor t && name.equals(t.name) && type == t.type
        && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(shape) + " " + type;
  }
}
