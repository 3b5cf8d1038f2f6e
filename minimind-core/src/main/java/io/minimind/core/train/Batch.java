package io.minimind.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.minimind.core.data.TokenizedSample;
import java.util.List;

/**
 * One micro-batch for next-token prediction, right-padded to its longest sample.
 *
 * <p>For samples of length n the model reads ids[0..n-2] and predicts ids[1..n-1]; a prediction
 * counts in the loss when the target token's loss mask is set. Right padding needs no attention
 * mask: a real token never attends to a later (padding) position.
 *
 * @param inputs (B, T) token ids, pad id after each sample
 * @param targets (B, T) the next token at each position
 * @param weights (B, T) the prediction's loss weight: 0 where it does not count, else 1 or the
 *     sample's own weight (reasoning SFT's tag tokens)
 * @param batch B
 * @param length T = longest sample − 1
 * @param countedTokens number of predictions that count in the loss
 */
public record Batch(
    long[] inputs, long[] targets, float[] weights, int batch, int length, int countedTokens) {

  /** Packs samples (each at least 2 tokens) into a padded batch. */
  public static Batch of(List<TokenizedSample> samples, int padId) {
    int b = samples.size();
    int t = 0;
    for (TokenizedSample s : samples) {
      t = Math.max(t, s.ids().length - 1);
    }
    if (t < 1) {
      throw new IllegalArgumentException("every sample in the batch is shorter than 2 tokens");
    }
    long[] inputs = new long[b * t];
    long[] targets = new long[b * t];
    float[] weights = new float[b * t];
    java.util.Arrays.fill(inputs, padId);
    java.util.Arrays.fill(targets, padId);
    int counted = 0;
    for (int row = 0; row < b; row++) {
      TokenizedSample sample = samples.get(row);
      int[] ids = sample.ids();
      boolean[] mask = sample.lossMask();
      for (int i = 0; i + 1 < ids.length; i++) {
        inputs[row * t + i] = ids[i];
        targets[row * t + i] = ids[i + 1];
        if (mask[i + 1]) {
          weights[row * t + i] = sample.weight(i + 1);
          counted++;
        }
      }
    }
    return new Batch(inputs, targets, weights, b, t, counted);
  }

  public NDArray inputArray(NDManager m) {
    return m.create(inputs, new Shape(batch, length));
  }

  public NDArray targetArray(NDManager m) {
    return m.create(targets, new Shape(batch, length));
  }

  public NDArray weightArray(NDManager m) {
    return m.create(weights, new Shape(batch, length));
  }

  /** Positions processed by the model (B·T, padding included). */
  public long positions() {
    return (long) batch * length;
  }
}
