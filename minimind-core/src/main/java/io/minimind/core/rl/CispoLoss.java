package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.nn.GraphConstants;
import io.minimind.core.train.Scalars;
import java.util.Map;

/**
 * CISPO (MiniMax-M1; MiniMind train_grpo.py's default {@code loss_type="cispo"}): the importance
 * weight is clipped from above only and detached, so every token keeps a gradient through log π:
 *
 * <pre>
 *   ℓₜ = −( sg(min(ratio, ε_high)) · A · πₜ − β·KLₜ ),   loss = meanₙ( Σₜ ℓₜ·mₜ / Σₜ mₜ )
 * </pre>
 *
 * Defaults: ε_high 5.0 (MiniMind), β 0.02.
 */
public final class CispoLoss {
  private final double beta;
  private final double epsilonHigh;

  public CispoLoss(double beta, double epsilonHigh) {
    if (!(beta >= 0) || !(epsilonHigh > 0)) {
      throw new IllegalArgumentException("CISPO needs beta >= 0 and epsilonHigh > 0, got beta "
          + beta + ", epsilonHigh " + epsilonHigh);
    }
    this.beta = beta;
    this.epsilonHigh = epsilonHigh;
  }

  /** Arguments as {@link GrpoLoss#compute}. */
  public LossTerms compute(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask) {
    try (NDManager scope = NDManager.subManagerOf(logp)) {
      scope.tempAttachAll(oldLogp, refLogp, advantages, mask);
      NDArray a = advantages.expandDims(1); // (N, 1)
      NDArray ratio = logp.sub(oldLogp).exp(); // (N, R)
      NDArray weight = ratio.stopGradient().minimum(epsilonHigh).mul(a); // (N, R), constant
      NDArray kl = Masked.k3(logp, refLogp);
      NDArray perToken = logp.mul(weight).sub(kl.mul(GraphConstants.scalar(kl, beta))).neg();
      NDArray loss = Masked.sequenceMean(perToken, mask).mean();
      double clipFraction = Scalars.asDouble(Masked.tokenMean(
          ratio.stopGradient().gt(epsilonHigh).toType(mask.getDataType(), false), mask));
      Map<String, Double> metrics = Map.of(
          "kl_ref", Scalars.asDouble(Masked.tokenMean(kl, mask)),
          "clip_fraction", clipFraction);
      return new LossTerms(scope.ret(loss), metrics);
    }
  }
}
