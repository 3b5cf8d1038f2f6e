package io.minimind.core.train;

import io.minimind.core.nn.GraphConstants;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.TrainerState;
import io.minimind.core.data.TokenDataset;
import io.minimind.core.data.TokenizedSample;
import io.minimind.core.model.MiniMindModel;
import io.minimind.core.model.ModelOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /**
   * Identifies what is trained, to refuse resuming a checkpoint of a different run.
   *
   * @param mode "pretrain" or "sft"
   * @param dataFingerprint dataset identity (see {@link TrainerState#dataFingerprint()})
   * @param tokenizerSha256 hash of the tokenizer
   * @param padId token id used for padding
   */
  public record RunIdentity(String mode, String dataFingerprint, String tokenizerSha256, int padId) {}

  public Trainer(
      MiniMindModel model,
      TokenDataset data,
      TrainConfig cfg,
      RunIdentity identity,
      Checkpoints checkpoints,
      ProgressListener listener) {
    this.model = model;
    this.data = data;
    this.cfg = cfg;
    this.identity = identity;
    this.checkpoints = checkpoints;
    this.listener = listener;
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
    GradMode.offOnThisThread();
    long total = totalSteps();
    DataOrder order = new DataOrder(data.size(), cfg.seed(), cfg.shuffle());
    Map<String, Parameter> params = model.parameters();
    try (AdamW optimizer = new AdamW(manager, 0.9, 0.999, 1e-8, cfg.weightDecay())) {
      long step = resume ? restore(optimizer, manager, total) : 0;
      listener.onStart(step, total);
      long stopAt = cfg.stopAfterSteps() > 0 ? Math.min(total, cfg.stopAfterSteps()) : total;
      List<Double> losses = new ArrayList<>();
      List<Double> sinceCheckpoint = new ArrayList<>();
      Path lastCheckpoint = null;
      long positions = 0;
      long started = System.nanoTime();
      while (step < stopAt) {
        StepOutcome outcome = trainStep(manager, step, total, order, params, optimizer);
        step++;
        positions += outcome.positions;
        losses.add(outcome.loss);
        sinceCheckpoint.add(outcome.loss);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (step % cfg.logInterval() == 0 || step == stopAt) {
          double perStep = seconds / losses.size();
          listener.onStep(
              new StepMetrics(step, total, epochOf(step * cfg.accumulationSteps() - 1),
                  outcome.loss, outcome.auxLoss, outcome.lr, outcome.gradNorm,
                  positions / Math.max(seconds, 1e-9), perStep * (total - step)));
        }
        boolean save = (cfg.saveInterval() > 0 && step % cfg.saveInterval() == 0) || step == stopAt;
        if (save) {
          TrainerState state = state(step, total, outcome.loss, sinceCheckpoint);
          lastCheckpoint = checkpoints.save(model, optimizer, state, cfg.keepCheckpoints());
          sinceCheckpoint = new ArrayList<>();
          listener.onCheckpoint(step, lastCheckpoint);
        }
        if (step < stopAt && listener.stopRequested()) {
          break;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      TrainResult result = new TrainResult(step, total, losses,
          positions / Math.max(seconds, 1e-9), lastCheckpoint, step == total);
      listener.onFinish(result);
      return result;
    }
  }

  private record StepOutcome(double loss, double auxLoss, double lr, double gradNorm, long positions) {}

  private StepOutcome trainStep(
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
        NDArray objective = out.auxLoss() == null ? ce : ce.add(out.auxLoss());
        collector.backward(objective.div(GraphConstants.scalar(objective, micro)));
        double loss = Scalars.asDouble(ce);
        if (!Double.isFinite(loss)) {
          throw new TrainingDivergedException(
              "loss is " + loss + " at step " + (step + 1) + " (micro-batch " + a + "); lower the learning rate");
        }
        lossSum += loss;
        if (out.auxLoss() != null) {
          auxSum += Scalars.asDouble(out.auxLoss());
        }
      }
    }
    Map<String, NDArray> grads = gradients(params);
    try {
      double norm = GradientClipping.clip(grads, cfg.gradClip());
      double lr = LrSchedule.minimind(step, total, cfg.learningRate());
      optimizer.step(params, grads, lr);
      return new StepOutcome(lossSum / micro, auxSum / micro, lr, norm, positions);
    } finally {
      for (NDArray g : grads.values()) {
        g.subi(g); // zero in place: the next backward accumulates into the same buffer
        g.close();
      }
    }
  }

  private static Map<String, NDArray> gradients(Map<String, Parameter> params) {
    Map<String, NDArray> grads = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray p = e.getValue().getArray();
      if (p.hasGradient()) {
        grads.put(e.getKey(), p.getGradient());
      }
    }
    return grads;
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

  private TrainerState state(long step, long total, double loss, List<Double> recent) {
    long micro = step * cfg.accumulationSteps();
    return new TrainerState(TrainerState.CURRENT_VERSION, step, total, micro, epochOf(micro),
        cfg.seed(), identity.mode(), identity.dataFingerprint(), identity.tokenizerSha256(),
        cfg.batchSize(), cfg.accumulationSteps(), cfg.maxSeqLen(), cfg.learningRate(), loss,
        List.copyOf(recent));
  }

  /** Loads the newest checkpoint, checking it belongs to this run; returns its step. */
  private long restore(AdamW optimizer, NDManager manager, long total) throws IOException {
    var latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return 0;
    }
    TrainerState s = Checkpoints.readState(latest.get());
    List<String> mismatches = new ArrayList<>();
    check(mismatches, "mode", s.mode(), identity.mode());
    check(mismatches, "data", s.dataFingerprint(), identity.dataFingerprint());
    check(mismatches, "tokenizer", s.tokenizerSha256(), identity.tokenizerSha256());
    check(mismatches, "batch size", s.batchSize(), cfg.batchSize());
    check(mismatches, "accumulation steps", s.accumulationSteps(), cfg.accumulationSteps());
    check(mismatches, "max sequence length", s.maxSeqLen(), cfg.maxSeqLen());
    check(mismatches, "seed", s.seed(), cfg.seed());
    check(mismatches, "total steps", s.totalSteps(), total);
    check(mismatches, "learning rate", s.learningRate(), cfg.learningRate());
    if (!mismatches.isEmpty()) {
      throw new IllegalArgumentException("cannot resume from " + latest.get()
          + ": it belongs to a different run (" + String.join("; ", mismatches)
          + "). Use the original settings or a new output directory.");
    }
    Checkpoints.restore(latest.get(), model, optimizer, manager);
    return s.step();
  }

  private static void check(List<String> out, String what, Object saved, Object now) {
    if (!java.util.Objects.equals(saved, now)) {
      out.add(what + " was " + saved + ", now " + now);
    }
  }
}
