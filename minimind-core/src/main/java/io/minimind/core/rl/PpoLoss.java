package io.minimind.core.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.minimind.core.nn.GraphConstants;
import io.minimind.core.train.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO's actor and critic losses (MiniMind train_ppo.py), means over every completion token of the
 * batch:
 *
 * <pre>
 *   ratio = exp(π − π_old)
 *   policy = mean( max(−A·ratio, −A·clip(ratio, 1−ε, 1+ε)) ) + kl_coef · mean(k3(π, π_ref))
 *   value  = 0.5 · mean( max((V − G)², (clip(V, V_old − c, V_old + c) − G)²) )
 *   loss   = policy + vf_coef · value
 * </pre>
 *
 * A are whitened GAE advantages and G the returns ({@link Gae}). Defaults: ε 0.1, vf_coef 0.5,
 * kl_coef 0.02 (the pipeline contract, after MiniMind's older script), value clip c 0.2 (MiniMind's
 * {@code cliprange_value}).
 */
public final class PpoLoss {
  private final double epsilon;
  private final double valueLossCoef;
  private final double klCoef;
  private final double valueClip;

  public PpoLoss(double epsilon, double valueLossCoef, double klCoef, double valueClip) {
    if (!(epsilon > 0 && epsilon < 1) || !(valueLossCoef >= 0) || !(klCoef >= 0) || !(valueClip > 0)) {
      throw new IllegalArgumentException("PPO needs clipEpsilon in (0, 1), valueLossCoef >= 0, klCoef >= 0"
          + " and a value clip > 0, got " + epsilon + ", " + valueLossCoef + ", " + klCoef + ", " + valueClip);
    }
    this.epsilon = epsilon;
    this.valueLossCoef = valueLossCoef;
    this.klCoef = klCoef;
    this.valueClip = valueClip;
  }

  /**
   * @param logp (N, R) actor log-probs (with gradient)
   * @param oldLogp (N, R) under the old actor
   * @param refLogp (N, R) under the reference
   * @param advantages (N, R) whitened GAE advantages
   * @param values (N, R) critic values (with gradient)
   * @param oldValues (N, R) the critic's values when the advantages were computed
   * @param returns (N, R) GAE returns
   * @param mask (N, R) completion mask
   */
  public LossTerms compute(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages,
      NDArray values, NDArray oldValues, NDArray returns, NDArray mask) {
    try (NDManager scope = NDManager.subManagerOf(logp)) {
      scope.tempAttachAll(oldLogp, refLogp, advantages, oldValues, returns, mask);
      NDArray logRatio = logp.sub(oldLogp);
      NDArray ratio = logRatio.exp(); // (N, R)
      NDArray negA = advantages.neg();
      NDArray surrogate = ratio.mul(negA).maximum(ratio.clip(1 - epsilon, 1 + epsilon).mul(negA));
      NDArray kl = Masked.k3(logp, refLogp);
      NDArray policy = Masked.tokenMean(surrogate, mask)
          .add(Masked.tokenMean(kl, mask).mul(GraphConstants.scalar(kl, klCoef)));
      NDArray clippedValues = values.maximum(oldValues.sub(valueClip)).minimum(oldValues.add(valueClip));
      NDArray err = values.sub(returns).square();
      NDArray clippedErr = clippedValues.sub(returns).square();
      NDArray value = Masked.tokenMean(err.maximum(clippedErr), mask).mul(GraphConstants.scalar(err, 0.5));
      NDArray loss = policy.add(value.mul(GraphConstants.scalar(value, valueLossCoef)));
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("policy_loss", Scalars.asDouble(policy));
      metrics.put("value_loss", Scalars.asDouble(value));
      metrics.put("kl_ref", Scalars.asDouble(Masked.tokenMean(kl, mask)));
      NDArray lr = logRatio.stopGradient();
      metrics.put("approx_kl", Scalars.asDouble(Masked.tokenMean(lr.mul(lr).mul(0.5), mask)));
      metrics.put("clip_fraction", Scalars.asDouble(Masked.tokenMean(
          ratio.stopGradient().sub(1).abs().gt(epsilon).toType(mask.getDataType(), false), mask)));
      return new LossTerms(scope.ret(loss), metrics);
    }
  }
}
