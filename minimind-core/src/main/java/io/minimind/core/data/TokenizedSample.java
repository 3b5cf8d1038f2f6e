package io.minimind.core.data;

import java.util.Objects;

/**
 * One training sequence, unpadded. The trainer shifts: position t-1 predicts {@code ids[t]}, and
 * that prediction counts in the loss only when {@code lossMask[t]} is true. Hence {@code
 * lossMask[0]} is always false in practice (nothing predicts the first token).
 *
 * @param ids token ids, length T
 * @param lossMask length T; true where {@code ids[t]} is a target that counts in the loss
 */
public record TokenizedSample(int[] ids, boolean[] lossMask) {

  public TokenizedSample {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(lossMask, "lossMask");
    if (ids.length != lossMask.length) {
      throw new IllegalArgumentException(
          "ids has " + ids.length + " tokens but lossMask has " + lossMask.length);
    }
  }

  /** Number of tokens T. */
  public int length() {
    return ids.length;
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
