package io.minimind.core.rl.reward;

/**
 * MiniMind's length reward (train_grpo.py / train_ppo.py {@code calculate_rewards}): +0.5 when the
 * stripped completion has 20 to 800 characters, else −0.5.
 */
public final class LengthReward extends RuleReward {
  @Override
  public double score(RewardInput input) {
    int n = pyLen(input.completion().strip());
    return n >= 20 && n <= 800 ? 0.5 : -0.5;
  }
}
