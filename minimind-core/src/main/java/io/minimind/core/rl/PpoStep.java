package io.minimind.core.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.rl.reward.RewardFunction;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.LrSchedule;
import io.minimind.core.train.MicroBatchGradients;
import io.minimind.core.train.OptimizerStep;
import io.minimind.core.train.Scalars;
import io.minimind.core.train.StepFunction;
import io.minimind.core.train.StepResult;
import io.minimind.core.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PPO optimizer step (MiniMind's train_ppo.py): one completion per prompt from the actor, the
 * score on its last token, the old critic's values → GAE advantages (whitened) and returns, the old
 * actor's and the reference's log-probs; then the clipped actor loss with the KL penalty plus the
 * clipped value loss, one AdamW update of actor and of critic, and every {@code oldActorRefresh}
 * steps the old actor becomes a copy of the actor.
 */
public final class PpoStep implements StepFunction {
  /** The models PPO keeps. */
  public record Models(MiniMindModel actor, MiniMindModel oldActor, MiniMindModel reference, CriticModel critic) {}

  private final Models models;
  private final PromptBatches batches;
  private final RolloutGenerator generator;
  private final RewardFunction reward;
  private final PpoSettings s;
  private final PpoLoss loss;
  private final TrainConfig cfg;
  private final AdamW actorOptimizer;
  private final AdamW criticOptimizer;
  private final NDManager manager;
  private final int padId;

  public PpoStep(Models models, PromptBatches batches, RolloutGenerator generator, RewardFunction reward,
      PpoSettings settings, TrainConfig cfg, AdamW actorOptimizer, AdamW criticOptimizer, NDManager manager,
      int padId) {
    this.models = models;
    this.batches = batches;
    this.generator = generator;
    this.reward = reward;
    this.s = settings;
    this.loss = new PpoLoss(settings.clipEpsilon(), settings.valueLossCoef(), settings.klCoef(), settings.valueClip());
    this.cfg = cfg;
    this.actorOptimizer = actorOptimizer;
    this.criticOptimizer = criticOptimizer;
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
      long t0 = System.nanoTime();
      RolloutBatch batch = new RolloutBatch(scored.samples(), padId);
      try (NDManager scope = manager.newSubManager()) {
        DataType dt = models.actor().dataType();
        NDArray mask = batch.completionMask(scope, dt);
        NDArray old = TokenLogProbs.frozen(models.oldActor(), batch, scope);
        NDArray ref = TokenLogProbs.frozen(models.reference(), batch, scope);
        NDArray oldValues = completionValues(batch, scope, false).mul(mask); // (N, R), 0 past each end
        double[][] v = rows(oldValues, batch);
        Gae.Result gae = Gae.compute(v, scored.rewards(), batch.lengths(), s.gamma(), s.lambda());
        double[][] adv = Gae.whiten(gae.advantages(), batch.lengths());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          TokenLogProbs.Result pol = TokenLogProbs.of(models.actor(), batch, scope, true);
          NDArray values = completionValues(batch, scope, true);
          LossTerms t = loss.compute(pol.logp(), old, ref, array(scope, adv, dt), values, oldValues,
              array(scope, gae.returns(), dt), mask);
          MicroBatchGradients.backward(collector, t.loss(), pol.auxLoss(), micro);
          lossSum += Scalars.asDouble(t.loss());
          auxSum += pol.auxLoss() == null ? 0 : Scalars.asDouble(pol.auxLoss());
          Map<String, Double> metrics = new LinkedHashMap<>(t.metrics());
          metrics.put("entropy", Scalars.asDouble(Masked.tokenMean(pol.entropy(), mask)));
          metrics.put("value_mean", Scalars.asDouble(Masked.tokenMean(oldValues, mask)));
          GrpoStep.rolloutMetrics(metrics, scored, flatCounted(adv, batch.lengths()));
          metrics.put("update_s", (System.nanoTime() - t0) / 1e9);
          stats.add(metrics);
        }
      }
    }
    long t1 = System.nanoTime();
    double criticLr = LrSchedule.minimind(step, totalSteps, s.criticLearningRate());
    OptimizerStep.Update u = OptimizerStep.scheduled(models.actor().parameters(), actorOptimizer, cfg, step,
        totalSteps);
    OptimizerStep.Update c = OptimizerStep.apply(models.critic().parameters(), criticOptimizer, criticLr, cfg.gradClip());
    if ((step + 1) % s.oldActorRefresh() == 0) {
      NamedParameters.copy(models.actor().parameters(), models.oldActor().parameters());
    }
    Map<String, Double> metrics = stats.means();
    metrics.put("critic_grad_norm", c.gradNorm());
    metrics.merge("update_s", (System.nanoTime() - t1) / 1e9, Double::sum);
    return new StepResult(lossSum / micro, auxSum / micro, u.learningRate(), u.gradNorm(), positions,
        batches.epochOf((step + 1) * micro - 1), metrics);
  }

  /** The critic's values of the states before each completion token: columns P−1 … P+R−2, (N, R). */
  private NDArray completionValues(RolloutBatch batch, NDManager scope, boolean training) {
    NDArray all = models.critic().values(batch.inputIds(scope), batch.attentionMask(scope), training); // (N, P+R)
    int p = batch.promptLen;
    return all.get(":, " + (p - 1) + ":" + (p - 1 + batch.completionLen));
  }

  private static double[][] rows(NDArray x, RolloutBatch batch) {
    double[] flat = x.toType(DataType.FLOAT64, false).toDoubleArray();
    double[][] out = new double[batch.rows][batch.completionLen];
    for (int i = 0; i < batch.rows; i++) {
      System.arraycopy(flat, i * batch.completionLen, out[i], 0, batch.completionLen);
    }
    return out;
  }

  private static NDArray array(NDManager scope, double[][] x, DataType dt) {
    double[] flat = java.util.Arrays.stream(x).flatMapToDouble(java.util.Arrays::stream).toArray();
    return scope.create(flat, new Shape(x.length, x[0].length)).toType(dt, false);
  }

  private static double[] flatCounted(double[][] adv, int[] lengths) {
    int n = 0;
    for (int l : lengths) {
      n += l;
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = 0; i < adv.length; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        out[k++] = adv[i][t];
      }
    }
    return out;
  }
}
