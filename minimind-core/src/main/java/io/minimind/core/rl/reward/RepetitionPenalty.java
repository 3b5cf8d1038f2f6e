package io.minimind.core.rl.reward;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MiniMind's {@code rep_penalty}, as a (non-positive) reward on the answer (the text after the
 * first {@code </think>}, or the whole completion): the lower-cased answer is split into words and
 * single punctuation marks, and with G its word trigrams and U the distinct ones the reward is
 * −min(0.5, (G − U) · 0.5 · 2 / G); 0 without trigrams.
 */
public final class RepetitionPenalty extends RuleReward {
  static final int N = 3;
  static final double CAP = 0.5;
  // Python's re \w is Unicode-aware (letters, digits, underscore of every script).
  private static final Pattern TOKEN = Pattern.compile("\\w+|[^\\w\\s]", Pattern.UNICODE_CHARACTER_CLASS);

  @Override
  public double score(RewardInput input) {
    return 0.0 - penalty(ThinkReward.answer(input.completion())); // 0.0 − 0 is +0, not −0
  }

  /** The penalty itself, in [0, 0.5]. */
  static double penalty(String text) {
    List<String> toks = new ArrayList<>();
    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      toks.add(m.group());
    }
    int grams = toks.size() - N + 1;
    if (grams <= 0) {
      return 0;
    }
    Set<List<String>> distinct = new HashSet<>();
    for (int i = 0; i < grams; i++) {
      distinct.add(toks.subList(i, i + N));
    }
    return Math.min(CAP, (grams - distinct.size()) * CAP * 2 / grams);
  }
}
