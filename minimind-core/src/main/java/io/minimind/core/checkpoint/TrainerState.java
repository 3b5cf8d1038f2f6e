package io.minimind.core.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * Everything besides tensors that a resumed run needs to continue exactly where it stopped. Saved
 * as {@code trainer_state.json}.
 *
 * @param formatVersion version of this record's layout (loaders upgrade older ones)
 * @param step optimizer steps completed
 * @param totalSteps optimizer steps of the whole run (the schedule's length)
 * @param microBatchesDone micro-batches consumed; with the seed this fixes the data position
 * @param epoch epoch of the last micro-batch before the checkpoint
 * @param seed data-order and init seed
 * @param mode "pretrain" or "sft"
 * @param dataFingerprint identifies the dataset (paths, sizes, good-line counts)
 * @param tokenizerSha256 hash of tokenizer.json
 * @param batchSize micro-batch size of the run
 * @param accumulationSteps micro-batches per step
 * @param maxSeqLen truncation length
 * @param learningRate peak learning rate
 * @param lastLoss loss of the last completed step
 * @param recentLosses losses of the steps since the previous checkpoint
 * @param settings the algorithm's own hyper-parameters (see {@link
 *     io.minimind.core.train.RunIdentity#settings()}); absent (null) in checkpoints written before
 *     they existed, which then count as empty
 */
public record TrainerState(
    int formatVersion,
    long step,
    long totalSteps,
    long microBatchesDone,
    int epoch,
    long seed,
    String mode,
    String dataFingerprint,
    String tokenizerSha256,
    int batchSize,
    int accumulationSteps,
    int maxSeqLen,
    double learningRate,
    double lastLoss,
    List<Double> recentLosses,
    Map<String, String> settings) {

  public static final int CURRENT_VERSION = 1;

  /** The settings, empty for checkpoints that predate them. */
  public Map<String, String> settingsOrEmpty() {
    return settings == null ? Map.of() : settings;
  }
}
