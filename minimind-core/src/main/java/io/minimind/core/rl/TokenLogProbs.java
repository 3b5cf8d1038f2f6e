package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.ModelOutput;

/**
 * Log-probs of the completion tokens under a model: one forward over prompt + completion, the
 * logits at columns P−1 … P+R−2 (each predicting the next column's token), log-softmax, gather.
 * Under a gradient collector the result carries the gradient; outside it is a constant.
 */
public final class TokenLogProbs {
  /**
   * @param logp (N, R) log π of each completion token
   * @param entropy (N, R) the policy's entropy at each completion position (no gradient)
   * @param auxLoss the MoE load-balancing loss, or null
   */
  public record Result(NDArray logp, NDArray entropy, NDArray auxLoss) {}

  private TokenLogProbs() {}

  /** Runs {@code model} over {@code batch}; arrays are created in {@code m}. */
  public static Result of(MiniMindModel model, RolloutBatch batch, NDManager m, boolean training) {
    int r = batch.completionLen;
    ModelOutput out = model.forward(batch.inputIds(m), batch.attentionMask(m), null, r + 1, training);
    NDArray logits = out.logits().get(":, :" + r + ", :"); // (N, R, V): predictions of the R completion tokens
    NDArray logSoftmax = logits.logSoftmax(-1); // (N, R, V)
    NDArray logp = logSoftmax.gather(batch.completionIds(m).expandDims(-1), -1).squeeze(-1); // (N, R)
    NDArray ls = logSoftmax.stopGradient();
    NDArray entropy = ls.exp().mul(ls).sum(new int[] {-1}).neg(); // (N, R)
    return new Result(logp, entropy, out.auxLoss());
  }
}
