package io.minimind.core.rl.reward;

import java.util.List;

/** A reward computed from one completion alone, by a rule; batching is a plain loop. */
public abstract class RuleReward implements RewardFunction {
  /** The score of one completion. */
  public abstract double score(RewardInput input);

  @Override
  public final double[] score(List<RewardInput> batch) {
    double[] out = new double[batch.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = score(batch.get(i));
    }
    return out;
  }

  /** Characters of {@code s} as Python's {@code len} counts them (code points). */
  static int pyLen(String s) {
    return s.codePointCount(0, s.length());
  }
}
