package io.minimind.core.rl;

import io.minimind.core.rl.reward.RewardFunction;
import io.minimind.core.rl.reward.RewardInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A micro-batch's rollouts with their rewards, and how long each half took.
 *
 * @param samples B·G completions, prompt-major
 * @param rewards one per sample
 */
public record Scored(List<RolloutSample> samples, double[] rewards, double rolloutSeconds, double scoringSeconds) {

  /** Generates G completions of each prompt and scores them. */
  public static Scored rollOut(RolloutGenerator generator, RewardFunction reward, List<RlPrompt> prompts,
      int samplesPerPrompt, long seed) {
    long t0 = System.nanoTime();
    List<RolloutSample> samples = generator.generate(prompts, samplesPerPrompt, seed);
    long t1 = System.nanoTime();
    List<RewardInput> inputs = new ArrayList<>(samples.size());
    for (RolloutSample s : samples) {
      inputs.add(new RewardInput(s.prompt().text(), s.completionText(), s.completionIds()));
    }
    double[] rewards = reward.score(inputs);
    if (rewards.length != samples.size()) {
      throw new IllegalStateException("the reward function returned " + rewards.length + " scores for "
          + samples.size() + " completions");
    }
    for (int i = 0; i < rewards.length; i++) {
      if (!Double.isFinite(rewards[i])) {
        throw new IllegalStateException("reward of completion " + i + " is " + rewards[i]);
      }
    }
    long t2 = System.nanoTime();
    return new Scored(samples, rewards, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  public double rewardMean() {
    return Stats.mean(rewards);
  }

  public double rewardStd() {
    return Stats.std(rewards);
  }

  /** Mean completion length in tokens (end token included). */
  public double meanLength() {
    double s = 0;
    for (RolloutSample x : samples) {
      s += x.length();
    }
    return s / samples.size();
  }

  /** Tokens processed by one forward over the batch (for tokens/s). */
  public long positions() {
    long s = 0;
    for (RolloutSample x : samples) {
      s += x.prompt().ids().length + x.length();
    }
    return s;
  }
}
