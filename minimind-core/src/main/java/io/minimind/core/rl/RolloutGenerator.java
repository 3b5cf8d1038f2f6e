package io.minimind.core.rl;

import java.util.List;

/**
 * Prompts in, sampled completions out, with the sampling policy's per-token log-probs — the part
 * of RL training a rollout worker can take over. Implementations must be deterministic in
 * {@code seed}: a step's rollouts then depend only on (run seed, step) and the policy weights,
 * which is what makes a resumed run equal to an uninterrupted one.
 */
public interface RolloutGenerator {
  /**
   * @param prompts the step's prompts
   * @param samplesPerPrompt G completions per prompt
   * @param seed seeds the sampling
   * @return B·G samples, prompt-major (completion j of prompt i at i·G + j)
   */
  List<RolloutSample> generate(List<RlPrompt> prompts, int samplesPerPrompt, long seed);
}
