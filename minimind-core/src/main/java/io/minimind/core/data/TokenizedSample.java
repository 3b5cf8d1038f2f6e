package io.minimind.core.data;

import java.util.Objects;

/**
 * One training sequence, unpadded. The trainer shifts: position t-1 predicts {@code ids[t]}, and
 * that prediction counts in the loss only when {@code lossMask[t]} is true. Hence {@code
 * lossMask[0]} is always false in practice (nothing predicts the first token).
 *
 * @param ids token ids, length T
 * @param lossMask length T; true where {@code ids[t]} is a target that counts in the loss
 * @param lossWeights null (every counted target weighs 1), or length T: the weight of each counted
 *     target (> 0 where {@code lossMask} is true, 0 elsewhere); reasoning SFT raises the weight of
 *     the {@code <think>}/{@code <answer>} tag tokens
 */
public record TokenizedSample(int[] ids, boolean[] lossMask, float[] lossWeights) {

  public TokenizedSample {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(lossMask, "lossMask");
    if (ids.length != lossMask.length) {
      throw new IllegalArgumentException(
          "ids has " + ids.length + " tokens but lossMask has " + lossMask.length);
    }
    if (lossWeights != null) {
      if (lossWeights.length != ids.length) {
        throw new IllegalArgumentException(
            "ids has " + ids.length + " tokens but lossWeights has " + lossWeights.length);
      }
      for (int t = 0; t < ids.length; t++) {
        float w = lossWeights[t];
        boolean ok = lossMask[t] ? w > 0 && Float.isFinite(w) : w == 0;
        if (!ok) {
          throw new IllegalArgumentException("loss weight " + w + " at position " + t + " (loss mask "
              + lossMask[t] + "): counted targets need a finite weight > 0, others 0");
        }
      }
    }
  }

  /** A sample whose counted targets all weigh 1. */
  public TokenizedSample(int[] ids, boolean[] lossMask) {
    this(ids, lossMask, null);
  }

  /** Number of tokens T. */
  public int length() {
    return ids.length;
  }

  /** Loss weight of target {@code t}: 0 when it does not count, else 1 or its own weight. */
  public float weight(int t) {
    if (!lossMask[t]) {
      return 0f;
    }
    return lossWeights == null ? 1f : lossWeights[t];
  }

  /** Number of tokens that count in the loss. */
  public int targetCount() {
    int n = 0;
    for (boolean b : lossMask) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
