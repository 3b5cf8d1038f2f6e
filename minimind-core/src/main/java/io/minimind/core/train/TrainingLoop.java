package io.minimind.core.train;

import io.minimind.core.checkpoint.Checkpoints;
import io.minimind.core.checkpoint.TrainerState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The loop every training algorithm shares: runs {@link StepFunction} steps, reports progress,
 * writes checkpoints every {@code saveInterval} steps and at the end, stops cleanly when asked, and
 * resumes from the newest checkpoint after checking it belongs to the same run.
 *
 * <p>What a step does (cross-entropy, DPO, GRPO...) and what a checkpoint holds (the whole model,
 * LoRA adapters, a critic...) are supplied by the algorithm.
 */
public final class TrainingLoop {
  private final TrainConfig cfg;
  private final RunIdentity identity;
  private final Checkpoints checkpoints;
  private final CheckpointContents contents;
  private final ProgressListener listener;

  public TrainingLoop(TrainConfig cfg, RunIdentity identity, Checkpoints checkpoints,
      CheckpointContents contents, ProgressListener listener) {
    this.cfg = cfg;
    this.identity = identity;
    this.checkpoints = checkpoints;
    this.contents = contents;
    this.listener = listener;
  }

  /**
   * Runs steps until {@code total} (or {@code cfg.stopAfterSteps}, or a stop request).
   *
   * @param total optimizer steps of the whole run
   * @param resume continue from the newest checkpoint when there is one
   */
  public TrainResult run(StepFunction stepFunction, long total, boolean resume) throws IOException {
    long step = resume ? restore(total) : 0;
    listener.onStart(step, total);
    long stopAt = cfg.stopAfterSteps() > 0 ? Math.min(total, cfg.stopAfterSteps()) : total;
    List<Double> losses = new ArrayList<>();
    List<Double> sinceCheckpoint = new ArrayList<>();
    Path lastCheckpoint = null;
    long positions = 0;
    long started = System.nanoTime();
    while (step < stopAt) {
      StepResult r = stepFunction.run(step, total);
      if (!Double.isFinite(r.loss())) {
        throw new TrainingDivergedException("loss is " + r.loss() + " at step " + (step + 1)
            + "; lower the learning rate");
      }
      step++;
      positions += r.positions();
      losses.add(r.loss());
      sinceCheckpoint.add(r.loss());
      double seconds = (System.nanoTime() - started) / 1e9;
      if (step % cfg.logInterval() == 0 || step == stopAt) {
        double perStep = seconds / losses.size();
        listener.onStep(new StepMetrics(step, total, r.epoch(), r.loss(), r.auxLoss(),
            r.learningRate(), r.gradNorm(), positions / Math.max(seconds, 1e-9),
            perStep * (total - step), r.metrics()));
      }
      boolean save = (cfg.saveInterval() > 0 && step % cfg.saveInterval() == 0) || step == stopAt;
      if (save) {
        lastCheckpoint = checkpoints.save(state(step, total, r, sinceCheckpoint), cfg.keepCheckpoints(), contents);
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

  private TrainerState state(long step, long total, StepResult last, List<Double> recent) {
    long micro = step * cfg.accumulationSteps();
    return new TrainerState(TrainerState.CURRENT_VERSION, step, total, micro, last.epoch(),
        cfg.seed(), identity.mode(), identity.dataFingerprint(), identity.tokenizerSha256(),
        cfg.batchSize(), cfg.accumulationSteps(), cfg.maxSeqLen(), cfg.learningRate(), last.loss(),
        List.copyOf(recent), identity.settings());
  }

  /** Loads the newest checkpoint, checking it belongs to this run; returns its step. */
  private long restore(long total) throws IOException {
    Optional<Path> latest = checkpoints.latest();
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
    check(mismatches, "settings", s.settingsOrEmpty(), identity.settings());
    if (!mismatches.isEmpty()) {
      throw new IllegalArgumentException("cannot resume from " + latest.get()
          + ": it belongs to a different run (" + String.join("; ", mismatches)
          + "). Use the original settings or a new output directory.");
    }
    contents.read(latest.get());
    return s.step();
  }

  private static void check(List<String> out, String what, Object saved, Object now) {
    if (!Objects.equals(saved, now)) {
      out.add(what + " was " + saved + ", now " + now);
    }
  }
}
