package io.minimind.core.rl.reward;

/**
 * MiniMind's current reasoning reward (train_grpo.py {@code calculate_rewards}). Only a completion
 * containing {@code </think>} is scored; it is split at the first one into thinking and answer:
 * +1.0 when the stripped thinking has 20 to 300 characters, else −0.5; +0.25 when {@code </think>}
 * occurs exactly once, else −0.25. Without {@code </think>}: 0.
 */
public final class ThinkReward extends RuleReward {
  static final String CLOSE = "</think>";

  @Override
  public double score(RewardInput input) {
    String text = input.completion();
    int at = text.indexOf(CLOSE);
    if (at < 0) {
      return 0;
    }
    int thinking = pyLen(text.substring(0, at).strip());
    double r = thinking >= 20 && thinking <= 300 ? 1.0 : -0.5;
    r += occurrences(text, CLOSE) == 1 ? 0.25 : -0.25;
    return r;
  }

  /** Non-overlapping occurrences, as Python's {@code str.count}. */
  static int occurrences(String text, String tag) {
    int n = 0;
    for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length())) {
      n++;
    }
    return n;
  }

  /** The answer part: after the first {@code </think>}, stripped; the whole text without one. */
  static String answer(String text) {
    int at = text.indexOf(CLOSE);
    return at < 0 ? text : text.substring(at + CLOSE.length()).strip();
  }
}
