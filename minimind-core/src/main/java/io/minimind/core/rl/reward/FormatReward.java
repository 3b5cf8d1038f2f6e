package io.minimind.core.rl.reward;

import java.util.regex.Pattern;

/**
 * MiniMind's older reasoning-format reward (train_grpo.py / train_spo.py before minimind-3,
 * {@code reasoning_model_reward}): +0.5 when the whole completion is
 * {@code <think>\n…\n</think>\n<answer>\n…\n</answer>} (one or two newlines between the blocks),
 * plus 0.25 for each of {@code <think>}, {@code </think>}, {@code <answer>}, {@code </answer>} that
 * occurs exactly once. Range [0, 1.5].
 */
public final class FormatReward extends RuleReward {
  // re.match anchors at the start; '$' also matches before a final newline; re.S lets '.' span lines.
  private static final Pattern FORMAT = Pattern.compile(
      "<think>\n.*?\n</think>\n\n?<answer>\n.*?\n</answer>\n?", Pattern.DOTALL);
  private static final String[] TAGS = {"<think>", "</think>", "<answer>", "</answer>"};

  @Override
  public double score(RewardInput input) {
    String text = input.completion();
    double r = FORMAT.matcher(text).matches() ? 0.5 : 0.0;
    for (String tag : TAGS) {
      if (ThinkReward.occurrences(text, tag) == 1) {
        r += 0.25;
      }
    }
    return r;
  }
}
