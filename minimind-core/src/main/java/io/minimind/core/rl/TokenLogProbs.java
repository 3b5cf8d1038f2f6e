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
    NDArray logSoftmax = completionLogSoftmax(out, r); // (N, R, V)
    NDArray ls = logSoftmax.stopGradient();
    NDArray entropy = ls.exp().mul(ls).sum(new int[] {-1}).neg(); // (N, R)
    return new Result(gather(logSoftmax, batch, m), entropy, out.auxLoss());
  }

  /**
   * Only the (N, R) log-probs of a frozen model (reference, old actor), in inference mode: the
   * entropy, which nobody reads for these, is not computed.
   */
  public static NDArray frozen(MiniMindModel model, RolloutBatch batch, NDManager m) {
    int r = batch.completionLen;
    ModelOutput out = model.forward(batch.inputIds(m), batch.attentionMask(m), null, r + 1, false);
    return gather(completionLogSoftmax(out, r), batch, m);
  }

  /** (N, R, V) log-softmax of the logits that predict the R completion tokens. */
  private static NDArray completionLogSoftmax(ModelOutput out, int r) {
    return out.logits().get(":, :" + r + ", :").logSoftmax(-1);
  }

  private static NDArray gather(NDArray logSoftmax, RolloutBatch batch, NDManager m) {
    return logSoftmax.gather(batch.completionIds(m).expandDims(-1), -1).squeeze(-1); // (N, R)
  }
}
