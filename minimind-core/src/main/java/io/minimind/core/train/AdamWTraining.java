package io.minimind.core.train;

import ai.djl.ndarray.NDManager;
import io.minimind.core.checkpoint.Checkpoints;
import java.io.IOException;

/**
 * A run of one set of trainable weights under AdamW on the shared {@link TrainingLoop}: the
 * optimizer's moments are checkpointed with the weights, so a resume continues exactly. Used by
 * the trainers with a single optimizer (pretrain/SFT/LoRA, DPO, distillation).
 */
public final class AdamWTraining {
  private AdamWTraining() {}

  /** One optimizer step given the optimizer (the loop supplies step and total). */
  @FunctionalInterface
  public interface Step {
    StepResult run(long step, long totalSteps, AdamW optimizer);
  }

  /**
   * @param manager owns the optimizer state
   * @param resume continue from the newest checkpoint when there is one
   */
  public static TrainResult run(TrainableWeights trainable, TrainConfig cfg, RunIdentity identity,
      Checkpoints checkpoints, ProgressListener listener, NDManager manager, long totalSteps,
      boolean resume, Step step) throws IOException {
    GradMode.offOnThisThread();
    try (AdamW optimizer = new AdamW(manager, 0.9, 0.999, 1e-8, cfg.weightDecay())) {
      TrainingLoop loop = new TrainingLoop(cfg, identity, checkpoints,
          trainable.checkpoint(optimizer, manager), listener);
      return loop.run((s, total) -> step.run(s, total, optimizer), totalSteps, resume);
    }
  }
}
