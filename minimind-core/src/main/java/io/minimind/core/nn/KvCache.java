package io.minimind.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens seen so far, so a decode step only computes the
 * new token. Per layer: keys, values (B, K, S, D).
 *
 * <p>The cache owns its arrays in its own manager: they outlive the per-step scopes that create
 * them. Positions are tracked per row by the caller (see {@link
 * io.minimind.core.model.MiniMindModel}); the cache only knows its length S.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;

  public KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Number of cached positions S. */
  public int length() {
    return length;
  }

  /**
   * Appends this step's keys/values (B, K, T, D) for {@code layer} and returns the full (B, K,
   * S+T, D) arrays. The length advances once every layer has appended, in {@link #advance}.
   */
  public NDArray[] append(int layer, NDArray k, NDArray v) {
    NDArray fullK = keys[layer] == null ? k.duplicate() : keys[layer].concat(k, 2);
    NDArray fullV = values[layer] == null ? v.duplicate() : values[layer].concat(v, 2);
    fullK.attach(manager);
    fullV.attach(manager);
    if (keys[layer] != null) {
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = fullK;
    values[layer] = fullV;
    return new NDArray[] {fullK, fullV};
  }

  /** Marks T new positions as cached (called by the model after all layers ran). */
  public void advance(int newTokens) {
    length += newTokens;
  }

  @Override
  public void close() {
    manager.close();
  }
}
