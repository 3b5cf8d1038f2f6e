package io.minimind.core.train;

/**
 * One algorithm's optimizer step: forward and backward over the step's micro-batches, then the
 * update. The {@link TrainingLoop} around it owns counting, logging, checkpoints and resume, so
 * pretraining, SFT, DPO, distillation and the RL algorithms share them.
 *
 * <p>Step {@code s} must depend only on {@code s}, the seed and the state restored from the last
 * checkpoint — that is what makes a resumed run equal to an uninterrupted one.
 */
@FunctionalInterface
public interface StepFunction {
  /**
   * @param step 0-based index of the step to run
   * @param totalSteps steps of the whole run (the learning-rate schedule's length)
   */
  StepResult run(long step, long totalSteps);
}
