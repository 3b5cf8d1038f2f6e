package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.nn.GraphConstants;
import io.minimind.core.train.Scalars;
import java.util.Map;

/**
 * SPO's policy-gradient loss (MiniMind's train_spo.py): REINFORCE with the tracker's advantage and
 * the k3 KL penalty, no ratio — each rollout is used for exactly one update, where a PPO-style ratio
 * would be 1 and its gradient equal to this one.
 *
 * <pre>
 *   ℓₜ = −πₜ·A + β·KLₜ,   loss = meanₙ( Σₜ ℓₜ·mₜ / Σₜ mₜ )
 * </pre>
 */
public final class SpoLoss {
  private final double beta;

  public SpoLoss(double beta) {
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("SPO needs beta >= 0, got " + beta);
    }
    this.beta = beta;
  }

  /**
   * @param logp (N, R) policy log-probs (with gradient)
   * @param refLogp (N, R) reference log-probs
   * @param advantages (N) batch-normalised advantages ({@link SpoValueTracker})
   * @param mask (N, R) completion mask
   */
  public LossTerms compute(NDArray logp, NDArray refLogp, NDArray advantages, NDArray mask) {
    try (NDManager scope = NDManager.subManagerOf(logp)) {
      scope.tempAttachAll(refLogp, advantages, mask);
      NDArray a = advantages.expandDims(1); // (N, 1)
      NDArray kl = Masked.k3(logp, refLogp);
      NDArray perToken = logp.mul(a).neg().add(kl.mul(GraphConstants.scalar(kl, beta)));
      NDArray loss = Masked.sequenceMean(perToken, mask).mean();
      return new LossTerms(scope.ret(loss), Map.of("kl_ref", Scalars.asDouble(Masked.tokenMean(kl, mask))));
    }
  }
}
