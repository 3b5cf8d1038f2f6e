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
import java.util.List;
import java.util.Map;

/**
 * One SPO optimizer step: one completion per prompt (no groups), each prompt's tracked baseline
 * read before the update, advantages r − baseline normalised over the micro-batch, the policy
 * loss, then each prompt's tracker folds in its reward and the completion's mean token log-prob
 * (MiniMind's order: baselines, loss, tracker update, optimizer step).
 */
public final class SpoStep implements StepFunction {
  private final MiniMindModel policy;
  private final MiniMindModel reference;
  private final PromptBatches batches;
  private final RolloutGenerator generator;
  private final RewardFunction reward;
  private final SpoValueTracker tracker;
  private final SpoLoss loss;
  private final TrainConfig cfg;
  private final AdamW optimizer;
  private final NDManager manager;
  private final int padId;

  public SpoStep(MiniMindModel policy, MiniMindModel reference, PromptBatches batches, RolloutGenerator generator,
      RewardFunction reward, SpoValueTracker tracker, SpoSettings settings, TrainConfig cfg, AdamW optimizer,
      NDManager manager, int padId) {
    if (cfg.batchSize() < 2) {
      throw new IllegalArgumentException("SPO normalises advantages over the batch: batchSize must be >= 2, got "
          + cfg.batchSize());
    }
    this.policy = policy;
    this.reference = reference;
    this.batches = batches;
    this.generator = generator;
    this.reward = reward;
    this.tracker = tracker;
    this.loss = new SpoLoss(settings.beta());
    this.cfg = cfg;
    this.optimizer = optimizer;
    this.manager = manager;
    this.padId = padId;
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
      Scored scored = Scored.rollOut(generator, reward, batches.prompts(m), 1, batches.seed(m));
      positions += scored.positions();
      List<RolloutSample> samples = scored.samples();
      double[] baselines = new double[samples.size()];
      for (int i = 0; i < baselines.length; i++) {
        baselines[i] = tracker.baseline(samples.get(i).prompt().index());
      }
      double[] adv = SpoValueTracker.normalisedAdvantages(scored.rewards(), baselines);
      long t0 = System.nanoTime();
      RolloutBatch batch = new RolloutBatch(samples, padId);
      try (NDManager scope = manager.newSubManager()) {
        DataType dt = policy.dataType();
        NDArray ref = TokenLogProbs.frozen(reference, batch, scope);
        NDArray mask = batch.completionMask(scope, dt);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          TokenLogProbs.Result pol = TokenLogProbs.of(policy, batch, scope, true);
          LossTerms t = loss.compute(pol.logp(), ref, scope.create(adv).toType(dt, false), mask);
          MicroBatchGradients.backward(collector, t.loss(), pol.auxLoss(), micro);
          lossSum += Scalars.asDouble(t.loss());
          auxSum += pol.auxLoss() == null ? 0 : Scalars.asDouble(pol.auxLoss());
          double[] meanLogp = Masked.sequenceMean(pol.logp().stopGradient(), mask)
              .toType(DataType.FLOAT64, false).toDoubleArray();
          double rho = 0;
          for (int i = 0; i < samples.size(); i++) {
            rho += tracker.update(samples.get(i).prompt().index(), scored.rewards()[i], meanLogp[i]);
          }
          Map<String, Double> metrics = new LinkedHashMap<>(t.metrics());
          metrics.put("entropy", Scalars.asDouble(Masked.tokenMean(pol.entropy(), mask)));
          metrics.put("baseline_mean", Stats.mean(baselines));
          metrics.put("rho_mean", rho / samples.size());
          GrpoStep.rolloutMetrics(metrics, scored, adv);
          metrics.put("update_s", (System.nanoTime() - t0) / 1e9);
          stats.add(metrics);
        }
      }
    }
    OptimizerStep.Update u = OptimizerStep.scheduled(policy.parameters(), optimizer, cfg, step, totalSteps);
    return new StepResult(lossSum / micro, auxSum / micro, u.learningRate(), u.gradNorm(), positions,
        batches.epochOf((step + 1) * micro - 1), stats.means());
  }
}
