package io.minimind.core.train;

/**
 * Hyper-parameters of one training run (MiniMind's command-line options).
 *
 * @param epochs passes over the data
 * @param batchSize samples per micro-batch
 * @param learningRate peak learning rate of the cosine schedule
 * @param maxSeqLen samples are truncated to this many tokens
 * @param accumulationSteps micro-batches per optimizer step
 * @param gradClip max global gradient norm (MiniMind: 1.0)
 * @param weightDecay AdamW decoupled weight decay (torch default 0.01)
 * @param saveInterval optimizer steps between checkpoints (0: only at the end)
 * @param logInterval optimizer steps between progress reports
 * @param seed seeds parameter init and the data order
 * @param shuffle visit samples in a seeded random order per epoch
 * @param maxSteps cap on the optimizer steps of the whole run (0: all epochs); the schedule spans
 *     this many steps
 * @param stopAfterSteps stop early once this many steps are done (0: never), keeping the schedule
 *     of the full run, so a later {@code --resume} continues exactly
 * @param keepCheckpoints how many step checkpoints to keep (oldest deleted first)
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    double learningRate,
    int maxSeqLen,
    int accumulationSteps,
    double gradClip,
    double weightDecay,
    int saveInterval,
    int logInterval,
    long seed,
    boolean shuffle,
    long maxSteps,
    long stopAfterSteps,
    int keepCheckpoints) {

  public TrainConfig {
    require(epochs > 0, "epochs must be > 0, got " + epochs);
    require(batchSize > 0, "batch size must be > 0, got " + batchSize);
    require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1), got " + learningRate);
    require(maxSeqLen >= 2, "max sequence length must be >= 2, got " + maxSeqLen);
    require(accumulationSteps > 0, "accumulation steps must be > 0, got " + accumulationSteps);
    require(gradClip > 0, "gradient clip must be > 0, got " + gradClip);
    require(weightDecay >= 0, "weight decay must be >= 0, got " + weightDecay);
    require(saveInterval >= 0, "save interval must be >= 0, got " + saveInterval);
    require(logInterval > 0, "log interval must be > 0, got " + logInterval);
    require(maxSteps >= 0 && stopAfterSteps >= 0, "step limits must be >= 0");
    require(keepCheckpoints > 0, "keep checkpoints must be > 0, got " + keepCheckpoints);
  }

  /** MiniMind's pretraining defaults (lr 5e-4, batch 32, seq 512, 1 epoch, accumulation 8). */
  public static TrainConfig pretrainDefaults() {
    return new TrainConfig(1, 32, 5e-4, 512, 8, 1.0, 0.01, 1000, 10, 42, true, 0, 0, 3);
  }

  /** MiniMind's full-SFT defaults (lr 1e-6 at scale; 5e-5 suits the small sample set better). */
  public static TrainConfig sftDefaults() {
    return new TrainConfig(2, 16, 5e-5, 512, 1, 1.0, 0.01, 1000, 10, 42, true, 0, 0, 3);
  }

  /** MiniMind's LoRA defaults (train_lora.py: 10 epochs, batch 32, lr 1e-4, seq 340). */
  public static TrainConfig loraDefaults() {
    return new TrainConfig(10, 32, 1e-4, 340, 1, 1.0, 0.01, 1000, 10, 42, true, 0, 0, 3);
  }

  /**
   * MiniMind's reasoning-SFT defaults (train_reason.py: 1 epoch, batch 8, lr 1e-6, seq 720; it
   * fine-tunes an already aligned model, hence the small learning rate).
   */
  public static TrainConfig reasonDefaults() {
    return new TrainConfig(1, 8, 1e-6, 720, 1, 1.0, 0.01, 100, 10, 42, true, 0, 0, 3);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid training config: " + message);
    }
  }
}
