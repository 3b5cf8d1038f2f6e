package io.minimind.core.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How rollout tokens are sampled: temperature, then top-k and top-p filtering of the tempered
 * distribution. The old log-probs are always of the whole, untempered distribution (MiniMind's
 * {@code compute_per_token_logps}), whatever the filter.
 *
 * @param temperature > 0 (MiniMind 0.8)
 * @param topK keep the k likeliest tokens; 0 = all (MiniMind's rollout {@code generate}: 50)
 * @param topP keep the smallest set with this much probability; 1 = all (MiniMind: 0.85)
 */
public record RolloutSampling(double temperature, int topK, double topP) {
  public RolloutSampling {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("rollout temperature must be > 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("rollout topK must be >= 0 (0 = whole vocabulary), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("rollout topP must be in (0, 1], got " + topP);
    }
  }

  /** Sampling from the whole vocabulary at {@code temperature}. */
  public static RolloutSampling wholeVocabulary(double temperature) {
    return new RolloutSampling(temperature, 0, 1.0);
  }

  /** Whether a filter is set (it then belongs in the run identity). */
  public boolean filtered() {
    return topK != 0 || topP != 1.0;
  }

  /** The filter for {@link io.minimind.core.train.RunIdentity#settings()} (empty when unfiltered). */
  Map<String, String> identity() {
    Map<String, String> m = new LinkedHashMap<>();
    if (filtered()) {
      m.put("rolloutTopK", Integer.toString(topK));
      m.put("rolloutTopP", Double.toString(topP));
    }
    return m;
  }
}
