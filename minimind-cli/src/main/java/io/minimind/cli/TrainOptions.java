package io.minimind.cli;

import io.minimind.core.train.TrainConfig;
import io.minimind.core.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
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

  /** Hyper-parameters and run controls (--epochs ... --resume), shared with dpo and distill. */
  @Mixin HyperParameterOptions hyper = new HyperParameterOptions();

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
        trainConfig(d), hyper.maxBadLines, hyper.resume, tagWeight);
  }

  /** The hyper-parameters given on the command line, {@code d}'s where not given. */
  TrainConfig trainConfig(TrainConfig d) {
    return hyper.over(d);
  }
}
