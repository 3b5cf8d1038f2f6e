package io.minimind.core.align;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.ModelOutput;
import io.minimind.core.train.AdamW;
import io.minimind.core.train.AdamWTraining;
import io.minimind.core.train.Batch;
import io.minimind.core.train.MicroBatchGradients;
import io.minimind.core.train.MicroBatchPlan;
import io.minimind.core.train.OptimizerStep;
import io.minimind.core.train.ProgressListener;
import io.minimind.core.train.RunIdentity;
import io.minimind.core.train.Scalars;
import io.minimind.core.train.StepResult;
import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainResult;
import io.minimind.core.train.TrainableWeights;
import io.minimind.core.train.TrainingLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * DPO training of a policy against a frozen reference, one {@link TrainingLoop} step at a time.
 *
 * <p>Data: a dataset of 2N samples where sample 2i is pair i's chosen conversation and 2i+1 its
 * rejected one ({@link io.minimind.core.data.JsonlDataset#dpo}). A micro-batch of B pairs is one
 * forward pass over 2B rows, chosen rows first, as in MiniMind. The objective per micro-batch is
 * the DPO loss plus the policy's MoE auxiliary loss (MiniMind adds it too), divided by the
 * accumulation steps; clipping, AdamW and the cosine schedule are the shared ones.
 */
public final class DpoTrainer {
  private final MiniMindModel policy;
  private final ReferenceLogProbs reference;
  private final TokenDataset data;
  private final TrainConfig cfg;
  private final double beta;
  private final RunIdentity identity;
  private final Checkpoints checkpoints;
  private final ProgressListener listener;
  private final MicroBatchPlan plan;

  /**
   * @param policy the model being trained (all its parameters)
   * @param reference log π_ref of each micro-batch
   * @param data chosen/rejected samples, interleaved (even size)
   * @param beta DPO temperature
   */
  public DpoTrainer(MiniMindModel policy, ReferenceLogProbs reference, TokenDataset data,
      TrainConfig cfg, double beta, RunIdentity identity, Checkpoints checkpoints,
      ProgressListener listener) {
    if (data.size() == 0 || data.size() % 2 != 0) {
      throw new IllegalArgumentException("a DPO dataset holds chosen/rejected pairs, so an even,"
          + " non-zero number of samples; got " + data.size() + " (" + data.describe() + ")");
    }
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be a positive number, got " + beta);
    }
    this.policy = policy;
    this.reference = reference;
    this.data = data;
    this.cfg = cfg;
    this.beta = beta;
    this.identity = identity;
    this.checkpoints = checkpoints;
    this.listener = listener;
    this.plan = new MicroBatchPlan(data.size() / 2, cfg);
  }

  /** Optimizer steps of the whole run. */
  public long totalSteps() {
    return plan.totalSteps();
  }

  /**
   * Runs (or resumes) training.
   *
   * @param manager owns the optimizer state
   * @param resume continue from the newest checkpoint when there is one
   */
  public TrainResult run(NDManager manager, boolean resume) throws IOException {
    TrainableWeights trainable = TrainableWeights.fullModel(policy);
    return AdamWTraining.run(trainable, cfg, identity, checkpoints, listener, manager, totalSteps(),
        resume, (step, total, optimizer) -> step(manager, step, total, trainable, optimizer));
  }

  private StepResult step(NDManager manager, long step, long total, TrainableWeights trainable,
      AdamW optimizer) {
    int micro = cfg.accumulationSteps();
    double lossSum = 0;
    double auxSum = 0;
    long positions = 0;
    DpoMetrics metrics = new DpoMetrics();
    for (int a = 0; a < micro; a++) {
      int[] pairs = plan.items(plan.microBatch(step, a));
      Batch batch = batch(pairs);
      positions += batch.positions();
      try (NDManager scope = manager.newSubManager()) {
        NDArray refLogProbs = reference.logProbs(pairs, batch, scope); // (2P), no graph
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          ModelOutput out = policy.forward(batch.inputArray(scope), null, null, 0, true);
          NDArray logProbs = SequenceLogProbs.sum(
              out.logits(), batch.targetArray(scope), batch.weightArray(scope)); // (2P)
          DpoLoss.Result r = DpoLoss.compute(logProbs, refLogProbs, beta);
          lossSum += MicroBatchGradients.backwardFinite(collector, r.loss(), out.auxLoss(), micro,
              "DPO loss", step, a);
          auxSum += out.auxLoss() == null ? 0 : Scalars.asDouble(out.auxLoss());
          metrics.add(r);
        }
      }
    }
    OptimizerStep.Update u = OptimizerStep.scheduled(trainable.parameters(), optimizer, cfg, step, total);
    return new StepResult(lossSum / micro, auxSum / micro, u.learningRate(), u.gradNorm(),
        positions, plan.epochOfStep(step), metrics.toMap());
  }

  /** Rows [0, P) the pairs' chosen samples, rows [P, 2P) their rejected ones. */
  private Batch batch(int[] pairs) {
    List<TokenizedSample> rows = new ArrayList<>(2 * pairs.length);
    for (int p : pairs) {
      rows.add(data.get(2 * p));
    }
    for (int p : pairs) {
      rows.add(data.get(2 * p + 1));
    }
    return Batch.of(rows, identity.padId());
  }
}
