package io.minimind.core.train;

import ai.djl.ndarray.NDArray;

/**
 * Masked, weighted next-token cross-entropy: Σ w·(−log p(target)) over the predictions that count
 * (w > 0), divided by how many count. With 0/1 weights that is the mean over counted predictions;
 * with raised weights (reasoning SFT) it is MiniMind's train_reason.py loss, which also divides by
 * the number of counted targets, not by the weight sum.
 */
public final class LanguageModelLoss {
  private LanguageModelLoss() {}

  /**
   * @param logits (B, T, V)
   * @param targets (B, T) int64
   * @param weights (B, T) the prediction's weight, 0 where it does not count
   * @return scalar Σ w·(−log p(target)) / #(w > 0) (0 when none counts)
   */
  public static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray weights) {
    NDArray logProbs = logits.logSoftmax(-1); // (B, T, V)
    NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1); // (B, T)
    NDArray w = weights.toType(logits.getDataType(), false);
    NDArray total = picked.mul(w).sum().neg();
    NDArray counted = w.gt(0).toType(logits.getDataType(), false).sum(); // #(w > 0)
    return total.div(counted.maximum(1)); // scalar
  }
}
