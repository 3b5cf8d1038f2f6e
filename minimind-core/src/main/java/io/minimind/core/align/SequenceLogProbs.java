package io.minimind.core.align;

import ai.djl.ndarray.NDArray;

/**
 * log π(y | x) of whole responses: the log-probabilities of the target tokens, summed over the
 * positions that count (the assistant reply tokens; prompt and padding positions have weight 0).
 *
 * <p>A sum, not a mean over the reply's tokens: MiniMind's {@code train_dpo.py} (current version)
 * computes {@code (log_probs * mask).sum(dim=1)}, the sequence log-likelihood of the DPO paper.
 * (Older MiniMind versions divided by the mask length; that changes the loss scale with reply
 * length and is not followed.)
 *
 * <p>The arrays created here belong to the inputs' manager (the caller's per-micro-batch scope):
 * autograd needs the intermediates until the backward pass.
 */
public final class SequenceLogProbs {
  private SequenceLogProbs() {}

  /**
   * @param logits (N, T, V) next-token logits
   * @param targets (N, T) int64 next token at each position
   * @param weights (N, T) 1 where the prediction belongs to the response, else 0
   * @return (N) Σ_t weights[n,t] · log softmax(logits[n,t])[targets[n,t]]
   */
  public static NDArray sum(NDArray logits, NDArray targets, NDArray weights) {
    NDArray logProbs = logits.logSoftmax(-1); // (N, T, V)
    NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1); // (N, T)
    NDArray w = weights.toType(logits.getDataType(), false); // (N, T)
    return picked.mul(w).sum(new int[] {1}); // (N)
  }
}
