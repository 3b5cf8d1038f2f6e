package io.minimind.core.sampling;

import java.util.Arrays;

/**
 * Decoding settings.
 *
 * @param maxNewTokens upper bound on generated tokens
 * @param temperature 0 means greedy (argmax); otherwise logits are divided by it
 * @param topK keep only the k most likely tokens (0: off)
 * @param topP keep the smallest set of tokens whose probability reaches p (1: off)
 * @param repetitionPenalty HF-style: logits of tokens already in the sequence are divided (if
 *     positive) or multiplied (if negative) by it (1: off)
 * @param stopIds generation ends after producing any of these (the stop id is included)
 * @param seed seeds the sampler; equal seeds give equal output
 */
public record GenerationConfig(
    int maxNewTokens,
    double temperature,
    int topK,
    double topP,
    double repetitionPenalty,
    int[] stopIds,
    long seed) {

  public GenerationConfig {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("max new tokens must be >= 1, got " + maxNewTokens);
    }
    if (!(temperature >= 0) || temperature > 100) {
      throw new IllegalArgumentException("temperature must be in [0, 100], got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0)) {
      throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
    }
    stopIds = stopIds == null ? new int[0] : stopIds.clone();
  }

  /** Greedy decoding of up to {@code maxNewTokens}, stopping at {@code stopIds}. */
  public static GenerationConfig greedy(int maxNewTokens, int... stopIds) {
    return new GenerationConfig(maxNewTokens, 0, 0, 1, 1, stopIds, 0);
  }

  /** MiniMind's chat defaults: temperature 0.85, top-p 0.85. */
  public static GenerationConfig chatDefaults(int maxNewTokens, long seed, int... stopIds) {
    return new GenerationConfig(maxNewTokens, 0.85, 0, 0.85, 1.0, stopIds, seed);
  }

  public boolean isStop(int token) {
    for (int s : stopIds) {
      if (s == token) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "GenerationConfig[max=" + maxNewTokens + ", T=" + temperature + ", topK=" + topK
        + ", topP=" + topP + ", rep=" + repetitionPenalty + ", stop=" + Arrays.toString(stopIds)
        + ", seed=" + seed + "]";
  }
}
