package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Builds the additive causal + padding mask consumed by {@link CausalSelfAttention}. */
public final class AttentionMasks {
  /** Added to the scores of hidden keys; finite so fully hidden rows (left padding) stay NaN-free. */
  public static final float HIDDEN = -1e9f;

  private AttentionMasks() {}

  /**
   * Mask for T new queries attending S keys, the last T of which are the queries themselves.
   *
   * @param manager where the mask lives (the forward pass's scope)
   * @param keyPadding (B, S) 1 for real tokens, 0 for padding; null when nothing is padded
   * @param batch B
   * @param queries T
   * @param keys S
   * @return (B or 1, 1, 1, T, S) additive mask, or null when every key is visible to every query
   */
  public static NDArray causal(
      NDManager manager, NDArray keyPadding, int batch, int queries, int keys, DataType dtype) {
    if (keyPadding == null && queries == 1) {
      return null; // one new token attends everything before it
    }
    NDArray keyPos = manager.arange(0, keys).reshape(1, keys); // (1, S)
    NDArray queryPos = manager.arange(keys - queries, keys).reshape(queries, 1); // (T, 1)
    NDArray visible = keyPos.lte(queryPos).expandDims(0); // (1, T, S)
    if (keyPadding != null) {
      NDArray real = keyPadding.toType(DataType.BOOLEAN, false).reshape(batch, 1, keys);
      visible = visible.logicalAnd(real); // (B, T, S)
    }
    NDArray additive = visible.logicalNot().toType(dtype, false).mul(HIDDEN); // (B|1, T, S)
    long b = additive.getShape().get(0);
    return additive.reshape(b, 1, 1, queries, keys);
  }
}
