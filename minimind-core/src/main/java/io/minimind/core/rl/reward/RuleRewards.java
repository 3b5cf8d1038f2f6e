package io.minimind.core.rl.reward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule rewards by name, and the weighted sum a {@code rewardWeights} map asks for.
 *
 * <ul>
 *   <li>{@code length}: {@link LengthReward} (±0.5)
 *   <li>{@code think}: {@link ThinkReward} (MiniMind's current thinking-length and tag reward)
 *   <li>{@code format}: {@link FormatReward} (MiniMind's older think/answer format and tag reward)
 *   <li>{@code repetition}: {@link RepetitionPenalty} (−trigram repeats, cap 0.5)
 *   <li>{@code target}: {@link TargetTokenReward} on the configured target ids (tests, benchmarks)
 * </ul>
 */
public final class RuleRewards {
  /** Names accepted in {@code rewardWeights}. */
  public static final List<String> NAMES = List.of("length", "think", "format", "repetition", "target");

  private RuleRewards() {}

  /**
   * MiniMind's rule part of {@code calculate_rewards} (length + think + repetition, weight 1 each);
   * its reward-model score is a separate, learnt reward that a reward service adds.
   */
  public static Map<String, Double> miniMindDefaults() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("length", 1.0);
    w.put("think", 1.0);
    w.put("repetition", 1.0);
    return w;
  }

  /**
   * The weighted sum of the named rule rewards.
   *
   * @param weights reward name → weight; empty means {@link #miniMindDefaults()}
   * @param targetIds the ids the {@code target} reward counts (needed only when it is named)
   */
  public static WeightedReward weighted(Map<String, Double> weights, int... targetIds) {
    Map<String, Double> w = weights == null || weights.isEmpty() ? miniMindDefaults() : new TreeMap<>(weights);
    Map<String, RewardFunction> parts = new LinkedHashMap<>();
    for (String name : w.keySet()) {
      parts.put(name, byName(name, targetIds));
    }
    return new WeightedReward(parts, w);
  }

  private static RewardFunction byName(String name, int[] targetIds) {
    return switch (name) {
      case "length" -> new LengthReward();
      case "think" -> new ThinkReward();
      case "format" -> new FormatReward();
      case "repetition" -> new RepetitionPenalty();
      case "target" -> {
        if (targetIds == null || targetIds.length == 0) {
          throw new IllegalArgumentException("rewardWeights names \"target\" but no target token ids were given");
        }
        yield new TargetTokenReward(targetIds);
      }
      default -> throw new IllegalArgumentException("rewardWeights: unknown reward \"" + name
          + "\"; known rule rewards: " + String.join(", ", NAMES));
    };
  }
}
