package io.minimind.core.rl.reward;

/**
 * One completion to score.
 *
 * @param prompt the rendered prompt text (ChatML, ending with the generation prompt)
 * @param completion the completion decoded without special tokens (as MiniMind's
 *     {@code batch_decode(..., skip_special_tokens=True)})
 * @param completionIds the completion's token ids up to and including the first end token
 */
public record RewardInput(String prompt, String completion, int[] completionIds) {
  public RewardInput {
    if (prompt == null || completion == null || completionIds == null) {
      throw new IllegalArgumentException("reward input needs a prompt, a completion and its ids");
    }
  }
}
