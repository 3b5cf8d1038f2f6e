package io.minimind.core.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GRPO and CISPO hyper-parameters (names as the pipeline contract's {@code grpo} stage).
 *
 * @param lossType "grpo" (clipped ratio) or "cispo" (MiniMind's default: clipped, detached weight)
 * @param groupSize G completions per prompt (MiniMind {@code num_generations}, default 6; contract 4)
 * @param beta KL penalty coefficient (contract 0.02; MiniMind's script 0.1)
 * @param clipEpsilon GRPO ratio clip ε (0.2)
 * @param epsilonHigh CISPO's upper bound on the importance weight (5.0)
 * @param maxNewTokens tokens generated per completion (MiniMind {@code max_gen_len})
 * @param temperature sampling temperature of the rollouts (MiniMind 0.8)
 */
public record GrpoSettings(String lossType, int groupSize, double beta, double clipEpsilon, double epsilonHigh,
    int maxNewTokens, double temperature) implements RlSettings {

  public GrpoSettings {
    if (!"grpo".equals(lossType) && !"cispo".equals(lossType)) {
      throw new IllegalArgumentException("lossType must be grpo or cispo, got " + lossType);
    }
    if (groupSize < 2) {
      throw new IllegalArgumentException("groupSize must be >= 2 (advantages are relative to the group), got " + groupSize);
    }
    if (maxNewTokens < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1 and temperature > 0, got "
          + maxNewTokens + ", " + temperature);
    }
    new GrpoLoss(beta, clipEpsilon); // validates beta and clipEpsilon
    new CispoLoss(beta, epsilonHigh);
  }

  public static GrpoSettings grpoDefaults() {
    return new GrpoSettings("grpo", 4, 0.02, 0.2, 5.0, 256, 0.8);
  }

  public static GrpoSettings cispoDefaults() {
    return new GrpoSettings("cispo", 4, 0.02, 0.2, 5.0, 256, 0.8);
  }

  @Override
  public String mode() {
    return lossType;
  }

  /** For {@link io.minimind.core.train.RunIdentity#settings()}: a resume must not change them. */
  @Override
  public Map<String, String> identity() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("lossType", lossType);
    m.put("groupSize", Integer.toString(groupSize));
    m.put("beta", Double.toString(beta));
    m.put("clipEpsilon", Double.toString(clipEpsilon));
    m.put("epsilonHigh", Double.toString(epsilonHigh));
    m.put("maxNewTokens", Integer.toString(maxNewTokens));
    m.put("temperature", Double.toString(temperature));
    return m;
  }
}
