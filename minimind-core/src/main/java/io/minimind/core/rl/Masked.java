package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import io.minimind.core.nn.GraphConstants;

/**
 * Reductions over completion tokens and the k3 KL estimator, shared by the RL losses. Masks are
 * (N, R) floats, 1 for a completion token up to and including its end token, 0 after it. Every
 * number that meets a tensor on the gradient path goes through {@link GraphConstants#scalar}.
 */
final class Masked {
  private Masked() {}

  /** Per-sequence mean over the mask: Σₜ x·m / max(Σₜ m, 1), (N, R) → (N). */
  static NDArray sequenceMean(NDArray x, NDArray mask) {
    NDArray count = mask.sum(new int[] {1}).maximum(1); // (N), no gradient through the mask
    return x.mul(mask).sum(new int[] {1}).div(count);
  }

  /** Mean over every masked token of the batch: Σ x·m / max(Σ m, 1) → scalar. */
  static NDArray tokenMean(NDArray x, NDArray mask) {
    return x.mul(mask).sum().div(mask.sum().maximum(1));
  }

  /**
   * Schulman's k3 estimator of KL(π‖π_ref) per token: exp(ref − π) − (ref − π) − 1, always ≥ 0
   * (MiniMind's {@code per_token_kl}).
   *
   * @param logp (N, R) policy log-probs (with gradient)
   * @param refLogp (N, R) reference log-probs
   */
  static NDArray k3(NDArray logp, NDArray refLogp) {
    NDArray d = refLogp.sub(logp);
    return d.exp().sub(d).sub(GraphConstants.scalar(d, 1.0));
  }
}
