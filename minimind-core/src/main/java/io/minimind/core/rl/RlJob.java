package io.minimind.core.rl;

import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.rl.reward.RewardFunction;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.TrainConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What every RL algorithm trains on, independent of the algorithm.
 *
 * @param policy the model to train, holding its starting weights (the reference is a frozen copy)
 * @param prompts the prompts
 * @param reward scores completions
 * @param cfg batch size (prompts per micro-batch), learning rate, steps, seed...
 * @param identity mode, data, tokenizer and pad id; the algorithm adds its settings
 * @param checkpoints where checkpoints go
 * @param listener progress
 * @param padId padding id
 * @param endId the id that ends a completion ({@code <|im_end|>})
 * @param decoder completion ids → text without special tokens
 * @param rolloutEngine djl or java ({@link RolloutEngines}); part of the run's identity, since the
 *     two may round a logit differently and so, rarely, sample differently
 * @param rolloutTopK rolloutTopP the rollouts' top-k/top-p filter (0 and 1: whole vocabulary); the
 *     temperature comes from the algorithm's settings
 */
public record RlJob(MiniMindModel policy, PromptSource prompts, RewardFunction reward, TrainConfig cfg,
    RunIdentity identity, Checkpoints checkpoints, ProgressListener listener, int padId, int endId,
    Function<int[], String> decoder, String rolloutEngine, int rolloutTopK, double rolloutTopP) {

  /** A job sampling rollouts from the whole vocabulary. */
  public RlJob(MiniMindModel policy, PromptSource prompts, RewardFunction reward, TrainConfig cfg,
      RunIdentity identity, Checkpoints checkpoints, ProgressListener listener, int padId, int endId,
      Function<int[], String> decoder, String rolloutEngine) {
    this(policy, prompts, reward, cfg, identity, checkpoints, listener, padId, endId, decoder,
        rolloutEngine, 0, 1.0);
  }

  /** A job with the DJL rollout engine. */
  public RlJob(MiniMindModel policy, PromptSource prompts, RewardFunction reward, TrainConfig cfg,
      RunIdentity identity, Checkpoints checkpoints, ProgressListener listener, int padId, int endId,
      Function<int[], String> decoder) {
    this(policy, prompts, reward, cfg, identity, checkpoints, listener, padId, endId, decoder, "djl");
  }

  /** The rollout generator on the policy. */
  RolloutGenerator rollouts(ai.djl.ndarray.NDManager manager, int maxNewTokens, double temperature) {
    return RolloutEngines.create(rolloutEngine, policy, manager, maxNewTokens, sampling(temperature), endId,
        decoder);
  }

  private RolloutSampling sampling(double temperature) {
    return new RolloutSampling(temperature, rolloutTopK, rolloutTopP);
  }

  /** The identity with the algorithm's settings added. */
  RunIdentity identityWith(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(identity.settings());
    all.putAll(settings);
    all.put("rolloutEngine", rolloutEngine);
    all.putAll(sampling(1.0).identity()); // the filter only; the temperature is in the settings
    return new RunIdentity(identity.mode(), identity.dataFingerprint(), identity.tokenizerSha256(), identity.padId(), all);
  }
}
