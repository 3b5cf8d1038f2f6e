package io.minimind.core.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO hyper-parameters (names as the pipeline contract's {@code ppo} stage; defaults from MiniMind's
 * older train_ppo.py where the contract follows it).
 *
 * @param clipEpsilon ratio clip ε (0.1)
 * @param valueLossCoef weight of the critic loss (0.5)
 * @param klCoef weight of the k3 KL penalty to the reference (0.02)
 * @param gamma GAE discount (1.0)
 * @param lambda GAE λ (0.95)
 * @param oldActorRefresh the old actor (the ratio's denominator) is refreshed from the actor after
 *     every this many steps (4)
 * @param valueClip the critic's values may move at most this far from their old values in the
 *     clipped value loss (MiniMind {@code cliprange_value} 0.2)
 * @param criticLearningRate peak learning rate of the critic (MiniMind: 5/3 of the actor's)
 * @param maxNewTokens tokens generated per completion
 * @param temperature rollout temperature (MiniMind 0.8)
 */
public record PpoSettings(double clipEpsilon, double valueLossCoef, double klCoef, double gamma, double lambda,
    int oldActorRefresh, double valueClip, double criticLearningRate, int maxNewTokens, double temperature) implements RlSettings {

  public PpoSettings {
    new PpoLoss(clipEpsilon, valueLossCoef, klCoef, valueClip); // validates those
    if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("gamma and lambda must be in [0, 1], got " + gamma + ", " + lambda);
    }
    if (oldActorRefresh < 1) {
      throw new IllegalArgumentException("oldActorRefresh must be >= 1, got " + oldActorRefresh);
    }
    if (!(criticLearningRate > 0 && criticLearningRate < 1)) {
      throw new IllegalArgumentException("criticLearningRate must be in (0, 1), got " + criticLearningRate);
    }
    if (maxNewTokens < 1 || !(temperature > 0)) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1 and temperature > 0, got "
          + maxNewTokens + ", " + temperature);
    }
  }

  /** The defaults, with the critic's learning rate 5/3 of {@code actorLearningRate} (MiniMind 5e-7 vs 3e-7). */
  public static PpoSettings defaults(double actorLearningRate) {
    return new PpoSettings(0.1, 0.5, 0.02, 1.0, 0.95, 4, 0.2, actorLearningRate * 5 / 3, 256, 0.8);
  }

  @Override
  public String mode() {
    return "ppo";
  }

  /** For {@link io.minimind.core.train.RunIdentity#settings()}. */
  @Override
  public Map<String, String> identity() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("clipEpsilon", Double.toString(clipEpsilon));
    m.put("valueLossCoef", Double.toString(valueLossCoef));
    m.put("klCoef", Double.toString(klCoef));
    m.put("gamma", Double.toString(gamma));
    m.put("lambda", Double.toString(lambda));
    m.put("oldActorRefresh", Integer.toString(oldActorRefresh));
    m.put("valueClip", Double.toString(valueClip));
    m.put("criticLearningRate", Double.toString(criticLearningRate));
    m.put("maxNewTokens", Integer.toString(maxNewTokens));
    m.put("temperature", Double.toString(temperature));
    return m;
  }
}
