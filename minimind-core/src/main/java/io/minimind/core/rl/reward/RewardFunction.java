package io.minimind.core.rl.reward;

import java.util.List;

/**
 * Scores completions: prompt text and completion text in, one number per completion out. Batched,
 * so a remote reward service (a later step) can score a whole rollout in one call; the RL
 * algorithms only see this interface.
 */
@FunctionalInterface
public interface RewardFunction {
  /** One score per input, in order. */
  double[] score(List<RewardInput> batch);
}
