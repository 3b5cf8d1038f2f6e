package io.minimind.core.train;

import java.nio.file.Path;

/**
 * Receives training progress: the CLI draws a progress bar, the trainer service forwards events
 * over Kafka. Calls come from the training thread; implementations must be quick.
 */
public interface ProgressListener {
  /** Before the first step; {@code firstStep} > 0 when resuming. */
  default void onStart(long firstStep, long totalSteps) {}

  /** After every {@code logInterval} optimizer steps and after the last one. */
  default void onStep(StepMetrics metrics) {}

  /** After a checkpoint directory was completely written. */
  default void onCheckpoint(long step, Path directory) {}

  /** After the run ended normally (also when stopped early by {@code stopAfterSteps}). */
  default void onFinish(TrainResult result) {}

  /**
   * Asked after every optimizer step (and its checkpoint, if one was due): true stops the run
   * there, cleanly, as {@code stopAfterSteps} would. Used for cancellation; must be cheap.
   */
  default boolean stopRequested() {
    return false;
  }

  ProgressListener NONE = new ProgressListener() {};
}
