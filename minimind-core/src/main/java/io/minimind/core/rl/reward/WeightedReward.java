package io.minimind.core.rl.reward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted sum of named rewards, Σ wᵢ · rᵢ — MiniMind adds its rule rewards with weight 1. The
 * names and weights are the pipeline's {@code rewardWeights} map.
 */
public final class WeightedReward implements RewardFunction {
  private final Map<String, RewardFunction> parts;
  private final Map<String, Double> weights;

  /**
   * @param parts the rewards by name
   * @param weights a weight for each name in {@code parts} (same key set)
   */
  public WeightedReward(Map<String, RewardFunction> parts, Map<String, Double> weights) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("rewardWeights: at least one reward is needed");
    }
    if (!parts.keySet().equals(weights.keySet())) {
      throw new IllegalArgumentException("rewardWeights: weights for " + weights.keySet()
          + " but rewards " + parts.keySet());
    }
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      if (w.getValue() == null || !Double.isFinite(w.getValue())) {
        throw new IllegalArgumentException("rewardWeights." + w.getKey() + " must be a finite number, got "
            + w.getValue());
      }
    }
    this.parts = new LinkedHashMap<>(parts);
    this.weights = new LinkedHashMap<>(weights);
  }

  /** The weights, by reward name. */
  public Map<String, Double> weights() {
    return Map.copyOf(weights);
  }

  @Override
  public double[] score(List<RewardInput> batch) {
    double[] total = new double[batch.size()];
    for (Map.Entry<String, RewardFunction> p : parts.entrySet()) {
      double w = weights.get(p.getKey());
      double[] s = p.getValue().score(batch);
      if (s.length != total.length) {
        throw new IllegalStateException("reward " + p.getKey() + " returned " + s.length
            + " scores for " + total.length + " completions");
      }
      for (int i = 0; i < total.length; i++) {
        total[i] += w * s[i];
      }
    }
    return total;
  }
}
