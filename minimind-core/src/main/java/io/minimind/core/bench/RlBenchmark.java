package io.minimind.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.minimind.core.model.MiniMindConfig;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.rl.CriticModel;
import io.minimind.core.rl.GrpoSettings;
import io.minimind.core.rl.GrpoStep;
import io.minimind.core.rl.NamedParameters;
import io.minimind.core.rl.PpoSettings;
import io.minimind.core.rl.PpoStep;
import io.minimind.core.rl.PromptBatches;
import io.minimind.core.rl.PromptSource;
import io.minimind.core.rl.RlPrompt;
import io.minimind.core.rl.RolloutEngines;
import io.minimind.core.rl.reward.RewardFunction;
import io.minimind.core.rl.reward.RuleRewards;
import io.minimind.core.tokenizer.MiniMindTokenizer;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.GradMode;
import io.minimind.core.train.StepFunction;
import io.minimind.core.train.StepResult;
import io.minimind.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * RL step time, split into rollout generation, reward scoring and the update (reference/old-actor
 * forwards, policy and critic forward and backward, AdamW), for GRPO and PPO on a randomly
 * initialised model with random prompts and MiniMind's rule rewards. Completions of a random model
 * rarely end early, so every step generates close to {@code maxNewTokens} per completion.
 */
public final class RlBenchmark {
  private RlBenchmark() {}

  /** Mean seconds per timed step, and completions per second. */
  public record Result(String algorithm, String preset, String rolloutEngine, long parameters, int completionsPerStep,
      double completionTokens, int steps, double rolloutS, double scoringS, double updateS, double stepS,
      double samplesPerSecond) {}

  /**
   * @param algorithm grpo or ppo
   * @param prompts prompts per step (B)
   * @param groupSize completions per prompt (GRPO's G; PPO uses 1)
   * @param rolloutEngine auto, djl or java ({@link RolloutEngines})
   */
  public static Result run(String algorithm, String preset, MiniMindConfig config, String rolloutEngine, int prompts,
      int groupSize, int promptLen, int maxNewTokens, int warmup, int steps) {
    if (!algorithm.equals("grpo") && !algorithm.equals("ppo")) {
      throw new IllegalArgumentException("algorithm must be grpo or ppo, got " + algorithm);
    }
    GradMode.offOnThisThread();
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        MiniMindTokenizer tok = MiniMindTokenizer.defaultTokenizer()) {
      Engine.getInstance().setRandomSeed(0);
      MiniMindModel policy = new MiniMindModel(config);
      policy.initializeRandom(m, DataType.FLOAT32);
      int total = warmup + steps;
      TrainConfig cfg = new TrainConfig(1, prompts, 1e-5, promptLen, 1, 1.0, 0.0, 0, 1, 1, false, total, 0, 1);
      PromptBatches batches = new PromptBatches(randomPrompts(prompts * total, promptLen, config.vocabSize(), tok), cfg);
      RewardFunction reward = RuleRewards.weighted(java.util.Map.of());
      var generator = RolloutEngines.create(rolloutEngine, policy, m, maxNewTokens, 0.8, tok.eosId(),
          ids -> tok.decode(ids, true));
      String engineUsed = generator.getClass().getSimpleName().startsWith("Engine") ? "java" : "djl";
      MiniMindModel reference = NamedParameters.copyOf(policy, m);
      try (AdamW actorOpt = AdamW.torchDefaults(m); AdamW criticOpt = AdamW.torchDefaults(m)) {
        StepFunction step;
        int perStep;
        if (algorithm.equals("grpo")) {
          GrpoSettings s = new GrpoSettings("grpo", groupSize, 0.02, 0.2, 5.0, maxNewTokens, 0.8);
          step = new GrpoStep(policy, reference, batches, generator, reward, s, cfg, actorOpt, m, tok.padId());
          perStep = prompts * groupSize;
        } else {
          PpoSettings s = PpoSettings.defaults(1e-5);
          s = new PpoSettings(s.clipEpsilon(), s.valueLossCoef(), s.klCoef(), s.gamma(), s.lambda(),
              s.oldActorRefresh(), s.valueClip(), s.criticLearningRate(), maxNewTokens, 0.8);
          CriticModel critic = new CriticModel(NamedParameters.copyOf(policy, m), m);
          PpoStep.Models models = new PpoStep.Models(policy, NamedParameters.copyOf(policy, m), reference, critic);
          step = new PpoStep(models, batches, generator, reward, s, cfg, actorOpt, criticOpt, m, tok.padId());
          perStep = prompts;
        }
        return measure(algorithm, preset, engineUsed, policy.parameterCount(), step, perStep, warmup, steps, total);
      }
    }
  }

  private static Result measure(String algorithm, String preset, String engine, long params, StepFunction step, int perStep,
      int warmup, int steps, int total) {
    double[] split = new double[3];
    double tokens = 0;
    long start = 0;
    for (int i = 0; i < total; i++) {
      if (i == warmup) {
        start = System.nanoTime();
      }
      StepResult r = step.run(i, total);
      if (i >= warmup) {
        split[0] += r.metrics().get("rollout_s");
        split[1] += r.metrics().get("scoring_s");
        split[2] += r.metrics().get("update_s");
        tokens += r.metrics().get("response_length");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(algorithm, preset, engine, params, perStep, tokens / steps, steps, split[0] / steps, split[1] / steps,
        split[2] / steps, seconds / steps, perStep * steps / seconds);
  }

  private static PromptSource randomPrompts(int n, int len, int vocab, MiniMindTokenizer tok) {
    Random r = new Random(3);
    List<RlPrompt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] ids = new int[len];
      for (int t = 0; t < len; t++) {
        ids[t] = 3 + r.nextInt(vocab - 3); // no pad, bos or end
      }
      out.add(new RlPrompt(i, ids, tok.decode(ids)));
    }
    return PromptSource.of(out);
  }
}
