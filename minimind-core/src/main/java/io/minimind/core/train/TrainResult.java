package io.minimind.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of a training run.
 *
 * @param stepsDone optimizer steps completed in total (including those before a resume)
 * @param totalSteps planned optimizer steps of the run
 * @param losses loss of every step run by this process, in order (index 0 = first step after start
 *     or resume)
 * @param tokensPerSecond average positions per second of this process
 * @param lastCheckpoint the newest checkpoint directory, or null
 * @param completed true when every planned step ran (false when stopped early)
 */
public record TrainResult(
    long stepsDone,
    long totalSteps,
    List<Double> losses,
    double tokensPerSecond,
    Path lastCheckpoint,
    boolean completed) {

  /** Loss of the final step, or NaN when no step ran. */
  public double finalLoss() {
    return losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1);
  }
}
