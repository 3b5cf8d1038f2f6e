package io.minimind.core.infer;

import io.minimind.core.model.MiniMindConfig;

/**
 * One sequence's state for {@link InferenceEngine}: its KV cache, preallocated for {@code
 * capacity} tokens, and how many tokens it holds.
 *
 * <p>Layout, per layer l: {@code keys[l]} and {@code values[l]} are (K, capacity, D) row-major,
 * K = key/value heads, D = head dim: the key of head h at position p starts at (h·capacity + p)·D,
 * so one head's keys are contiguous for the attention loop. Keys are stored after RoPE. Memory:
 * 2·L·K·capacity·D floats (MiniMind2-Small, 512 tokens: 4 MiB).
 *
 * <p>A sequence belongs to one engine step at a time; it is not thread-safe.
 */
public final class Sequence {
  final int capacity;
  final float[][] keys; // [layer] (K, capacity, D)
  final float[][] values; // [layer] (K, capacity, D)
  int length;
  long lastStep = -1; // engine step that last used it (catches a sequence listed twice)

  /**
   * @param capacity most tokens (prompt + generated) the sequence will hold; at most the model's
   *     max_position_embeddings
   */
  public Sequence(MiniMindConfig config, int capacity) {
    if (capacity < 1 || capacity > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("sequence capacity must be in [1, max_position_embeddings="
          + config.maxPositionEmbeddings() + "], got " + capacity);
    }
    this.capacity = capacity;
    int layers = config.numHiddenLayers();
    int perLayer = Math.multiplyExact(config.numKeyValueHeads() * config.headDim(), capacity);
    this.keys = new float[layers][perLayer];
    this.values = new float[layers][perLayer];
  }

  /** Tokens held (the position of the next token). */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  /** Room left for new tokens. */
  public int remaining() {
    return capacity - length;
  }

  /** Forgets tokens from {@code newLength} on (0 empties it), keeping the allocation for reuse. */
  public void truncate(int newLength) {
    if (newLength < 0 || newLength > length) {
      throw new IllegalArgumentException("cannot truncate a sequence of " + length + " tokens to " + newLength);
    }
    length = newLength;
  }
}
