package io.minimind.cli;

import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** MiniMind's training options, shared by every {@code train} subcommand. */
final class TrainOptions {
  @Option(names = "--data", required = true, description = "MiniMind-format JSONL dataset")
  Path data;

  @Option(names = "--out", defaultValue = "runs/train", description = "output directory (checkpoints/, model/); default ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--preset", defaultValue = "minimind2-small", description = "tiny, minimind2-small, minimind2, minimind2-moe; default ${DEFAULT-VALUE}")
  String preset;

  @Option(names = "--set", description = "override a model config field, e.g. --set hidden_size=768 (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--init-from", description = "start from this model directory (e.g. the pretrained model/)")
  Path initFrom;

  @Option(names = "--tokenizer", description = "tokenizer directory (default: --init-from's, else MiniMind's)")
  Path tokenizer;

  @Option(names = "--epochs") Integer epochs;
  @Option(names = "--batch-size") Integer batchSize;
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

  /** Settings on top of the mode's MiniMind defaults. */
  TrainingRun.Spec spec(TrainingRun.Mode mode) {
    return spec(mode, io.minimind.core.data.ReasonEncoder.DEFAULT_TAG_WEIGHT);
  }

  /** As {@link #spec(TrainingRun.Mode)}, with the tag weight of reasoning SFT. */
  TrainingRun.Spec spec(TrainingRun.Mode mode, double tagWeight) {
    TrainConfig d = switch (mode) {
      case PRETRAIN -> TrainConfig.pretrainDefaults();
      case SFT -> TrainConfig.sftDefaults();
      case REASON -> TrainConfig.reasonDefaults();
    };
    return new TrainingRun.Spec(mode, data, out, preset, overrides, initFrom, tokenizer,
        trainConfig(d), maxBadLines, resume, tagWeight);
  }

  /** The hyper-parameters given on the command line, {@code d}'s where not given. */
  TrainConfig trainConfig(TrainConfig d) {
    return new TrainConfig(
        or(epochs, d.epochs()), or(batchSize, d.batchSize()), or(learningRate, d.learningRate()),
        or(maxSeqLen, d.maxSeqLen()), or(accumulationSteps, d.accumulationSteps()),
        or(gradClip, d.gradClip()), or(weightDecay, d.weightDecay()), or(saveInterval, d.saveInterval()),
        or(logInterval, d.logInterval()), or(seed, d.seed()), true, or(maxSteps, d.maxSteps()),
        or(stopAfterSteps, d.stopAfterSteps()), or(keepCheckpoints, d.keepCheckpoints()));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
