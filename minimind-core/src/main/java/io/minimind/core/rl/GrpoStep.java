package io.minimind.core.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.rl.reward.RewardFunction;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.MicroBatchGradients;
import io.minimind.core.train.OptimizerStep;
import io.minimind.core.train.Scalars;
import io.minimind.core.train.StepFunction;
import io.minimind.core.train.StepResult;
import io.minimind.core.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GRPO or CISPO optimizer step (MiniMind train_grpo.py): for each micro-batch, G rollouts of
 * each of B prompts on the current policy, rule rewards, group-normalised advantages, the
 * reference's log-probs (no gradient), then the policy loss and its backward pass; finally AdamW on
 * MiniMind's schedule with gradient clipping.
 */
public final class GrpoStep implements StepFunction {
  private final MiniMindModel policy;
  private final MiniMindModel reference;
  private final PromptBatches batches;
  private final RolloutGenerator generator;
  private final RewardFunction reward;
  private final GrpoSettings s;
  private final GroupLoss loss;
  private final TrainConfig cfg;
  private final AdamW optimizer;
  private final NDManager manager;
  private final int padId;

  public GrpoStep(MiniMindModel policy, MiniMindModel reference, PromptBatches batches, RolloutGenerator generator,
      RewardFunction reward, GrpoSettings settings, TrainConfig cfg, AdamW optimizer, NDManager manager, int padId) {
    this.policy = policy;
    this.reference = reference;
    this.batches = batches;
    this.generator = generator;
    this.reward = reward;
    this.s = settings;
    this.loss = "cispo".equals(settings.lossType())
        ? new CispoLoss(settings.beta(), settings.epsilonHigh())::compute
        : new GrpoLoss(settings.beta(), settings.clipEpsilon())::compute;
    this.cfg = cfg;
    this.optimizer = optimizer;
    this.manager = manager;
    this.padId = padId;
  }

  /** GRPO's or CISPO's token loss: (logp, old logp, ref logp, advantages, mask) → terms. */
  @FunctionalInterface
  private interface GroupLoss {
    LossTerms compute(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask);
  }

  @Override
  public StepResult run(long step, long totalSteps) {
    int micro = cfg.accumulationSteps();
    Stats stats = new Stats();
    double lossSum = 0;
    double auxSum = 0;
    long positions = 0;
    for (int a = 0; a < micro; a++) {
      long m = step * micro + a;
      Scored scored = Scored.rollOut(generator, reward, batches.prompts(m), s.groupSize(), batches.seed(m));
      positions += scored.positions();
      double[] adv = GroupAdvantages.compute(scored.rewards(), s.groupSize());
      long t0 = System.nanoTime();
      RolloutBatch batch = new RolloutBatch(scored.samples(), padId);
      try (NDManager scope = manager.newSubManager()) {
        DataType dt = policy.dataType();
        NDArray ref = TokenLogProbs.frozen(reference, batch, scope);
        NDArray mask = batch.completionMask(scope, dt);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          TokenLogProbs.Result pol = TokenLogProbs.of(policy, batch, scope, true);
          NDArray advantages = scope.create(adv).toType(dt, false);
          LossTerms t = loss.compute(pol.logp(), batch.oldLogProbs(scope, dt), ref, advantages, mask);
          MicroBatchGradients.backward(collector, t.loss(), pol.auxLoss(), micro);
          lossSum += Scalars.asDouble(t.loss());
          auxSum += pol.auxLoss() == null ? 0 : Scalars.asDouble(pol.auxLoss());
          Map<String, Double> metrics = new LinkedHashMap<>(t.metrics());
          metrics.put("entropy", Scalars.asDouble(Masked.tokenMean(pol.entropy(), mask)));
          rolloutMetrics(metrics, scored, adv);
          metrics.put("update_s", (System.nanoTime() - t0) / 1e9);
          stats.add(metrics);
        }
      }
    }
    long t1 = System.nanoTime();
    OptimizerStep.Update u = OptimizerStep.scheduled(policy.parameters(), optimizer, cfg, step, totalSteps);
    Map<String, Double> metrics = stats.means();
    metrics.merge("update_s", (System.nanoTime() - t1) / 1e9, Double::sum);
    return new StepResult(lossSum / micro, auxSum / micro, u.learningRate(), u.gradNorm(), positions,
        batches.epochOf((step + 1) * micro - 1), metrics);
  }

  /** Reward, length and advantage statistics shared by the RL steps. */
  static void rolloutMetrics(Map<String, Double> metrics, Scored scored, double[] adv) {
    metrics.put("reward_mean", scored.rewardMean());
    metrics.put("reward_std", scored.rewardStd());
    metrics.put("response_length", scored.meanLength());
    metrics.put("advantage_mean", Stats.mean(adv));
    metrics.put("advantage_std", Stats.std(adv));
    metrics.put("rollout_s", scored.rolloutSeconds());
    metrics.put("scoring_s", scored.scoringSeconds());
  }
}
