package io.minimind.core.train;

/** The loss became NaN or infinite; nothing was checkpointed after the last good step. */
public final class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
