package io.minimind.core.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SPO hyper-parameters (names as the pipeline contract's {@code spo} stage).
 *
 * @param beta KL penalty coefficient (contract 0.02)
 * @param maxNewTokens tokens generated per completion
 * @param temperature rollout temperature (MiniMind 0.8)
 * @param rewardMin rewardMax the reward range the value tracker normalises from (MiniMind: its
 *     reward-model scores clipped to [−3, 3])
 */
public record SpoSettings(double beta, int maxNewTokens, double temperature, double rewardMin, double rewardMax) implements RlSettings {
  public SpoSettings {
    new SpoLoss(beta); // validates beta
    new SpoValueTracker(rewardMin, rewardMax); // validates the range
    if (maxNewTokens < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1 and temperature > 0, got "
          + maxNewTokens + ", " + temperature);
    }
  }

  public static SpoSettings defaults() {
    return new SpoSettings(0.02, 256, 0.8, -3, 3);
  }

  @Override
  public String mode() {
    return "spo";
  }

  /** For {@link io.minimind.core.train.RunIdentity#settings()}. */
  @Override
  public Map<String, String> identity() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("beta", Double.toString(beta));
    m.put("maxNewTokens", Integer.toString(maxNewTokens));
    m.put("temperature", Double.toString(temperature));
    m.put("rewardMin", Double.toString(rewardMin));
    m.put("rewardMax", Double.toString(rewardMax));
    return m;
  }
}
