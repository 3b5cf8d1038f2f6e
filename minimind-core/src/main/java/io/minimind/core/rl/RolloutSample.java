package io.minimind.core.rl;

/**
 * One completion of a prompt, as the sampling policy produced it.
 *
 * @param prompt what was completed
 * @param completionIds the generated ids up to and including the first end token (MiniMind's
 *     completion mask), or all {@code maxNewTokens} when none came; never empty
 * @param oldLogProbs log π_old of each of those tokens under the sampling policy (untempered, as
 *     MiniMind's {@code compute_per_token_logps}), same length
 * @param completionText the completion decoded without special tokens
 * @param finished whether it ended with the end token
 */
public record RolloutSample(RlPrompt prompt, int[] completionIds, float[] oldLogProbs,
    String completionText, boolean finished) {
  public RolloutSample {
    if (completionIds.length == 0 || completionIds.length != oldLogProbs.length) {
      throw new IllegalArgumentException("a completion needs at least one token and one log-prob per token, got "
          + completionIds.length + " ids and " + oldLogProbs.length + " log-probs");
    }
  }

  /** Tokens the losses count (the mask's length). */
  public int length() {
    return completionIds.length;
  }
}
