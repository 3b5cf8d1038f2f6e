package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.nn.GraphConstants;
import io.minimind.core.train.Scalars;
import java.util.Map;

/**
 * GRPO's clipped surrogate with a KL penalty (MiniMind train_grpo.py, {@code loss_type="grpo"}):
 *
 * <pre>
 *   ratio = exp(π − π_old)
 *   ℓₜ = −( min(ratio·A, clip(ratio, 1−ε, 1+ε)·A) − β·KLₜ ),   KLₜ = k3(π, π_ref)
 *   loss = meanₙ( Σₜ ℓₜ·mₜ / Σₜ mₜ )
 * </pre>
 *
 * A is the sequence's group-normalised advantage ({@link GroupAdvantages}), the same for every
 * token. Defaults: ε 0.2, β 0.02 (the pipeline contract; MiniMind's script uses 0.1).
 */
public final class GrpoLoss {
  private final double beta;
  private final double epsilon;

  public GrpoLoss(double beta, double epsilon) {
    if (!(beta >= 0) || !(epsilon > 0 && epsilon < 1)) {
      throw new IllegalArgumentException("GRPO needs beta >= 0 and clipEpsilon in (0, 1), got beta "
          + beta + ", clipEpsilon " + epsilon);
    }
    this.beta = beta;
    this.epsilon = epsilon;
  }

  /**
   * @param logp (N, R) log-probs of the completion tokens under the policy (with gradient)
   * @param oldLogp (N, R) under the policy that sampled them
   * @param refLogp (N, R) under the frozen reference
   * @param advantages (N) one per sequence
   * @param mask (N, R) completion mask
   */
  public LossTerms compute(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask) {
    try (NDManager scope = NDManager.subManagerOf(logp)) {
      scope.tempAttachAll(oldLogp, refLogp, advantages, mask);
      NDArray a = advantages.expandDims(1); // (N, 1)
      NDArray ratio = logp.sub(oldLogp).exp(); // (N, R)
      NDArray clipped = ratio.clip(1 - epsilon, 1 + epsilon);
      NDArray surrogate = ratio.mul(a).minimum(clipped.mul(a));
      NDArray kl = Masked.k3(logp, refLogp);
      NDArray perToken = surrogate.sub(kl.mul(GraphConstants.scalar(kl, beta))).neg();
      NDArray loss = Masked.sequenceMean(perToken, mask).mean();
      double clipFraction = Scalars.asDouble(Masked.tokenMean(
          ratio.stopGradient().sub(1).abs().gt(epsilon).toType(mask.getDataType(), false), mask));
      Map<String, Double> metrics = Map.of(
          "kl_ref", Scalars.asDouble(Masked.tokenMean(kl, mask)),
          "clip_fraction", clipFraction);
      return new LossTerms(scope.ret(loss), metrics);
    }
  }
}
