package io.minimind.core.train;

import ai.djl.ndarray.NDArray;

/** Masked next-token cross-entropy, averaged over the predictions that count. */
public final class LanguageModelLoss {
  private LanguageModelLoss() {}

  /**
   * @param logits (B, T, V)
   * @param targets (B, T) int64
   * @param weights (B, T) 1 where the prediction counts
   * @return scalar mean of −log p(target) over counted positions (0 when none counts)
   */
  public static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray weights) {
    NDArray logProbs = logits.logSoftmax(-1); // (B, T, V)
    NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1); // (B, T)
    NDArray w = weights.toType(logits.getDataType(), false);
    NDArray total = picked.mul(w).sum().neg();
    return total.div(w.sum().maximum(1)); // scalar
  }
}
