package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.minimind.core.model.MiniMindConfig;

/**
 * Precomputed RoPE tables and the rotate-half rotation.
 *
 * <p>Tables: cos, sin (L, D) with L = max_position_embeddings. {@link #lookup} gathers the rows
 * for given positions; {@link #rotate} applies x·cos + rotate_half(x)·sin to (B, T, heads, D).
 */
public final class RotaryEmbedding implements AutoCloseable {
  private final NDArray cosTable; // (L, D)
  private final NDArray sinTable; // (L, D)
  private final int length;

  public RotaryEmbedding(NDManager manager, MiniMindConfig config, DataType dtype) {
    this.length = config.maxPositionEmbeddings();
    float[] inv =
        RopeFrequencies.inverseFrequencies(
            config.headDim(), config.ropeTheta(), config.ropeScaling(), length);
    float[][] tables = RopeFrequencies.tables(inv, length);
    Shape shape = new Shape(length, config.headDim());
    this.cosTable = manager.create(tables[0], shape).toType(dtype, false);
    this.sinTable = manager.create(tables[1], shape).toType(dtype, false);
  }

  /** Number of positions the tables cover. */
  public int length() {
    return length;
  }

  /**
   * Gathers cos/sin rows for positions (B, T) int64 → two arrays (B, T, 1, D) in the positions'
   * manager.
   */
  public NDArray[] lookup(NDArray positions) {
    NDArray cos = positions.getNDArrayInternal().embedding(positions, cosTable, SparseFormat.DENSE).singletonOrThrow();
    NDArray sin = positions.getNDArrayInternal().embedding(positions, sinTable, SparseFormat.DENSE).singletonOrThrow();
    return new NDArray[] {cos.expandDims(2), sin.expandDims(2)}; // (B, T, 1, D)
  }

  /** x (B, T, heads, D) rotated by the angles in cos/sin (B, T, 1, D). */
  public static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    var halves = x.split(2, 3); // 2 × (B, T, heads, D/2)
    NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3); // [-x2, x1]
    return x.mul(cos).add(rotated.mul(sin));
  }

  @Override
  public void close() {
    cosTable.close();
    sinTable.close();
  }
}
