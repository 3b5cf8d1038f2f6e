package io.minimind.cli;

import io.minimind.core.train.TrainingRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code minimind train reason}: MiniMind's reasoning SFT (train_reason.py). */
@Command(name = "reason", mixinStandardHelpOptions = true,
    description = {"Reasoning SFT on {\"conversations\": [...]} lines whose replies hold "
        + "<think>...</think><answer>...</answer>: SFT where the tag tokens weigh --tag-weight "
        + "in the loss.",
        "Defaults are MiniMind's (1 epoch, batch 8, lr 1e-6, max seq 720); start from a trained "
        + "model with --init-from."})
final class ReasonCommand implements Callable<Integer> {
  @Mixin TrainOptions options;
  @Mixin EngineOptions engine;

  @Option(names = "--tag-weight", defaultValue = "10",
      description = "loss weight of the <think>, </think>, <answer>, </answer> tokens; default ${DEFAULT-VALUE}")
  double tagWeight;

  @Override
  public Integer call() throws Exception {
    return TrainCommand.train(options.spec(TrainingRun.Mode.REASON, tagWeight), engine);
  }
}
