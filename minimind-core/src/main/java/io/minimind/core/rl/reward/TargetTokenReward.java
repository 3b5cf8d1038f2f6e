package io.minimind.core.rl.reward;

import java.util.Arrays;

/**
 * The fraction of a completion's tokens (end token included) that are among the target ids: a
 * dense, easily learnt reward in [0, 1] for tests and benchmarks of the RL algorithms. An empty
 * completion scores 0.
 */
public final class TargetTokenReward extends RuleReward {
  private final int[] targets;

  public TargetTokenReward(int... targets) {
    if (targets.length == 0) {
      throw new IllegalArgumentException("target-token reward needs at least one target id");
    }
    this.targets = targets.clone();
    Arrays.sort(this.targets);
  }

  @Override
  public double score(RewardInput input) {
    int[] ids = input.completionIds();
    if (ids.length == 0) {
      return 0;
    }
    int hits = 0;
    for (int id : ids) {
      if (Arrays.binarySearch(targets, id) >= 0) {
        hits++;
      }
    }
    return (double) hits / ids.length;
  }
}
