package io.minimind.core.rl.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule against values worked out by hand from MiniMind's formulas. */
class RuleRewardsTest {
  static RewardInput text(String completion) {
    return new RewardInput("<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n", completion, new int[0]);
  }

  static double score(RuleReward r, String completion) {
    double s = r.score(text(completion));
    System.out.printf("%s(%s) = %.4f%n", r.getClass().getSimpleName(),
        completion.length() > 40 ? completion.substring(0, 40) + "…" : completion, s);
    return s;
  }

  @Test
  void lengthRewardsTwentyToEightHundredStrippedCharacters() {
    LengthReward r = new LengthReward();
    assertEquals(-0.5, score(r, "x".repeat(19)));
    assertEquals(0.5, score(r, "x".repeat(20)));
    assertEquals(-0.5, score(r, "   " + "x".repeat(19) + "\n\n"), "whitespace is stripped first");
    assertEquals(0.5, score(r, "x".repeat(800)));
    assertEquals(-0.5, score(r, "x".repeat(801)));
    // characters as Python counts them: 20 emoji are 40 Java chars but 20 code points
    assertEquals(0.5, score(r, "\uD83D\uDE00".repeat(20)));
    assertEquals(-0.5, score(r, "\uD83D\uDE00".repeat(10)));
  }

  @Test
  void thinkRewardScoresThinkingLengthAndASingleCloseTag() {
    ThinkReward r = new ThinkReward();
    assertEquals(0.0, score(r, "no reasoning here at all, just an answer"));
    // thinking = "<think>\n" + 25 x = 33 characters → +1.0; one </think> → +0.25
    assertEquals(1.25, score(r, "<think>\n" + "x".repeat(25) + "\n</think>\nanswer"));
    // thinking "<think>hi" = 9 characters → −0.5; +0.25
    assertEquals(-0.25, score(r, "<think>hi</think>ok"));
    // 37 characters of thinking, but two </think> → 1.0 − 0.25
    assertEquals(0.75, score(r, "<think>" + "x".repeat(30) + "</think>a</think>"));
    // 301 characters of thinking → −0.5 + 0.25
    assertEquals(-0.25, score(r, "x".repeat(301) + "</think>a"));
  }

  @Test
  void formatRewardIsTheOlderRegexPlusTagCounts() {
    FormatReward r = new FormatReward();
    assertEquals(1.5, score(r, "<think>\nA\n</think>\n<answer>\nB\n</answer>"));
    assertEquals(1.5, score(r, "<think>\nA\n</think>\n\n<answer>\nB\n</answer>"));
    assertEquals(1.5, score(r, "<think>\nA\n</think>\n<answer>\nB\n</answer>\n"), "$ matches before a final newline");
    assertEquals(1.0, score(r, "<think>\nA\n</think>\n\n\n<answer>\nB\n</answer>"), "three newlines: tags only");
    assertEquals(0.5, score(r, "<think>\nA\n</think>\nB"), "no answer block: two tags");
    assertEquals(0.75, score(r, "<think><think>\nA\n</think>\n<answer>\nB\n</answer>"), "<think> twice");
    assertEquals(0.0, score(r, "plain"));
  }

  @Test
  void repetitionPenaltyCountsRepeatedTrigramsOfTheAnswer() {
    RepetitionPenalty r = new RepetitionPenalty();
    // tokens a b c a b c: 4 trigrams, 3 distinct → (4 − 3)·0.5·2/4 = 0.25
    assertEquals(-0.25, score(r, "a b c a b c"), 1e-12);
    assertEquals(-0.25, score(r, "A b C a B c"), 1e-12, "lower-cased first");
    assertEquals(0.0, score(r, "the cat sat."), "punctuation is a token: 2 distinct trigrams");
    // a×6: 4 trigrams, 1 distinct → 0.75, capped at 0.5
    assertEquals(-0.5, score(r, "a a a a a a"));
    assertEquals(0.0, score(r, "a b"), "no trigram");
    // only the answer after </think> counts
    assertEquals(0.0, score(r, "<think>\nx x x x x x\n</think>\nHello, world!"));
    // punctuation tokens: "x , x , x ," → x , x , x , : 4 trigrams, 2 distinct → 2·1/4 = 0.5
    assertEquals(-0.5, score(r, "x,x,x,"));
    // Unicode words: 6 CJK-word tokens "你好 世界 你好 世界 你好 世界" → 4 trigrams, 2 distinct → 0.5
    assertEquals(-0.5, score(r, "你好 世界 你好 世界 你好 世界"));
  }

  @Test
  void targetTokenRewardIsTheFractionOfTargetIds() {
    TargetTokenReward r = new TargetTokenReward(2, 1);
    assertEquals(0.75, r.score(new RewardInput("p", "c", new int[] {1, 5, 1, 2})));
    assertEquals(0.0, r.score(new RewardInput("p", "", new int[0])));
    assertEquals(0.0, r.score(new RewardInput("p", "c", new int[] {3, 4})));
  }

  @Test
  void weightedSumUsesEachWeight() {
    WeightedReward w = RuleRewards.weighted(Map.of("length", 2.0, "repetition", 0.5));
    // "a b c a b c": 11 characters → length −0.5; repetition −0.25 → 2·(−0.5) + 0.5·(−0.25)
    double[] s = w.score(List.of(text("a b c a b c"), text("x".repeat(30))));
    System.out.printf("weighted: %.4f %.4f%n", s[0], s[1]);
    assertEquals(-1.125, s[0], 1e-12);
    assertEquals(1.0, s[1], 1e-12);
    // MiniMind's rule defaults: length + think + repetition, weight 1
    double[] d = RuleRewards.weighted(Map.of()).score(List.of(text("<think>\n" + "x".repeat(25) + "\n</think>\nanswer")));
    assertEquals(0.5 + 1.25 + 0.0, d[0], 1e-12);
  }

  @Test
  void badWeightsAreRefusedByName() {
    var e = assertThrows(IllegalArgumentException.class, () -> RuleRewards.weighted(Map.of("lenght", 1.0)));
    assertTrue(e.getMessage().contains("unknown reward \"lenght\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RuleRewards.weighted(Map.of("target", 1.0)));
    assertTrue(e.getMessage().contains("no target token ids"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RuleRewards.weighted(Map.of("length", Double.NaN)));
    assertTrue(e.getMessage().contains("rewardWeights.length"), e.getMessage());
  }
}
