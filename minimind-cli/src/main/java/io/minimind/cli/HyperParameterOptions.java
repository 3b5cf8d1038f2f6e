package io.minimind.cli;

import io.minimind.core.train.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The training hyper-parameters and run controls of the {@code train} commands (inside {@link
 * TrainOptions} for pretrain, sft, reason and lora; directly in dpo and distill); unset options keep
 * the algorithm's defaults.
 */
final class HyperParameterOptions {
  @Option(names = "--epochs") Integer epochs;
  @Option(names = "--batch-size", description = "samples per micro-batch (pairs for DPO)") Integer batchSize;
  @Option(names = {"--learning-rate", "--lr"}) Double learningRate;
  @Option(names = "--max-seq-len") Integer maxSeqLen;
  @Option(names = "--accumulation-steps") Integer accumulationSteps;
  @Option(names = "--grad-clip") Double gradClip;
  @Option(names = "--weight-decay") Double weightDecay;
  @Option(names = "--save-interval", description = "optimizer steps between checkpoints (0: end only)") Integer saveInterval;
  @Option(names = "--log-interval") Integer logInterval;
  @Option(names = "--seed") Long seed;
  @Option(names = "--max-steps", description = "cap the run at this many optimizer steps") Long maxSteps;
  @Option(names = "--stop-after-steps", description = "stop early (resumable) after this many steps") Long stopAfterSteps;
  @Option(names = "--keep-checkpoints") Integer keepCheckpoints;

  @Option(names = "--max-bad-lines", defaultValue = "100", description = "bad JSONL lines reported and skipped before the run stops; default ${DEFAULT-VALUE}")
  int maxBadLines;

  @Option(names = "--resume", description = "continue from the newest checkpoint in --out")
  boolean resume;

  /** {@code d} with every option given on the command line applied. */
  TrainConfig over(TrainConfig d) {
    return new TrainConfig(
        or(epochs, d.epochs()), or(batchSize, d.batchSize()), or(learningRate, d.learningRate()),
        or(maxSeqLen, d.maxSeqLen()), or(accumulationSteps, d.accumulationSteps()),
        or(gradClip, d.gradClip()), or(weightDecay, d.weightDecay()), or(saveInterval, d.saveInterval()),
        or(logInterval, d.logInterval()), or(seed, d.seed()), d.shuffle(), or(maxSteps, d.maxSteps()),
        or(stopAfterSteps, d.stopAfterSteps()), or(keepCheckpoints, d.keepCheckpoints()));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
