package io.minimind.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.ModelOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training loop shared by pretraining and SFT: micro-batches with gradient accumulation,
 * global-norm clipping, AdamW on MiniMind's schedule, periodic checkpoints, exact resume.
 *
 * <p>Micro-batch m covers samples [j·B, (j+1)·B) of epoch m / M in that epoch's seeded order (M
 * micro-batches per epoch, j = m mod M); optimizer step s uses micro-batches [s·A, (s+1)·A). The
 * data position is therefore just the step count, which is what makes resume exact.
 */
public final class Trainer {
  private final MiniMindModel model;
  private final TokenDataset data;
  private final TrainConfig cfg;
  private final RunIdentity identity;
  private final ProgressListener listener;
  private final Checkpoints checkpoints;
  private final TrainableWeights trainable;

  /** Full-parameter training of {@code model}. */
  public Trainer(
      MiniMindModel model,
      TokenDataset data,
      TrainConfig cfg,
      RunIdentity identity,
      Checkpoints checkpoints,
      ProgressListener listener) {
    this(model, data, cfg, identity, checkpoints, listener, TrainableWeights.fullModel(model));
  }

  /** Training only {@code trainable} (LoRA adapters) with the model's cross-entropy. */
  public Trainer(
      MiniMindModel model,
      TokenDataset data,
      TrainConfig cfg,
      RunIdentity identity,
      Checkpoints checkpoints,
      ProgressListener listener,
      TrainableWeights trainable) {
    this.model = model;
    this.data = data;
    this.cfg = cfg;
    this.identity = identity;
    this.checkpoints = checkpoints;
    this.listener = listener;
    this.trainable = trainable;
  }

  /** Micro-batches in one epoch (the last may be smaller than the batch size). */
  public long microBatchesPerEpoch() {
    return (data.size() + cfg.batchSize() - 1) / cfg.batchSize();
  }

  /** Optimizer steps of the whole run. */
  public long totalSteps() {
    if (cfg.maxSteps() > 0) {
      return cfg.maxSteps();
    }
    long micro = cfg.epochs() * microBatchesPerEpoch();
    return (micro + cfg.accumulationSteps() - 1) / cfg.accumulationSteps();
  }

  /**
   * Runs (or resumes) training.
   *
   * @param manager owns the optimizer state
   * @param resume continue from the newest checkpoint when there is one
   */
  public TrainResult run(NDManager manager, boolean resume) throws IOException {
    DataOrder order = new DataOrder(data.size(), cfg.seed(), cfg.shuffle());
    Map<String, Parameter> params = trainable.parameters();
    return AdamWTraining.run(trainable, cfg, identity, checkpoints, listener, manager, totalSteps(),
        resume, (step, total, optimizer) -> trainStep(manager, step, total, order, params, optimizer));
  }

  private StepResult trainStep(
      NDManager manager,
      long step, long total, DataOrder order, Map<String, Parameter> params, AdamW optimizer) {
    int micro = cfg.accumulationSteps();
    double lossSum = 0;
    double auxSum = 0;
    long positions = 0;
    for (int a = 0; a < micro; a++) {
      Batch batch = batch(step * micro + a, order);
      positions += batch.positions();
      try (NDManager scope = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        ModelOutput out = model.forward(batch.inputArray(scope), null, null, 0, true);
        NDArray ce = LanguageModelLoss.crossEntropy(out.logits(), batch.targetArray(scope), batch.weightArray(scope));
        lossSum += MicroBatchGradients.backwardFinite(collector, ce, out.auxLoss(), micro, "loss", step, a);
        if (out.auxLoss() != null) {
          auxSum += Scalars.asDouble(out.auxLoss());
        }
      }
    }
    OptimizerStep.Update u = OptimizerStep.scheduled(params, optimizer, cfg, step, total);
    int epoch = epochOf((step + 1) * micro - 1);
    return new StepResult(lossSum / micro, auxSum / micro, u.learningRate(), u.gradNorm(), positions,
        epoch, Map.of());
  }

  private Batch batch(long microBatch, DataOrder order) {
    long perEpoch = microBatchesPerEpoch();
    int epoch = (int) (microBatch / perEpoch);
    int first = (int) ((microBatch % perEpoch) * cfg.batchSize());
    int last = Math.min(first + cfg.batchSize(), data.size());
    List<TokenizedSample> samples = new ArrayList<>(last - first);
    for (int i = first; i < last; i++) {
      samples.add(data.get(order.sampleAt(epoch, i)));
    }
    return Batch.of(samples, identity.padId());
  }

  private int epochOf(long microBatch) {
    return (int) (microBatch / microBatchesPerEpoch());
  }

}
